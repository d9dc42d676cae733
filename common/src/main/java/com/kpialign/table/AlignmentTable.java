package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.alignment}: what the correlations say about alignment, as of
 * {@code run_date}, per {@code grain}. {@code subject_type}:
 * <ul>
 *   <li>{@code pair} ({@code metric_a}, {@code metric_b}, {@code slice}): {@code classification}
 *       {@code aligned} (significant, with the expected sign), {@code leading_indicator} (the same
 *       at a non-zero lag: {@code leader} moves {@code follower} {@code lag} periods later),
 *       {@code conflict} (significant against the expected sign, between verticals or along a
 *       tree edge), {@code scale_linked} (against the expected sign, but both are totals that
 *       grow with the business, such as costs and revenue: scale, not incentives),
 *       {@code trade_off} (against the expected sign within one vertical, off the tree),
 *       {@code related} (significant, no expected sign: a band metric), {@code unrelated};
 *       with the best lag's {@code r} (Pearson), {@code q}, observed {@code sign}.</li>
 *   <li>{@code metric}: {@code objective_kpi}, {@code related} (significant relation to
 *       {@code related_kpis} objective KPIs) or {@code vanity} (none), slice {@code all}.</li>
 *   <li>{@code vertical} and {@code overall}: {@code score}, the share of the significant pairs
 *       they take part in (slice {@code all}) that are aligned or leading rather than in conflict,
 *       out of {@code judged_pairs}; null when none is significant.</li>
 * </ul>
 * A run replaces its run date's rows.
 */
public final class AlignmentTable {
  public static final String TABLE = "alignment";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_date", DataTypes.DateType, false),
      DataTypes.createStructField("grain", DataTypes.StringType, false),
      DataTypes.createStructField("subject_type", DataTypes.StringType, false),
      DataTypes.createStructField("subject_id", DataTypes.StringType, false),
      DataTypes.createStructField("metric_a", DataTypes.StringType, true),
      DataTypes.createStructField("metric_b", DataTypes.StringType, true),
      DataTypes.createStructField("slice", DataTypes.StringType, false),
      DataTypes.createStructField("classification", DataTypes.StringType, false),
      DataTypes.createStructField("sign", DataTypes.IntegerType, true),
      DataTypes.createStructField("expected_sign", DataTypes.IntegerType, true),
      DataTypes.createStructField("r", DataTypes.DoubleType, true),
      DataTypes.createStructField("q", DataTypes.DoubleType, true),
      DataTypes.createStructField("lag", DataTypes.IntegerType, true),
      DataTypes.createStructField("leader", DataTypes.StringType, true),
      DataTypes.createStructField("follower", DataTypes.StringType, true),
      DataTypes.createStructField("related_kpis", DataTypes.IntegerType, true),
      DataTypes.createStructField("judged_pairs", DataTypes.IntegerType, true),
      DataTypes.createStructField("score", DataTypes.DoubleType, true),
      DataTypes.createStructField("detail", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, List.of());

  private AlignmentTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
