package com.kpialign.table;

import static com.kpialign.table.BenchmarksTable.f;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.movements}: every value of {@code kpi.benchmarks} (metric, grain, complete
 * period, slice) that left its prediction interval or turned red, with the size and direction of
 * its deviation from the expected value. {@code movement_id} is
 * {@code metric_id|grain|period_start|slice}; {@code reason} is {@code outside_interval},
 * {@code turned_red} or both, comma-separated. Partitioned like the benchmarks.
 */
public final class MovementsTable {
  public static final String TABLE = "movements";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      f("movement_id", DataTypes.StringType, false), f("metric_id", DataTypes.StringType, false),
      f("grain", DataTypes.StringType, false), f("period_start", DataTypes.DateType, false),
      f("period_end", DataTypes.DateType, false), f("slice_dims", DataTypes.StringType, false),
      f("slice", DataTypes.StringType, false), f("value", DataTypes.DoubleType, false),
      f("expected", DataTypes.DoubleType, true), f("expected_low", DataTypes.DoubleType, true),
      f("expected_high", DataTypes.DoubleType, true),
      f("deviation", DataTypes.DoubleType, true), f("deviation_pct", DataTypes.DoubleType, true),
      f("direction", DataTypes.StringType, true),
      f("interval_position", DataTypes.StringType, true),
      f("status", DataTypes.StringType, true), f("previous_status", DataTypes.StringType, true),
      f("reason", DataTypes.StringType, false),
      f("run_id", DataTypes.StringType, false), f("run_date", DataTypes.DateType, false),
      f("period_month", DataTypes.DateType, false)));

  public static final List<String> PARTITION_COLUMNS = List.of("grain", "period_month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private MovementsTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
