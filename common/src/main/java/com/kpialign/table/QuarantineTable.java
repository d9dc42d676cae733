package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of {@code raw.quarantine}: every extract row that was not loaded, with why. Nothing
 * that arrives in an extract disappears without a row here or in its raw table.
 */
public final class QuarantineTable {
  public static final String TABLE = "quarantine";
  public static final String SOURCE = "source";
  public static final String EXTRACT_DATE = "extract_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String ROW_NUMBER = "row_number";
  public static final String PRIMARY_KEY = "primary_key";
  public static final String REASON = "reason";
  /** The reasons without their values ({@code column:code}, {@code "; "}-separated). */
  public static final String REASON_CODE = "reason_code";
  public static final String RECORD = "record";
  public static final String RUN_ID = "run_id";

  public static final List<String> COLUMNS = List.of(SOURCE, EXTRACT_DATE, SOURCE_FILE,
      ROW_NUMBER, PRIMARY_KEY, REASON, RECORD, RUN_ID, REASON_CODE);

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
      DataTypes.createStructField(EXTRACT_DATE, DataTypes.DateType, false),
      DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
      DataTypes.createStructField(ROW_NUMBER, DataTypes.LongType, true),
      DataTypes.createStructField(PRIMARY_KEY, DataTypes.StringType, true),
      DataTypes.createStructField(REASON, DataTypes.StringType, false),
      DataTypes.createStructField(RECORD, DataTypes.StringType, true),
      DataTypes.createStructField(RUN_ID, DataTypes.StringType, false),
      // added after the first release: nullable, so a migrated table's older rows read null
      DataTypes.createStructField(REASON_CODE, DataTypes.StringType, true)));

  public static final TableContract CONTRACT = TableContract.of(TableContract.Database.RAW,
      TABLE, SCHEMA, List.of());

  private QuarantineTable() {}

  public static String name(String rawDatabase) {
    return rawDatabase + "." + TABLE;
  }
}
