package com.kpialign.testing;

import com.kpialign.spark.SparkSessions;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: local[2], few shuffle partitions, no UI, Delta enabled the
 * way production sessions are. Built on first use and stopped when the JVM exits.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      SparkSession.Builder builder = SparkSession.builder()
          .master("local[2]")
          .appName("kpi-align-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.driver.host", "127.0.0.1");
      SparkSessions.requiredSettings(System.getProperty("java.io.tmpdir") + "/kpi-test-warehouse")
          .forEach(builder::config);
      session = builder.getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** Rows of a Dataset as strings like {@code [a, 1]}, sorted, for readable assertions. */
  public static List<String> rows(Dataset<Row> dataset) {
    return dataset.collectAsList().stream().map(Row::toString).sorted()
        .collect(Collectors.toList());
  }
}
