package com.kpialign.jobs;

import com.kpialign.assembly.Conf;
import com.kpialign.config.Environment;
import com.kpialign.spark.SparkSessions;
import com.kpialign.table.TableIo;
import com.kpialign.table.Warehouse;
import org.apache.spark.sql.SparkSession;

/**
 * What every job runs with: the validated configuration, the Spark session, the warehouse, and,
 * while a job runs, its table reads and writes ({@link #tables}), which the run manifest lists.
 */
public record JobContext(Conf conf, SparkSession spark, Warehouse warehouse, String runId,
    TableIo tables) {

  /** Starts Spark for {@code conf}'s environment and registers the warehouse's tables by name. */
  public static JobContext open(Conf conf, String appName, String runId) {
    SparkSession spark = SparkSessions.create(conf.environment(), appName);
    Warehouse warehouse = new Warehouse(spark, conf.environment());
    warehouse.registerTables();
    // a job run directly on this context (a test, a one-off) records into these; the runner
    // gives each run its own
    return new JobContext(conf, spark, warehouse, runId, new TableIo(warehouse, runId, null));
  }

  /** The context of one job run over {@code dates}, with fresh table I/O. */
  public JobContext forRun(RunDates dates) {
    return new JobContext(conf, spark, warehouse, runId,
        new TableIo(warehouse, runId, dates.to()));
  }

  public Environment.Databases databases() {
    return conf.environment().databases();
  }
}
