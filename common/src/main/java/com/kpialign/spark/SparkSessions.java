package com.kpialign.spark;

import com.kpialign.config.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command runs in, from the environment: Delta enabled, the
 * reporting time zone (UTC unless the environment says), the
 * strict date parser (an unparseable date is null, which ingest quarantines, never an exception
 * or a silent legacy reinterpretation) and the environment's own settings last, so they win.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Settings every KPI Align session needs, whatever the environment. */
  public static Map<String, String> requiredSettings(String warehouse) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put("spark.sql.catalog.spark_catalog",
        "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    settings.put("spark.sql.catalogImplementation", "in-memory");
    settings.put("spark.sql.warehouse.dir", warehouse);
    settings.put("spark.sql.session.timeZone", "UTC");
    settings.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    settings.put("spark.sql.ansi.enabled", "false");
    return settings;
  }

  public static SparkSession create(Environment env, String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    env.sparkMaster().ifPresent(builder::master);
    requiredSettings(env.warehouse()).forEach(builder::config);
    builder.config("spark.sql.session.timeZone", env.reportingTimeZone());
    env.sparkSettings().forEach(builder::config);
    // log levels come from the logging configuration (bin/kpi: quiet; --verbose: INFO), not here
    return builder.getOrCreate();
  }
}
