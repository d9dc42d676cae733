package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.ingest.MissingExtractException;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history dump: one file with every order up to Jan 3, then daily extracts from Jan 4, and days
 * without orders that have no file at all ({@code on_arrival}).
 */
class DumpIngestTest {
  static final String SOURCES = """
      sources:
        - name: orders
          format: csv
          path: "{date}/orders.csv"
          dump: {path: "history/orders_until_2024-01-03.csv", through: 2024-01-03}
          schedule: on_arrival
          primary_key: [order_id]
          event_date: order_date
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: order_date, type: date, nullable: false}
            - {name: amount, type: "decimal(10,2)", nullable: false}
      """;
  static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
  static final LocalDate JAN3 = LocalDate.of(2024, 1, 3);
  static final LocalDate JAN6 = LocalDate.of(2024, 1, 6);

  @TempDir Path dir;
  TestProject project;
  SparkSession spark;

  @BeforeEach
  void extracts() {
    project = new TestProject(dir, SOURCES);
    spark = TestSpark.session();
    // no order on Jan 2; O-9 is dated after the dump's last day, O-8 has no readable date
    project.landing("history/orders_until_2024-01-03.csv", """
        order_id,order_date,amount
        O-1,2024-01-01,10.00
        O-2,2024-01-01,20.00
        O-3,2024-01-03,5.00
        O-9,2024-01-05,1.00
        O-8,someday,2.00
        """);
    // Jan 4 and Jan 6 have extracts, Jan 5 none
    project.landing("2024-01-04/orders.csv", "order_id,order_date,amount\nO-4,2024-01-04,7.00\n");
    project.landing("2024-01-06/orders.csv", "order_id,order_date,amount\nO-6,2024-01-06,3.00\n"
        + "O-1,2024-01-01,10.00\n");
  }

  private void ingest(LocalDate from, LocalDate to, String runId) {
    project.run(new IngestJob(), runId, new RunDates(from, to));
  }

  private List<String> raw() {
    return TestSpark.rows(spark.sql("SELECT order_id, _extract_date, _source_file FROM "
        + project.raw("orders")));
  }

  private List<String> quarantine() {
    return TestSpark.rows(spark.sql("SELECT extract_date, primary_key, reason_code FROM "
        + project.raw("quarantine")));
  }

  @Test
  void theDumpIsBucketedByEventDayAndNothingIsLost() {
    ingest(JAN1, JAN6, "range");
    String dump = "orders_until_2024-01-03.csv";
    assertEquals(List.of("[O-1,2024-01-01," + dump + "]", "[O-2,2024-01-01," + dump + "]",
        "[O-3,2024-01-03," + dump + "]", "[O-4,2024-01-04,orders.csv]",
        "[O-6,2024-01-06,orders.csv]"), raw());
    // 5 dump rows = 3 loaded + 2 quarantined; 3 daily rows = 2 loaded + 1 duplicate
    assertEquals(List.of("[2024-01-03,order_id=O-8,order_date:unparseable]",
        "[2024-01-03,order_id=O-9,order_date:after_dump]",
        "[2024-01-06,order_id=O-1,key:duplicate]"), quarantine());
  }

  @Test
  void dailyRunsOverTheDumpsDaysGiveTheSameTablesAsOneRangeRun() {
    for (LocalDate day = JAN1; !day.isAfter(JAN6); day = day.plusDays(1)) {
      ingest(day, day, "day-" + day);
    }
    List<String> daily = raw();
    List<String> dailyQuarantine = quarantine();
    ingest(JAN1, JAN6, "range");
    assertEquals(daily, raw());
    assertEquals(dailyQuarantine, quarantine());
    assertEquals(5, daily.size());
  }

  /** Validate judges each event day the dump and the extracts delivered, not the dump once. */
  @Test
  void validationJudgesEachDeliveredEventDay() {
    TestProject.write(project.conf.resolve("metrics.yaml"), "metrics:\n"
        + com.kpialign.testing.TestConf.metricEntry("orders", "kind: count, source: orders"));
    ingest(JAN1, JAN6, "range");
    try {
      project.run(new ValidateJob(), "validate", new RunDates(JAN1, JAN6));
    } catch (com.kpialign.quality.DataQualityFailure expected) {
      // the quarantined rows fail the completeness of their day; the days are what is tested
    }
    assertEquals(List.of("[2024-01-01]", "[2024-01-03]", "[2024-01-04]", "[2024-01-06]"),
        TestSpark.rows(spark.sql("SELECT DISTINCT run_date FROM " + project.quality("dq_results")
            + " WHERE source = 'orders'")));
  }

  @Test
  void aMissingDumpIsNamedWithItsPath() {
    project.landing("history/orders_until_2024-01-03.csv", "");
    assertTrue(project.landing.resolve("history/orders_until_2024-01-03.csv").toFile().delete());
    MissingExtractException e = assertThrows(MissingExtractException.class,
        () -> ingest(JAN3, JAN3, "run"));
    assertEquals(1, e.missing().size());
    assertTrue(e.missing().get(0).path().endsWith("history/orders_until_2024-01-03.csv"),
        e.missing().get(0).path());
  }
}
