package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code quality.dq_results}: one row per data-quality check and extract day, with
 * the check kind, the readable constraint, its severity, the outcome ({@code passed},
 * {@code failed}, {@code no_data} when the extract had no rows, {@code skipped} when an anomaly
 * check lacks history), the measured value and Deequ's message. {@code metric_id} names the
 * catalog metric that declared the check; it is null for checks generated from the schema.
 */
public final class DqResultsTable {
  public static final String TABLE = "dq_results";
  public static final String RUN_DATE = "run_date";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(RUN_DATE, DataTypes.DateType, false),
      DataTypes.createStructField("source", DataTypes.StringType, false),
      DataTypes.createStructField("metric_id", DataTypes.StringType, true),
      DataTypes.createStructField("check", DataTypes.StringType, false),
      DataTypes.createStructField("constraint", DataTypes.StringType, false),
      DataTypes.createStructField("severity", DataTypes.StringType, false),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("metric_value", DataTypes.DoubleType, true),
      DataTypes.createStructField("message", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.QUALITY,
      TABLE, SCHEMA, List.of());

  private DqResultsTable() {}

  public static String name(String qualityDatabase) {
    return qualityDatabase + "." + TABLE;
  }
}
