package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code quality.metric_status}: for every catalog metric and day, whether its data
 * passed every {@code error} check of the sources it reads ({@code verified}), and if not, which
 * checks failed. Metric computation copies the flag onto every metric value of the day.
 */
public final class MetricStatusTable {
  public static final String TABLE = "metric_status";
  public static final String RUN_DATE = "run_date";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(RUN_DATE, DataTypes.DateType, false),
      DataTypes.createStructField("metric_id", DataTypes.StringType, false),
      DataTypes.createStructField("verified", DataTypes.BooleanType, false),
      DataTypes.createStructField("failed_checks", DataTypes.createArrayType(
          DataTypes.StringType, false), false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.QUALITY,
      TABLE, SCHEMA, List.of());

  private MetricStatusTable() {}

  public static String name(String qualityDatabase) {
    return qualityDatabase + "." + TABLE;
  }
}
