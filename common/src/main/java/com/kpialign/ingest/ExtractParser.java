package com.kpialign.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.ColumnType;
import com.kpialign.config.SourceDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Enforces a source's declared schema on the raw text read by {@link ExtractReader}: each column
 * is converted to its declared type, and every way a row can break the declaration (malformed
 * record, missing required value, value that does not parse, value outside the allowed set)
 * becomes a reason. A row with no reason loads; a row with reasons is quarantined with all of
 * them, so the data owner can fix everything at once.
 */
public final class ExtractParser {
  /** All the reasons a row is rejected, {@code "; "}-separated; null when the row is valid. */
  public static final String REASON = "_reason";
  /**
   * The same reasons without their values, {@code column:code} (codes {@code missing},
   * {@code unparseable}, {@code not_allowed}; {@code record:malformed}), so that they group.
   */
  public static final String REASON_CODE = "_reason_code";
  /** The row as delivered: the malformed line, or the raw values as JSON. */
  public static final String RECORD = "_record";
  /** The primary key as text, {@code col=value} pairs, for finding the row in the source. */
  public static final String KEY = "_key";

  /** How the reason of a record that could not be split into fields starts. */
  public static final String MALFORMED = "malformed record";

  private static final String INTEGER = "^\\s*[+-]?\\d+\\s*$";
  private static final List<String> BOOLEAN_WORDS =
      List.of("true", "false", "t", "f", "yes", "no", "y", "n", "1", "0");

  private ExtractParser() {}

  /**
   * Typed declared columns, then the reader's audit columns, then {@link #REASON},
   * {@link #REASON_CODE}, {@link #RECORD} and {@link #KEY}.
   */
  public static Dataset<Row> parse(Dataset<Row> raw, SourceDefinition source) {
    List<Column> reasons = new ArrayList<>();
    List<Column> codes = new ArrayList<>();
    Column corrupt = col(ExtractReader.CORRUPT_RECORD).isNotNull();
    reasons.add(when(corrupt, lit(MALFORMED + ": the line does not have the "
        + source.schema().size() + " declared fields or cannot be parsed as "
        + source.format().spelling())));
    codes.add(when(corrupt, lit("record:malformed")));
    List<Column> typed = new ArrayList<>();
    List<Column> rawValues = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      String name = column.name();
      boolean isText = raw.schema().apply(name).dataType().equals(DataTypes.StringType);
      if (!isText && !raw.schema().apply(name).dataType().equals(column.type().sparkType())) {
        throw new IllegalArgumentException("column " + name + " must be text or "
            + column.type() + ", got " + raw.schema().apply(name).dataType().simpleString());
      }
      // a binary extract (Parquet) may already carry the declared type: nothing to parse
      Column text = isText ? present(col(name)) : col(name);
      Column value = isText ? convert(text, column) : col(name);
      typed.add(value.as(name));
      rawValues.add(col(name));
      if (!column.nullable()) {
        reasons.add(when(text.isNull(), lit(name + ": required value is missing")));
        codes.add(when(text.isNull(), lit(name + ":missing")));
      }
      if (isText && column.type().kind() != ColumnType.Kind.STRING) {
        Column unparseable = text.isNotNull().and(value.isNull());
        reasons.add(when(unparseable,
            concat(lit(name + ": cannot parse '"), text, lit("' as " + describe(column)))));
        codes.add(when(unparseable, lit(name + ":unparseable")));
      }
      if (!column.allowed().isEmpty()) {
        Column notAllowed = value.isNotNull()
            .and(functions.not(value.isin(column.allowed().toArray())));
        reasons.add(when(notAllowed,
            concat(lit(name + ": '"), value, lit("' is not one of " + column.allowed()))));
        codes.add(when(notAllowed, lit(name + ":not_allowed")));
      }
    }
    Column reasonList = filter(array(reasons.toArray(Column[]::new)), Column::isNotNull);
    Column reason = when(functions.size(reasonList).gt(0), concat_ws("; ", reasonList));
    Column codeList = filter(array(codes.toArray(Column[]::new)), Column::isNotNull);
    Column code = when(functions.size(codeList).gt(0), concat_ws("; ", codeList));
    // only rejected rows need their record and key as text: don't pay for them on good rows
    Column rejected = functions.size(reasonList).gt(0);
    Column record = when(rejected, coalesce(col(ExtractReader.CORRUPT_RECORD),
        to_json(functions.struct(rawValues.toArray(Column[]::new)))));

    List<Column> out = new ArrayList<>(typed);
    out.add(col(ExtractReader.SOURCE_FILE));
    out.add(col(ExtractReader.EXTRACT_DATE));
    out.add(col(ExtractReader.ROW_NUMBER));
    out.add(reason.as(REASON));
    out.add(code.as(REASON_CODE));
    out.add(record.as(RECORD));
    out.add(when(rejected, keyText(source)).as(KEY));
    return raw.select(out.toArray(Column[]::new));
  }

  /** {@code order_id=O-1} or {@code a=1, b=x}, from the raw text. */
  static Column keyText(SourceDefinition source) {
    List<Column> parts = new ArrayList<>();
    for (String key : source.rowKey()) {
      parts.add(concat(lit(key + "="), coalesce(col(key).cast(DataTypes.StringType),
          lit("<missing>"))));
    }
    return concat_ws(", ", parts.toArray(Column[]::new));
  }

  /** The declared value of a column read as text; null when blank or unparseable. */
  public static Column typed(Column text, ColumnSpec column) {
    return convert(present(text), column);
  }

  private static Column present(Column text) {
    return when(trim(text).notEqual(""), text);
  }

  private static String describe(ColumnSpec column) {
    return column.type().isTemporal() ? column.type() + " (" + column.format() + ")"
        : column.type().toString();
  }

  private static Column convert(Column text, ColumnSpec column) {
    return switch (column.type().kind()) {
      case STRING -> text;
      case INT, LONG -> when(text.rlike(INTEGER), trim(text).cast(column.type().sparkType()));
      case DOUBLE, DECIMAL -> trim(text).cast(column.type().sparkType());
      case BOOLEAN -> when(lower(trim(text)).isin(BOOLEAN_WORDS.toArray()),
          lower(trim(text)).cast(DataTypes.BooleanType));
      case DATE -> to_date(trim(text), column.format());
      case TIMESTAMP -> column.timeZone() == null ? to_timestamp(trim(text), column.format())
          // the wall-clock time read in the source's zone, as an instant of the session's
          : from_utc_timestamp(to_utc_timestamp(to_timestamp(trim(text), column.format()),
              column.timeZone()), expr("current_timezone()"));
    };
  }
}
