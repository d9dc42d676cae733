package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.metric_day_state}: the mergeable state of every aggregate metric per day
 * and slice (decimal sum and count, HyperLogLog sketch for distinct counts), from which weeks,
 * months and quarters are rolled up without reading the raw tables again. Internal to the
 * computation; {@code kpi.metric_values} is what to query.
 */
public final class MetricDayStateTable {
  public static final String TABLE = "metric_day_state";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("metric_id", DataTypes.StringType, false),
      DataTypes.createStructField("day", DataTypes.DateType, false),
      DataTypes.createStructField("slice_dims", DataTypes.StringType, false),
      DataTypes.createStructField("slice", DataTypes.StringType, false),
      DataTypes.createStructField("numerator", DataTypes.createDecimalType(38, 6), true),
      DataTypes.createStructField("denominator", DataTypes.createDecimalType(38, 6), true),
      DataTypes.createStructField("sketch", DataTypes.BinaryType, true),
      DataTypes.createStructField("definition_version", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("month", DataTypes.DateType, false)));

  /** Partitioned by month of the day: a nightly run replaces one small partition's rows. */
  public static final List<String> PARTITION_COLUMNS = List.of("month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private MetricDayStateTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
