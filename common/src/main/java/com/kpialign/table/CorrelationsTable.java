package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.correlations}: one row per test of a {@code kpi correlate} run, as of
 * {@code run_date}: a pair of metrics ({@code metric_a < metric_b}, their verticals, why the pair
 * is tested ({@code pair_kind}: {@code tree_edge}, {@code cross_vertical}, {@code objective_kpi}),
 * the tree {@code edge} between them and the {@code expected_sign} of an aligned relation), a
 * {@code grain} ({@code day}, {@code week}), a {@code slice} ({@code all} or a shared slice such as
 * {@code region=EU}), and a {@code lag} in periods of the grain (positive: a leads b). The series
 * are residuals ({@code transform}) over {@code window_start..window_end}; {@code n} points; the
 * Pearson and Spearman coefficients with two-sided p-values and Benjamini-Hochberg q-values over
 * all tests of the run; {@code significant}; {@code best_lag} (one row per pair, grain and slice);
 * {@code stable_sub_windows} of {@code sub_windows} agreeing in sign and significance;
 * {@code reason} when there is no coefficient. A run replaces its run date's rows.
 */
public final class CorrelationsTable {
  public static final String TABLE = "correlations";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_date", DataTypes.DateType, false),
      DataTypes.createStructField("grain", DataTypes.StringType, false),
      DataTypes.createStructField("metric_a", DataTypes.StringType, false),
      DataTypes.createStructField("metric_b", DataTypes.StringType, false),
      DataTypes.createStructField("vertical_a", DataTypes.StringType, false),
      DataTypes.createStructField("vertical_b", DataTypes.StringType, false),
      DataTypes.createStructField("pair_kind", DataTypes.StringType, false),
      DataTypes.createStructField("edge", DataTypes.StringType, true),
      DataTypes.createStructField("expected_sign", DataTypes.IntegerType, true),
      DataTypes.createStructField("slice_dims", DataTypes.StringType, false),
      DataTypes.createStructField("slice", DataTypes.StringType, false),
      DataTypes.createStructField("transform", DataTypes.StringType, false),
      DataTypes.createStructField("window_start", DataTypes.DateType, false),
      DataTypes.createStructField("window_end", DataTypes.DateType, false),
      DataTypes.createStructField("lag", DataTypes.IntegerType, false),
      DataTypes.createStructField("n", DataTypes.LongType, false),
      DataTypes.createStructField("pearson_r", DataTypes.DoubleType, true),
      DataTypes.createStructField("pearson_p", DataTypes.DoubleType, true),
      DataTypes.createStructField("pearson_q", DataTypes.DoubleType, true),
      DataTypes.createStructField("spearman_r", DataTypes.DoubleType, true),
      DataTypes.createStructField("spearman_p", DataTypes.DoubleType, true),
      DataTypes.createStructField("spearman_q", DataTypes.DoubleType, true),
      DataTypes.createStructField("significant", DataTypes.BooleanType, false),
      DataTypes.createStructField("best_lag", DataTypes.BooleanType, false),
      DataTypes.createStructField("sub_windows", DataTypes.IntegerType, false),
      DataTypes.createStructField("stable_sub_windows", DataTypes.IntegerType, true),
      DataTypes.createStructField("reason", DataTypes.StringType, true),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final List<String> PARTITION_COLUMNS = List.of("run_date");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private CorrelationsTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
