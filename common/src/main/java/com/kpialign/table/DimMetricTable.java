package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code kpi.dim_metric}: the metric catalog as a table, so analysts join KPI values
 * to their definition, owner, perspective and stakeholders by id. One row per metric and
 * definition version: {@code valid_to} is null on the current one; a changed definition closes
 * the old row the day before the run that saw the change.
 */
public final class DimMetricTable {
  public static final String TABLE = "dim_metric";

  private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, true);

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("metric_id", DataTypes.StringType, false),
      DataTypes.createStructField("name", DataTypes.StringType, false),
      DataTypes.createStructField("description", DataTypes.StringType, false),
      DataTypes.createStructField("vertical", DataTypes.StringType, false),
      DataTypes.createStructField("owner", DataTypes.StringType, false),
      DataTypes.createStructField("unit", DataTypes.StringType, false),
      DataTypes.createStructField("direction", DataTypes.StringType, false),
      DataTypes.createStructField("band_low", DataTypes.DoubleType, true),
      DataTypes.createStructField("band_high", DataTypes.DoubleType, true),
      DataTypes.createStructField("perspective", DataTypes.StringType, false),
      DataTypes.createStructField("stakeholders", STRINGS, false),
      DataTypes.createStructField("kind", DataTypes.StringType, false),
      DataTypes.createStructField("source", DataTypes.StringType, true),
      DataTypes.createStructField("expression", DataTypes.StringType, true),
      DataTypes.createStructField("filter", DataTypes.StringType, true),
      DataTypes.createStructField("entity", DataTypes.StringType, true),
      DataTypes.createStructField("numerator", DataTypes.StringType, true),
      DataTypes.createStructField("denominator", DataTypes.StringType, true),
      DataTypes.createStructField("event_date", DataTypes.StringType, true),
      DataTypes.createStructField("dimensions", STRINGS, false),
      DataTypes.createStructField("dimension_pairs", DataTypes.createArrayType(STRINGS, true),
          false),
      DataTypes.createStructField("depends_on", STRINGS, false),
      DataTypes.createStructField("sources", STRINGS, false),
      DataTypes.createStructField("reviewed_on", DataTypes.DateType, true),
      DataTypes.createStructField("checks", STRINGS, false),
      DataTypes.createStructField("definition_version", DataTypes.StringType, false),
      DataTypes.createStructField("valid_from", DataTypes.DateType, false),
      DataTypes.createStructField("valid_to", DataTypes.DateType, true),
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("run_date", DataTypes.DateType, false)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.KPI,
      TABLE, SCHEMA, List.of());

  private DimMetricTable() {}

  public static String name(String kpiDatabase) {
    return kpiDatabase + "." + TABLE;
  }
}
