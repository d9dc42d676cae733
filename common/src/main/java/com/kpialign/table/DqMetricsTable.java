package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code quality.dq_metrics}: the history of Deequ metrics, one row per extract day,
 * source and metric ({@code name} as Deequ names it, e.g. {@code Size}, {@code Completeness},
 * {@code Compliance}; {@code instance} is the column or constraint). Anomaly checks read their
 * history from here, never from Deequ's file repository.
 */
public final class DqMetricsTable {
  public static final String TABLE = "dq_metrics";
  public static final String RUN_DATE = "run_date";
  public static final String SOURCE = "source";
  public static final String NAME = "name";
  public static final String INSTANCE = "instance";
  public static final String VALUE = "value";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(RUN_DATE, DataTypes.DateType, false),
      DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
      DataTypes.createStructField("entity", DataTypes.StringType, false),
      DataTypes.createStructField(NAME, DataTypes.StringType, false),
      DataTypes.createStructField(INSTANCE, DataTypes.StringType, false),
      DataTypes.createStructField(VALUE, DataTypes.DoubleType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.QUALITY,
      TABLE, SCHEMA, List.of());

  private DqMetricsTable() {}

  public static String name(String qualityDatabase) {
    return qualityDatabase + "." + TABLE;
  }
}
