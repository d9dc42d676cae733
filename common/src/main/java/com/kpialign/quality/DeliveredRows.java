package com.kpialign.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceFormat;
import com.kpialign.ingest.ExtractLoad;
import com.kpialign.ingest.ExtractParser;
import com.kpialign.table.QuarantineTable;
import com.kpialign.table.RawTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows an extract delivered: the loaded rows of {@code raw.<source>} and the rows ingest put
 * in {@code raw.quarantine}, with their declared columns recovered from the quarantined record.
 * Data-quality checks judge deliveries, not only what survived ingest: a day whose amounts were
 * half missing must fail its completeness check even though the raw table holds only good rows.
 */
public final class DeliveredRows {
  /** Why the row was not loaded; null for a loaded row. */
  public static final String REJECTED = "_rejected";

  private DeliveredRows() {}

  /**
   * Declared columns (typed), {@link RawTables#EXTRACT_DATE} and {@link #REJECTED}.
   *
   * @param loaded rows of {@code raw.<source>}
   * @param quarantined rows of {@code raw.quarantine} of this source
   */
  public static Dataset<Row> of(Dataset<Row> loaded, Dataset<Row> quarantined,
      SourceDefinition source) {
    List<Column> fromLoaded = new ArrayList<>();
    List<Column> fromQuarantine = new ArrayList<>();
    StructType typedSchema = new StructType();
    StructType textSchema = new StructType();
    for (ColumnSpec column : source.schema()) {
      typedSchema = typedSchema.add(column.name(), column.type().sparkType(), true);
      textSchema = textSchema.add(column.name(), DataTypes.StringType, true);
    }
    Column record = col(QuarantineTable.RECORD);
    Column reason = col(QuarantineTable.REASON);
    // a duplicate parsed fine and was recorded with its typed values; other rejections of text
    // formats keep the delivered text, which goes through the same conversion as at ingest
    Column asTyped = from_json(record, typedSchema, Map.of());
    Column asText = from_json(record, textSchema, Map.of());
    boolean text = source.format() != SourceFormat.PARQUET;
    Column duplicate = reason.startsWith(ExtractLoad.DUPLICATE);
    Column malformed = reason.startsWith(ExtractParser.MALFORMED);
    for (StructField field : typedSchema.fields()) {
      ColumnSpec column = source.column(field.name()).orElseThrow();
      fromLoaded.add(col(field.name()));
      Column recovered = text
          ? when(duplicate, asTyped.getField(field.name()))
              .otherwise(ExtractParser.typed(asText.getField(field.name()), column))
          : asTyped.getField(field.name());
      fromQuarantine.add(when(malformed, lit(null).cast(field.dataType()))
          .otherwise(recovered).as(field.name()));
    }
    fromLoaded.add(col(RawTables.EXTRACT_DATE));
    fromLoaded.add(lit(null).cast(DataTypes.StringType).as(REJECTED));
    fromQuarantine.add(col(QuarantineTable.EXTRACT_DATE).as(RawTables.EXTRACT_DATE));
    fromQuarantine.add(reason.as(REJECTED));
    return loaded.select(fromLoaded.toArray(Column[]::new))
        .unionByName(quarantined.filter(col(QuarantineTable.SOURCE).equalTo(source.name()))
            .select(fromQuarantine.toArray(Column[]::new)));
  }
}
