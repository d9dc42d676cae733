package com.kpialign.table;

import static com.kpialign.table.BenchmarksTable.f;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.root_causes}: what explains a movement of a whole metric (slice
 * {@code all}). {@code kind} is {@code driver} (a child metric of the KPI tree; {@code method}
 * {@code formula}: its exact Shapley contribution to the change, nested drivers as
 * {@code orders > sessions}; {@code influence}: an influencing metric's own relative deviation
 * in the period, signed so that positive means it moved the way that explains the movement) or
 * {@code dimension} ({@code method} {@code localization}: an element such as
 * {@code carrier=ShipFast&region=EU} and the change it explains). {@code share} is the
 * contribution over the movement's change; {@code rank} orders each kind by importance.
 */
public final class RootCausesTable {
  public static final String TABLE = "root_causes";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      f("movement_id", DataTypes.StringType, false), f("metric_id", DataTypes.StringType, false),
      f("grain", DataTypes.StringType, false), f("period_start", DataTypes.DateType, false),
      f("kind", DataTypes.StringType, false), f("method", DataTypes.StringType, false),
      f("element", DataTypes.StringType, false), f("contribution", DataTypes.DoubleType, true),
      f("share", DataTypes.DoubleType, true), f("score", DataTypes.DoubleType, true),
      f("rank", DataTypes.IntegerType, false),
      f("run_id", DataTypes.StringType, false), f("run_date", DataTypes.DateType, false),
      f("period_month", DataTypes.DateType, false)));

  public static final List<String> PARTITION_COLUMNS = List.of("grain", "period_month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private RootCausesTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
