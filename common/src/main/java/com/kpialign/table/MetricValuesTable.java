package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.metric_values}: every catalog metric per grain ({@code day},
 * {@code week} (ISO, Monday first), {@code month}, {@code quarter}), period and slice
 * ({@code all}, {@code region=EU}, {@code channel=email&region=EU}; {@code slice_dims} names the
 * cut: {@code all}, {@code region}, {@code channel&region}). {@code numerator} and
 * {@code denominator} are set for ratios (the parts' values) and averages (sum and count).
 * {@code verified} is false when an error check failed on a day of the period for a source the
 * metric reads (null when the days were not validated). {@code run_date} is the last day of data
 * the value includes. {@code period_month} is the first day of the month the period starts in.
 */
public final class MetricValuesTable {
  public static final String TABLE = "metric_values";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("metric_id", DataTypes.StringType, false),
      DataTypes.createStructField("grain", DataTypes.StringType, false),
      DataTypes.createStructField("period_start", DataTypes.DateType, false),
      DataTypes.createStructField("period_end", DataTypes.DateType, false),
      DataTypes.createStructField("slice_dims", DataTypes.StringType, false),
      DataTypes.createStructField("slice", DataTypes.StringType, false),
      DataTypes.createStructField("value", DataTypes.DoubleType, true),
      DataTypes.createStructField("numerator", DataTypes.DoubleType, true),
      DataTypes.createStructField("denominator", DataTypes.DoubleType, true),
      DataTypes.createStructField("verified", DataTypes.BooleanType, true),
      DataTypes.createStructField("definition_version", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("run_date", DataTypes.DateType, false),
      DataTypes.createStructField("period_month", DataTypes.DateType, false)));

  /** Partitioned by grain and the month the period starts in: a nightly run rewrites a few
   * small partitions, not files holding the whole history. */
  public static final List<String> PARTITION_COLUMNS = List.of("grain", "period_month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private MetricValuesTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
