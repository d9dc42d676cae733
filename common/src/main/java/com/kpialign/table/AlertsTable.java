package com.kpialign.table;

import static com.kpialign.table.BenchmarksTable.f;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.alerts}: one row per incident worth a human (see
 * {@link com.kpialign.rca.Incidents}). Movements of whole metrics in the same period that share
 * their leading dimension cause, or where one is the other's leading formula driver, are one
 * incident; its lead is where it starts (a red member no other member drives, the one that
 * drives most). {@code severity} is critical, high (red members), medium or info (notices on the
 * bad or good side). {@code cause} is the lead's top dimension element (null when none was
 * found); {@code recurrence} counts the periods of the same grain within the configured window
 * (this one included) with an incident of the same cause, and {@code recurring} is
 * {@code recurrence > 1}. {@code owner} is the lead metric's owner in the catalog.
 */
public final class AlertsTable {
  public static final String TABLE = "alerts";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      f("alert_id", DataTypes.StringType, false), f("grain", DataTypes.StringType, false),
      f("period_start", DataTypes.DateType, false), f("period_end", DataTypes.DateType, false),
      f("metric_id", DataTypes.StringType, false), f("movement_id", DataTypes.StringType, false),
      f("metrics", DataTypes.StringType, false), f("movements", DataTypes.IntegerType, false),
      f("severity", DataTypes.StringType, false), f("owner", DataTypes.StringType, false),
      f("cause", DataTypes.StringType, true), f("cause_share", DataTypes.DoubleType, true),
      f("recurring", DataTypes.BooleanType, false),
      f("recurrence", DataTypes.IntegerType, false),
      f("summary", DataTypes.StringType, false),
      f("run_id", DataTypes.StringType, false), f("run_date", DataTypes.DateType, false),
      f("period_month", DataTypes.DateType, false)));

  public static final List<String> PARTITION_COLUMNS = List.of("grain", "period_month");

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, PARTITION_COLUMNS);

  private AlertsTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
