package com.kpialign.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where one deployment keeps its data and how it runs Spark. {@code warehouse} holds the Delta
 * tables, {@code landing} the warehouse extracts; both are Hadoop paths (local, HDFS, s3a, ...).
 * {@code sparkMaster} is empty when spark-submit decides. {@code registerTables} makes every
 * session register the warehouse's tables by name (the embedded default has no shared metastore).
 * {@code reportingTimeZone} is the zone days, weeks and months are counted in: the event day of
 * a timestamp is its date there, and Spark sessions run in it.
 */
public record Environment(String name, String warehouse, String landing,
    Optional<String> sparkMaster, Map<String, String> sparkSettings, Databases databases,
    boolean registerTables, String reportingTimeZone) {

  public Environment {
    sparkSettings = Map.copyOf(sparkSettings);
  }

  /** Names of the catalog databases the product writes to; each is configurable. */
  public record Databases(String raw, String quality, String kpi, String finance, String ops) {}
}
