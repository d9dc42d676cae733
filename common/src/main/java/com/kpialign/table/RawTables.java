package com.kpialign.table;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.SourceDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Contract of the {@code raw.<source>} tables: the source's declared columns with their declared
 * types and nullability, then the audit columns. Partitioned by extract date, one file per
 * delivery: a run replaces exactly its dates' partitions (a metadata operation, no rewrite of
 * other days), so a nightly run costs one day of data whatever the length of history. Compact
 * old partitions with OPTIMIZE if file counts grow.
 */
public final class RawTables {
  public static final String EXTRACT_DATE = "_extract_date";
  public static final String SOURCE_FILE = "_source_file";
  public static final String RUN_ID = "_run_id";
  public static final List<String> PARTITION_COLUMNS = List.of(EXTRACT_DATE);

  private RawTables() {}

  /** The contract of {@code raw.<source>}. */
  public static TableContract contract(SourceDefinition source) {
    return TableContract.of(TableContract.Database.RAW, source.name(), schema(source),
        PARTITION_COLUMNS);
  }

  public static String name(String rawDatabase, SourceDefinition source) {
    return rawDatabase + "." + source.name();
  }

  public static StructType schema(SourceDefinition source) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      fields.add(DataTypes.createStructField(column.name(), column.type().sparkType(),
          column.nullable()));
    }
    fields.add(DataTypes.createStructField(EXTRACT_DATE, DataTypes.DateType, false));
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(RUN_ID, DataTypes.StringType, false));
    return DataTypes.createStructType(fields);
  }
}
