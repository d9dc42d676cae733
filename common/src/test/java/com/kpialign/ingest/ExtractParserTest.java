package com.kpialign.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.ColumnType;
import com.kpialign.config.Schedule;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceFormat;
import com.kpialign.testing.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class ExtractParserTest {
  static final SourceDefinition ORDERS = new SourceDefinition("orders", SourceFormat.CSV,
      "{date}/orders.csv", Schedule.DAILY, Optional.empty(), List.of("order_id"), "order_date",
      Map.of(), List.of(
          column("order_id", "string", false, List.of()),
          column("order_date", "date", false, List.of()),
          column("items", "int", false, List.of()),
          column("amount", "decimal(10,2)", true, List.of()),
          column("region", "string", false, List.of("EU", "NA")),
          column("paid", "boolean", true, List.of())));

  static ColumnSpec column(String name, String type, boolean nullable, List<String> allowed) {
    ColumnType t = ColumnType.parse(type).orElseThrow();
    return new ColumnSpec(name, t, nullable, t.isTemporal() ? ColumnSpec.DEFAULT_DATE_FORMAT : null,
        allowed);
  }

  /** Raw text rows as the reader produces them: declared columns, then the audit columns. */
  static Dataset<Row> raw(String[]... rows) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec c : ORDERS.schema()) {
      fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(ExtractReader.CORRUPT_RECORD, DataTypes.StringType,
        true));
    fields.add(DataTypes.createStructField(ExtractReader.SOURCE_FILE, DataTypes.StringType,
        true));
    fields.add(DataTypes.createStructField(ExtractReader.EXTRACT_DATE, DataTypes.DateType, true));
    fields.add(DataTypes.createStructField(ExtractReader.ROW_NUMBER, DataTypes.LongType, true));
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      List<Object> values = new ArrayList<>(Arrays.asList((Object[]) r));
      values.add(java.sql.Date.valueOf("2024-01-05"));
      values.add(null);
      out.add(RowFactory.create(values.toArray()));
    }
    return TestSpark.session().createDataFrame(out, DataTypes.createStructType(fields));
  }

  private static List<String> reasons(Dataset<Row> parsed) {
    return parsed.select(ExtractParser.KEY, ExtractParser.REASON).collectAsList().stream()
        .map(r -> r.getString(0) + " -> " + r.getString(1)).sorted().toList();
  }

  @Test
  void validRowIsTypedAndHasNoReason() {
    Dataset<Row> parsed = ExtractParser.parse(raw(
        new String[] {"O-1", "2024-01-05", " 3 ", "12.50", "EU", "yes", null, "a.csv"}), ORDERS);
    // a loaded row needs neither a reason nor its key and record as text
    assertEquals(List.of("null -> null"), reasons(parsed));
    assertEquals(null, parsed.first().<String>getAs(ExtractParser.RECORD));
    Row row = parsed.first();
    assertEquals(java.sql.Date.valueOf("2024-01-05"), row.getDate(1));
    assertEquals(3, row.getInt(2));
    assertEquals(new java.math.BigDecimal("12.50"), row.getDecimal(3));
    assertEquals(true, row.getBoolean(5));
  }

  @Test
  void everyBrokenRuleOfARowIsAReason() {
    Dataset<Row> parsed = ExtractParser.parse(raw(
        new String[] {"O-2", "2024-13-01", "2.5", "abc", "XX", "maybe", null, "a.csv"},
        new String[] {"O-3", "", "1", null, "NA", null, null, "a.csv"},
        new String[] {null, "2024-01-05", "99999999999", "1.00", "EU", "no", null, "a.csv"},
        new String[] {"O-5", null, null, null, null, null, "O-5,2024-01-05", "a.csv"}),
        ORDERS);
    assertEquals(List.of(
        "order_id=<missing> -> order_id: required value is missing; items: cannot parse "
            + "'99999999999' as int",
        "order_id=O-2 -> order_date: cannot parse '2024-13-01' as date (yyyy-MM-dd); items: "
            + "cannot parse '2.5' as int; amount: cannot parse 'abc' as decimal(10,2); region: 'XX' "
            + "is not one of [EU, NA]; paid: cannot parse 'maybe' as boolean",
        "order_id=O-3 -> order_date: required value is missing",
        "order_id=O-5 -> malformed record: the line does not have the 6 declared fields or cannot "
            + "be parsed as csv; order_date: required value is missing; items: required value is "
            + "missing; region: required value is missing"),
        reasons(parsed));
  }

  @Test
  void reasonCodesNameTheColumnsAndRulesWithoutTheValues() {
    Dataset<Row> parsed = ExtractParser.parse(raw(
        new String[] {"O-2", "2024-13-01", "2.5", "abc", "XX", "maybe", null, "a.csv"},
        new String[] {"O-3", "2024-12-01", "x", "1.00", "NA", null, null, "b.csv"},
        new String[] {"O-5", null, null, null, null, null, "O-5,2024-01-05", "a.csv"}),
        ORDERS);
    assertEquals(List.of(
        "order_id=O-2 -> order_date:unparseable; items:unparseable; amount:unparseable; "
            + "region:not_allowed; paid:unparseable",
        "order_id=O-3 -> items:unparseable",
        "order_id=O-5 -> record:malformed; order_date:missing; items:missing; region:missing"),
        parsed.select(ExtractParser.KEY, ExtractParser.REASON_CODE).collectAsList().stream()
            .map(r -> r.getString(0) + " -> " + r.getString(1)).sorted().toList());
  }

  @Test
  void recordKeepsTheRawValuesOrTheMalformedLine() {
    Dataset<Row> parsed = ExtractParser.parse(raw(
        new String[] {"O-2", "2024-01-05", "x", null, "EU", null, null, "a.csv"},
        new String[] {"O-5", null, null, null, null, null, "O-5,2024-01-05", "a.csv"}), ORDERS);
    List<String> records = parsed.select(ExtractParser.RECORD).collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList();
    assertEquals(List.of("O-5,2024-01-05",
        "{\"order_id\":\"O-2\",\"order_date\":\"2024-01-05\",\"items\":\"x\",\"region\":\"EU\"}"),
        records);
  }

  /**
   * 22:30 on Jan 5 in Sao Paulo (UTC-3) is 01:30 UTC on Jan 6: the instant is the same whatever
   * the session's zone, and its event day is its date in the reporting (session) zone: Jan 6
   * reporting in UTC, Jan 5 reporting in Sao Paulo. Without a source zone, the text is read in
   * the reporting zone.
   */
  @Test
  void aTimestampWithoutOffsetIsReadInItsSourcesZoneAndDatedInTheReportingZone() {
    SparkSession spark = TestSpark.session();
    ColumnSpec inSaoPaulo = new ColumnSpec("placed_at", ColumnType.parse("timestamp")
        .orElseThrow(), true, ColumnSpec.DEFAULT_TIMESTAMP_FORMAT, List.of(), "America/Sao_Paulo");
    ColumnSpec unzoned = new ColumnSpec("placed_at", inSaoPaulo.type(), true,
        ColumnSpec.DEFAULT_TIMESTAMP_FORMAT, List.of());
    long instant = java.time.Instant.parse("2024-01-06T01:30:00Z").getEpochSecond();
    String zone = spark.conf().get("spark.sql.session.timeZone");
    try {
      for (String reporting : List.of("UTC", "America/Sao_Paulo")) {
        spark.conf().set("spark.sql.session.timeZone", reporting);
        Row r = spark.sql("SELECT '2024-01-05 22:30:00' AS t").select(
            org.apache.spark.sql.functions.unix_timestamp(ExtractParser.typed(
                org.apache.spark.sql.functions.col("t"), inSaoPaulo)),
            org.apache.spark.sql.functions.to_date(ExtractParser.typed(
                org.apache.spark.sql.functions.col("t"), inSaoPaulo)),
            org.apache.spark.sql.functions.unix_timestamp(ExtractParser.typed(
                org.apache.spark.sql.functions.col("t"), unzoned))).first();
        assertEquals(instant, r.getLong(0), reporting);
        assertEquals(java.sql.Date.valueOf(reporting.equals("UTC") ? "2024-01-06"
            : "2024-01-05"), r.getDate(1), reporting);
        assertEquals(reporting.equals("UTC") ? instant - 3 * 3600 : instant, r.getLong(2),
            reporting);
      }
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }
}
