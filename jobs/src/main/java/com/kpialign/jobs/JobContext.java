package com.kpialign.jobs;

import com.kpialign.config.Conf;
import com.kpialign.spark.SparkSessions;
import com.kpialign.table.Warehouse;
import org.apache.spark.sql.SparkSession;

/** What every job runs with: the validated configuration, the Spark session and the warehouse. */
public record JobContext(Conf conf, SparkSession spark, Warehouse warehouse, String runId) {

  /** Starts Spark for {@code conf}'s environment and registers the warehouse's tables by name. */
  public static JobContext open(Conf conf, String appName, String runId) {
    SparkSession spark = SparkSessions.create(conf.environment(), appName);
    Warehouse warehouse = new Warehouse(spark, conf.environment());
    warehouse.registerTables();
    return new JobContext(conf, spark, warehouse, runId);
  }
}
