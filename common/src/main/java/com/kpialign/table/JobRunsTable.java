package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code ops.job_runs}, the run manifest: one appended row per job run with its
 * status, timing, the table versions it read and wrote, and the error if it failed.
 */
public final class JobRunsTable {
  public static final String TABLE = "job_runs";

  public static final StructType TABLE_VERSION = DataTypes.createStructType(List.of(
      DataTypes.createStructField("table", DataTypes.StringType, true),
      DataTypes.createStructField("version", DataTypes.LongType, true),
      DataTypes.createStructField("rows", DataTypes.LongType, true)));

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("job", DataTypes.StringType, false),
      DataTypes.createStructField("run_date", DataTypes.DateType, true),
      DataTypes.createStructField("range_from", DataTypes.DateType, true),
      DataTypes.createStructField("range_to", DataTypes.DateType, true),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
      DataTypes.createStructField("ended_at", DataTypes.TimestampType, false),
      DataTypes.createStructField("duration_ms", DataTypes.LongType, false),
      DataTypes.createStructField("inputs", DataTypes.createArrayType(TABLE_VERSION, true), false),
      DataTypes.createStructField("outputs", DataTypes.createArrayType(TABLE_VERSION, true), false),
      DataTypes.createStructField("error", DataTypes.StringType, true)));

  /** Append-only: a run is recorded once and never rewritten. */
  public static final TableContract CONTRACT = new TableContract(TableContract.Database.OPS,
      TABLE, SCHEMA, List.of(), java.util.Map.of("delta.appendOnly", "true"));

  private JobRunsTable() {}

  public static String name(String opsDatabase) {
    return opsDatabase + "." + TABLE;
  }
}
