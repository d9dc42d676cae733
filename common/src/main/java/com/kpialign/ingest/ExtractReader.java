package com.kpialign.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceFormat;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Reads a source's extract files, whatever their format, into one shape: every declared column
 * as its raw text (or, for Parquet, already in its declared type), plus {@link #CORRUPT_RECORD} (the line, when the record itself is malformed),
 * {@link #SOURCE_FILE}, {@link #EXTRACT_DATE} and {@link #ROW_NUMBER} (Parquet only). Nothing
 * is typed or dropped here: {@link ExtractParser} decides which rows load and why others don't.
 */
public final class ExtractReader {
  public static final String CORRUPT_RECORD = "_corrupt_record";
  public static final String SOURCE_FILE = "_source_file";
  public static final String EXTRACT_DATE = "_extract_date";
  public static final String ROW_NUMBER = "_row_number";

  private final SparkSession spark;

  public ExtractReader(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The rows of {@code extracts}: the daily extracts of one source, or its dump alone (dated by
   * the dump's last day until {@link ExtractDump#bucketed} dates each row by its event day).
   */
  public Dataset<Row> read(SourceDefinition source, List<ExpectedExtract> extracts) {
    String[] paths = extracts.stream().map(ExpectedExtract::path).toArray(String[]::new);
    Dataset<Row> files = source.format() == SourceFormat.PARQUET
        ? readParquet(source, paths) : readText(source, paths);
    Column filePath = col("_metadata.file_path");
    List<Column> out = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      out.add(col(column.name()));
    }
    out.add(col(CORRUPT_RECORD));
    out.add(col("_metadata.file_name").as(SOURCE_FILE));
    // a path without a date (a dimension's one file, a dump) is dated by its extract's date
    boolean dated = source.path().contains(SourceDefinition.DATE_PLACEHOLDER)
        && !extracts.get(0).dump();
    out.add((dated ? to_date(regexp_extract(filePath, dateInPath(source), 1))
        : lit(Date.valueOf(extracts.get(extracts.size() - 1).date()))).as(EXTRACT_DATE));
    out.add(source.format() == SourceFormat.PARQUET
        ? col("_metadata.row_index").plus(1).as(ROW_NUMBER)
        : lit(null).cast(DataTypes.LongType).as(ROW_NUMBER));
    return files.select(out.toArray(Column[]::new));
  }

  /** CSV and JSON: every column read as text, so no value is nulled by the reader itself. */
  private Dataset<Row> readText(SourceDefinition source, String[] paths) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      fields.add(DataTypes.createStructField(column.name(), DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT_RECORD, DataTypes.StringType, true));
    Map<String, String> options = new HashMap<>();
    if (source.format() == SourceFormat.CSV) {
      options.put("header", "true");
      options.put("enforceSchema", "false");
    }
    options.putAll(source.options());
    options.put("mode", "PERMISSIVE");
    options.put("columnNameOfCorruptRecord", CORRUPT_RECORD);
    DataFrameReader reader = spark.read().schema(DataTypes.createStructType(fields))
        .options(options);
    return source.format() == SourceFormat.CSV ? reader.csv(paths) : reader.json(paths);
  }

  /**
   * Parquet carries its own types: a column already of its declared type is kept as it is; any
   * other is turned into text (temporal ones in the declared pattern) for the parser to enforce
   * the declaration. A declared column the file lacks reads as null, which the parser rejects if
   * it is required.
   */
  private Dataset<Row> readParquet(SourceDefinition source, String[] paths) {
    Dataset<Row> files = spark.read().options(source.options()).parquet(paths);
    Set<String> present = new HashSet<>(Arrays.asList(files.columns()));
    Map<String, DataType> types = new HashMap<>();
    for (StructField field : files.schema().fields()) {
      types.put(field.name(), field.dataType());
    }
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      Column text;
      if (!present.contains(column.name())) {
        text = lit(null).cast(DataTypes.StringType);
      } else if (types.get(column.name()).equals(column.type().sparkType())) {
        text = col(column.name());
      } else {
        DataType type = types.get(column.name());
        text = type instanceof DateType || type instanceof TimestampType
            ? date_format(col(column.name()), column.format())
            : col(column.name()).cast(DataTypes.StringType);
      }
      columns.add(text.as(column.name()));
    }
    columns.add(lit(null).cast(DataTypes.StringType).as(CORRUPT_RECORD));
    columns.add(col("_metadata"));
    return files.select(columns.toArray(Column[]::new));
  }

  /** A regex that finds the extract date in a file path, from the source's path pattern. */
  static String dateInPath(SourceDefinition source) {
    String[] parts = source.path().split(Pattern.quote(SourceDefinition.DATE_PLACEHOLDER), -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(i == 1 ? "(\\d{4}-\\d{2}-\\d{2})" : "\\d{4}-\\d{2}-\\d{2}");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    // the path may name a file, or a folder of part files
    return regex.append("(?:$|/)").toString();
  }
}
