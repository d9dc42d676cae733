package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.ingest.MissingExtractException;
import com.kpialign.table.TableWrite;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  static final String SOURCES = """
      sources:
        - name: orders
          format: csv
          path: "{date}/orders.csv"
          primary_key: [order_id]
          event_date: order_date
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: order_date, type: date, nullable: false}
            - {name: customer_id, type: long, nullable: false}
            - {name: region, type: string, nullable: false, allowed: [EU, NA]}
            - {name: amount, type: "decimal(10,2)", nullable: false}
        - name: visits
          format: parquet
          path: "{date}/visits"
          primary_key: [visit_id]
          event_date: visit_date
          schema:
            - {name: visit_id, type: long, nullable: false}
            - {name: visit_date, type: date, nullable: false}
            - {name: device, type: string, nullable: false, allowed: [ios, web]}
        - name: targets
          format: csv
          path: "{date}/targets.csv"
          schedule: monthly
          primary_key: [metric_id, period_grain, period_start, slice]
          event_date: period_start
          schema:
            - {name: metric_id, type: string, nullable: false}
            - {name: period_grain, type: string, nullable: false}
            - {name: period_start, type: date, nullable: false}
            - {name: slice, type: string, nullable: false}
            - {name: target_value, type: double, nullable: false}
      """;

  static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
  static final LocalDate JAN2 = LocalDate.of(2024, 1, 2);

  @TempDir Path dir;
  TestProject project;
  SparkSession spark;

  @BeforeEach
  void extracts() {
    project = new TestProject(dir, SOURCES);
    spark = TestSpark.session();
    // Jan 1: two good orders, three malformed rows, and O-2 delivered twice in the same file
    project.landing("2024-01-01/orders.csv", """
        order_id,order_date,customer_id,region,amount
        O-1,2024-01-01,10,EU,10.00
        O-2,2024-01-01,11,NA,20.50
        O-3,2024-01-01,abc,EU,5.00
        O-4,2024-01-01,12,XX,7.00
        O-5,2024-01-01
        O-2,2024-01-01,11,NA,20.50
        """);
    // Jan 2: one new order, and O-1 delivered again late
    project.landing("2024-01-02/orders.csv", """
        order_id,order_date,customer_id,region,amount
        O-6,2024-01-02,13,EU,1.00
        O-1,2024-01-01,10,EU,10.00
        """);
    project.landing("2024-01-01/targets.csv", """
        metric_id,period_grain,period_start,slice,target_value
        revenue,month,2024-01-01,all,1000
        """);
    visits(JAN1, new Object[][] {{1L, "2024-01-01", "ios"}, {2L, "2024-01-01", "web"},
        {3L, "2024-01-01", "fax"}});
    visits(JAN2, new Object[][] {{4L, "2024-01-02", "web"}});
  }

  private void visits(LocalDate date, Object[][] rows) {
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("visit_id", DataTypes.LongType, false),
        DataTypes.createStructField("visit_date", DataTypes.DateType, false),
        DataTypes.createStructField("device", DataTypes.StringType, false)));
    List<Row> list = java.util.Arrays.stream(rows).map(r -> RowFactory.create(r[0],
        java.sql.Date.valueOf((String) r[1]), r[2])).toList();
    spark.createDataFrame(list, schema).coalesce(1).write().mode("overwrite")
        .parquet(project.landing.resolve(date + "/visits").toString());
  }

  /** Through the runner, which reports one write per table, as the summary and manifest do. */
  private RunSummary ingest(RunDates dates, String runId) {
    return new JobRunner(project.context(runId)).run(new IngestJob(), dates);
  }

  private List<String> orders() {
    return TestSpark.rows(spark.table(project.raw("orders")).select("order_id", "order_date",
        "customer_id", "region", "amount", "_extract_date", "_source_file"));
  }

  private List<String> quarantine() {
    return TestSpark.rows(spark.table(project.raw("quarantine")).select("source", "extract_date",
        "source_file", "primary_key", "reason"));
  }

  @Test
  void rangeIngestLoadsGoodRowsAndQuarantinesTheRestWithReasons() {
    RunSummary result = ingest(new RunDates(JAN1, JAN2), "run-1");

    assertEquals(List.of(
        "[O-1,2024-01-01,10,EU,10.00,2024-01-01,orders.csv]",
        "[O-2,2024-01-01,11,NA,20.50,2024-01-01,orders.csv]",
        "[O-6,2024-01-02,13,EU,1.00,2024-01-02,orders.csv]"), orders());
    assertEquals(List.of(
        "[orders,2024-01-01,orders.csv,order_id=O-2,duplicate primary key: first delivered in "
            + "extract 2024-01-01, which is loaded]",
        "[orders,2024-01-01,orders.csv,order_id=O-3,customer_id: cannot parse 'abc' as long]",
        "[orders,2024-01-01,orders.csv,order_id=O-4,region: 'XX' is not one of [EU, NA]]",
        "[orders,2024-01-01,orders.csv,order_id=O-5,malformed record: the line does not have the 5 "
            + "declared fields or cannot be parsed as csv; customer_id: required value is missing; "
            + "region: required value is missing; amount: required value is missing]",
        "[orders,2024-01-02,orders.csv,order_id=O-1,duplicate primary key: first delivered in "
            + "extract 2024-01-01, which is loaded]",
        "[visits,2024-01-01,part-00000,visit_id=3,device: 'fax' is not one of [ios, web]]"),
        quarantine().stream().map(s -> s.replaceAll("part-00000[^,]*", "part-00000")).toList());
    assertEquals(List.of("[1,2024-01-01,ios]", "[2,2024-01-01,web]", "[4,2024-01-02,web]"),
        TestSpark.rows(spark.table(project.raw("visits")).select("visit_id", "visit_date",
            "device")));
    // the parquet reader knows the row's position in its file
    assertEquals(Long.valueOf(3), spark.table(project.raw("quarantine"))
        .filter("source = 'visits'").first().<Long>getAs("row_number"));
    assertEquals(1L, spark.table(project.raw("targets")).count());
    // the reasons group by their codes, without the values
    assertEquals(List.of("[customer_id:unparseable,1]", "[device:not_allowed,1]",
        "[key:duplicate,2]", "[record:malformed; customer_id:missing; region:missing; "
            + "amount:missing,1]", "[region:not_allowed,1]"),
        TestSpark.rows(spark.table(project.raw("quarantine")).groupBy("reason_code").count()));

    Map<String, Long> rows = result.tables().stream()
        .collect(java.util.stream.Collectors.toMap(TableWrite::table, TableWrite::rows));
    assertEquals(3L, rows.get(project.raw("orders")));
    assertEquals(3L, rows.get(project.raw("visits")));
    assertEquals(6L, rows.get(project.raw("quarantine")));
    assertEquals(Map.of("orders", 5L, "visits", 1L, "targets", 0L),
        result.details().get("quarantined"));
  }

  @Test
  void malformedRowsOfOneExtractGiveExactlyThreeQuarantineRows() {
    ingest(RunDates.single(JAN1), "run-1");
    List<String> malformed = quarantine().stream()
        .filter(r -> !r.contains("duplicate") && r.startsWith("[orders")).toList();
    assertEquals(3, malformed.size(), malformed.toString());
  }

  @Test
  void rerunForSameDateLeavesTablesUnchangedAndOtherDatesUntouched() {
    ingest(new RunDates(JAN1, JAN2), "run-1");
    List<String> ordersBefore = orders();
    List<String> quarantineBefore = quarantine();

    ingest(RunDates.single(JAN1), "run-2");
    ingest(RunDates.single(JAN1), "run-3");

    assertEquals(ordersBefore, orders());
    assertEquals(quarantineBefore, quarantine());
    // Jan 2 still carries the run id of the run that loaded it; Jan 1 that of the last re-run
    assertEquals(List.of("[2024-01-01,run-3]", "[2024-01-02,run-1]"),
        TestSpark.rows(spark.table(project.raw("orders"))
            .select("_extract_date", "_run_id").distinct()));
  }

  @Test
  void dailyRunsAndOneRangeRunGiveTheSameTables() {
    ingest(RunDates.single(JAN1), "run-1");
    ingest(RunDates.single(JAN2), "run-2");
    List<String> dailyOrders = orders();
    List<String> dailyQuarantine = quarantine();

    ingest(new RunDates(JAN1, JAN2), "run-3");

    assertEquals(dailyOrders, orders());
    assertEquals(dailyQuarantine, quarantine());
  }

  @Test
  void missingExtractFailsWithTheExpectedPathAndWritesNothing() {
    JobRunner.JobFailed failed = assertThrows(JobRunner.JobFailed.class,
        () -> ingest(RunDates.single(LocalDate.of(2024, 1, 3)), "run-1"));
    MissingExtractException e = (MissingExtractException) failed.getCause();
    assertEquals(List.of(
        project.landing.resolve("2024-01-03/orders.csv").toString(),
        project.landing.resolve("2024-01-03/visits").toString()),
        e.missing().stream().map(m -> m.path().replaceFirst("^file:", "")).toList());
    assertTrue(e.getMessage().contains("orders for 2024-01-03: "), e.getMessage());
    assertTrue(!spark.catalog().tableExists(project.raw("orders")));
  }

  @Test
  void monthlySourceIsOnlyExpectedOnTheFirstOfTheMonth() {
    // no targets.csv for Jan 2, and that is not an error
    RunSummary result = ingest(RunDates.single(JAN2), "run-1");
    assertTrue(result.tables().stream().noneMatch(w -> w.table().equals(project.raw("targets"))));
  }

  @Test
  void jsonExtractLoadsAndItsMalformedLineIsQuarantined() {
    TestProject json = new TestProject(dir.resolve("json"), """
        sources:
          - name: tickets
            format: json
            path: "{date}/tickets.jsonl"
            primary_key: [ticket_id]
            event_date: created
            schema:
              - {name: ticket_id, type: string, nullable: false}
              - {name: created, type: timestamp, nullable: false}
              - {name: minutes, type: int}
        """);
    json.landing("2024-01-01/tickets.jsonl", """
        {"ticket_id": "T-1", "created": "2024-01-01 10:00:00", "minutes": 12}
        {"ticket_id": "T-2", "created": "2024-01-01 11:30:00"}
        {"ticket_id": "T-3", "created": "2024-01-01 12:00:00", "minutes": "soon"}
        {"ticket_id": "T-4", "created":
        """);
    json.run(new IngestJob(), "run-json", RunDates.single(JAN1));

    assertEquals(List.of("[T-1,2024-01-01 10:00:00.0,12]", "[T-2,2024-01-01 11:30:00.0,null]"),
        TestSpark.rows(spark.table(json.raw("tickets")).select("ticket_id", "created",
            "minutes")));
    assertEquals(List.of(
        "[ticket_id=<missing>,malformed record: the line does not have the 3 declared fields or "
            + "cannot be parsed as json; ticket_id: required value is missing; created: required "
            + "value is missing,{\"ticket_id\": \"T-4\", \"created\":]",
        "[ticket_id=T-3,minutes: cannot parse 'soon' as int,"
            + "{\"ticket_id\":\"T-3\",\"created\":\"2024-01-01 12:00:00\",\"minutes\":\"soon\"}]"),
        TestSpark.rows(spark.table(json.raw("quarantine")).select("primary_key", "reason",
            "record")));
  }

  @Test
  void tablesWrittenByOneSessionAreFoundByNameInANewCatalog() {
    ingest(new RunDates(JAN1, JAN2), "run-1");
    spark.sql("DROP TABLE " + project.raw("orders"));
    assertTrue(!spark.catalog().tableExists(project.raw("orders")));

    project.context("lookup");

    assertEquals(3L, spark.table(project.raw("orders")).count());
  }
}
