package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.benchmarks}: every value of {@code kpi.metric_values} (metric, grain,
 * period, slice) against its history, its target and its peers, with its status. A figure that
 * cannot be computed is null and the matching {@code *_reason} column says why. See {@code
 * SeriesBenchmarks} and {@code Benchmarks} for the methods. Partitioned like the values.
 */
public final class BenchmarksTable {
  public static final String TABLE = "benchmarks";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      f("metric_id", DataTypes.StringType, false), f("grain", DataTypes.StringType, false),
      f("period_start", DataTypes.DateType, false), f("period_end", DataTypes.DateType, false),
      f("slice_dims", DataTypes.StringType, false), f("slice", DataTypes.StringType, false),
      f("value", DataTypes.DoubleType, true),
      f("period_complete", DataTypes.BooleanType, false),
      f("elapsed_days", DataTypes.IntegerType, false),
      f("period_days", DataTypes.IntegerType, false),
      f("previous_value", DataTypes.DoubleType, true),
      f("previous_change", DataTypes.DoubleType, true),
      f("previous_change_pct", DataTypes.DoubleType, true),
      f("previous_reason", DataTypes.StringType, true),
      f("last_year_start", DataTypes.DateType, true),
      f("last_year_value", DataTypes.DoubleType, true),
      f("last_year_change", DataTypes.DoubleType, true),
      f("last_year_change_pct", DataTypes.DoubleType, true),
      f("last_year_reason", DataTypes.StringType, true),
      f("history_periods", DataTypes.IntegerType, false),
      f("history_mean", DataTypes.DoubleType, true), f("history_sd", DataTypes.DoubleType, true),
      f("history_median", DataTypes.DoubleType, true),
      f("history_mad", DataTypes.DoubleType, true), f("robust_z", DataTypes.DoubleType, true),
      f("percentile", DataTypes.DoubleType, true),
      f("history_reason", DataTypes.StringType, true),
      f("expected", DataTypes.DoubleType, true), f("expected_low", DataTypes.DoubleType, true),
      f("expected_high", DataTypes.DoubleType, true),
      f("expected_method", DataTypes.StringType, true),
      f("interval_position", DataTypes.StringType, true),
      f("expected_reason", DataTypes.StringType, true),
      f("xmr_centre", DataTypes.DoubleType, true), f("xmr_lower", DataTypes.DoubleType, true),
      f("xmr_upper", DataTypes.DoubleType, true), f("signal", DataTypes.StringType, true),
      f("signal_side", DataTypes.StringType, true),
      f("signal_reason", DataTypes.StringType, true),
      f("target", DataTypes.DoubleType, true), f("paced_target", DataTypes.DoubleType, true),
      f("pacing", DataTypes.StringType, true), f("attainment", DataTypes.DoubleType, true),
      f("target_reason", DataTypes.StringType, true),
      f("peer_industry", DataTypes.StringType, true),
      f("peer_period_start", DataTypes.DateType, true),
      f("peer_p25", DataTypes.DoubleType, true), f("peer_p50", DataTypes.DoubleType, true),
      f("peer_p75", DataTypes.DoubleType, true), f("peer_band", DataTypes.StringType, true),
      f("peer_reason", DataTypes.StringType, true),
      f("sibling_rank", DataTypes.IntegerType, true),
      f("siblings", DataTypes.IntegerType, true),
      f("gap_to_best", DataTypes.DoubleType, true),
      f("gap_to_median", DataTypes.DoubleType, true),
      f("status", DataTypes.StringType, true), f("status_reason", DataTypes.StringType, false),
      f("run_id", DataTypes.StringType, false), f("run_date", DataTypes.DateType, false),
      f("period_month", DataTypes.DateType, false)));

  public static final List<String> PARTITION_COLUMNS = List.of("grain", "period_month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private BenchmarksTable() {}

  static StructField f(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
