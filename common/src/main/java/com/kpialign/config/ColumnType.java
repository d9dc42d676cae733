package com.kpialign.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The declared type of an extract column, as written in {@code sources.yaml}. */
public record ColumnType(Kind kind, int precision, int scale) {

  /** The closed set of column types an extract may declare. */
  public enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP }

  public static final List<String> SPELLINGS = List.of(
      "string", "int", "long", "double", "decimal(p,s)", "boolean", "date", "timestamp");

  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

  public static Optional<ColumnType> parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      int p = Integer.parseInt(m.group(1));
      int s = Integer.parseInt(m.group(2));
      return p >= 1 && p <= 38 && s <= p
          ? Optional.of(new ColumnType(Kind.DECIMAL, p, s)) : Optional.empty();
    }
    return switch (t) {
      case "string" -> Optional.of(simple(Kind.STRING));
      case "int", "integer" -> Optional.of(simple(Kind.INT));
      case "long", "bigint" -> Optional.of(simple(Kind.LONG));
      case "double" -> Optional.of(simple(Kind.DOUBLE));
      case "boolean" -> Optional.of(simple(Kind.BOOLEAN));
      case "date" -> Optional.of(simple(Kind.DATE));
      case "timestamp" -> Optional.of(simple(Kind.TIMESTAMP));
      default -> Optional.empty();
    };
  }

  private static ColumnType simple(Kind kind) {
    return new ColumnType(kind, 0, 0);
  }

  public DataType sparkType() {
    return switch (kind) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(precision, scale);
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  public boolean isTemporal() {
    return kind == Kind.DATE || kind == Kind.TIMESTAMP;
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
