package com.kpialign.table;

import static com.kpialign.table.BenchmarksTable.f;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.scorecard}: the balanced scorecard per grain ({@code week},
 * {@code month}, {@code quarter}) and period: for each perspective and objective, one
 * {@code objective} row (its status rolled up from its KPIs: the worst of them) and one
 * {@code kpi} row per KPI (slice {@code all}) with its vertical, owner, value, target,
 * attainment, status and reason, and its {@code trend}: the values of the last periods, oldest
 * first, ending with this one. Partitioned like the values.
 */
public final class ScorecardTable {
  public static final String TABLE = "scorecard";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      f("grain", DataTypes.StringType, false), f("period_start", DataTypes.DateType, false),
      f("period_end", DataTypes.DateType, false),
      f("period_complete", DataTypes.BooleanType, true),
      f("perspective", DataTypes.StringType, false),
      f("objective_id", DataTypes.StringType, false),
      f("objective", DataTypes.StringType, false),
      f("subject_type", DataTypes.StringType, false),
      f("metric_id", DataTypes.StringType, true), f("metric_name", DataTypes.StringType, true),
      f("vertical", DataTypes.StringType, true), f("owner", DataTypes.StringType, false),
      f("value", DataTypes.DoubleType, true), f("target", DataTypes.DoubleType, true),
      f("attainment", DataTypes.DoubleType, true), f("status", DataTypes.StringType, true),
      f("status_reason", DataTypes.StringType, false),
      f("trend", DataTypes.createArrayType(DataTypes.DoubleType, true), true),
      f("run_id", DataTypes.StringType, false), f("run_date", DataTypes.DateType, false),
      f("period_month", DataTypes.DateType, false)));

  public static final List<String> PARTITION_COLUMNS = List.of("grain", "period_month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private ScorecardTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
