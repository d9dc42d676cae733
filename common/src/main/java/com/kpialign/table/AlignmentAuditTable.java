package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.alignment_audit}: one row per finding a KPI council should review, as of
 * {@code run_date}: {@code stage} (the job that found it: {@code audit} for the KPI tree),
 * {@code finding} (kind), {@code severity} ({@code error}, {@code warning}, {@code info}),
 * {@code subject_type} and {@code subject_id} (the metric, objective or perspective concerned),
 * {@code detail}, {@code value} (the measure behind it, when there is one), {@code run_id}.
 * A run replaces its stage's rows of its run date.
 */
public final class AlignmentAuditTable {
  public static final String TABLE = "alignment_audit";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_date", DataTypes.DateType, false),
      DataTypes.createStructField("stage", DataTypes.StringType, false),
      DataTypes.createStructField("finding", DataTypes.StringType, false),
      DataTypes.createStructField("severity", DataTypes.StringType, false),
      DataTypes.createStructField("subject_type", DataTypes.StringType, false),
      DataTypes.createStructField("subject_id", DataTypes.StringType, false),
      DataTypes.createStructField("detail", DataTypes.StringType, false),
      DataTypes.createStructField("value", DataTypes.DoubleType, true),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, List.of());

  private AlignmentAuditTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
