package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.quality.DataQualityFailure;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check kind on a day that passes it (Jan 1) and a day that violates it (Jan 2), through
 * ingest and validate, asserting the rows of quality.dq_results. Expected values are counted by
 * hand from the extracts below.
 */
class ValidateJobTest {
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
            - {name: region, type: string, nullable: false, allowed: [EU, NA]}
            - {name: amount, type: "decimal(10,2)", nullable: false}
            - {name: status, type: string, nullable: false}
        - name: shipments
          format: csv
          path: "{date}/shipments.csv"
          primary_key: [shipment_id]
          event_date: delivered_date
          schema:
            - {name: shipment_id, type: string, nullable: false}
            - {name: order_id, type: string, nullable: false}
            - {name: delivered_date, type: date, nullable: false}
        - name: ledger
          format: csv
          path: "{date}/ledger.csv"
          primary_key: [entry_id]
          event_date: posting_date
          schema:
            - {name: entry_id, type: string, nullable: false}
            - {name: posting_date, type: date, nullable: false}
            - {name: account, type: string, nullable: false}
            - {name: amount, type: "decimal(10,2)", nullable: false}
        - name: visits
          format: csv
          path: "{date}/visits.csv"
          primary_key: [visit_id]
          event_date: visit_date
          schema:
            - {name: visit_id, type: long, nullable: false}
            - {name: visit_date, type: date, nullable: false}
      """;

  static final String METRICS = "metrics:\n"
      + TestConf.metricEntry("revenue", "unit: USD, kind: sum, source: orders, "
          + "expression: amount, filter: \"status = 'completed'\", "
          + "checks: [{type: complete, column: amount, severity: error}, "
          + "{type: non_negative, column: amount, severity: error}]")
      + TestConf.metricEntry("orders", "perspective: customer, stakeholders: [customers], "
          + "kind: count, source: orders, checks: [{type: unique, column: order_id, "
          + "severity: error}, {type: range, column: amount, min: 0, max: 1000, "
          + "severity: warning}]")
      + TestConf.metricEntry("aov", "kind: ratio, numerator: revenue, denominator: orders")
      + TestConf.metricEntry("deliveries", "vertical: operations, owner: Ops, "
          + "perspective: internal_process, stakeholders: [customers], kind: count, "
          + "source: shipments, checks: [{type: reference, column: order_id, "
          + "reference: orders.order_id, severity: error}]")
      + TestConf.metricEntry("booked_revenue", "vertical: finance, owner: CFO, kind: sum, "
          + "source: ledger, expression: amount, filter: \"account = 'revenue'\", "
          + "checks: [{type: reconcile, reference: revenue, tolerance: 0.01, severity: error}]")
      + TestConf.metricEntry("visits", "vertical: marketing, owner: Growth, "
          + "perspective: customer, stakeholders: [customers], kind: count, source: visits");

  static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
  static final LocalDate JAN2 = LocalDate.of(2024, 1, 2);

  // one ingest and validation for all tests: they only read what it wrote (the rerun test
  // writes the same rows again)
  @TempDir static Path dir;
  static TestProject project;
  static SparkSession spark;
  static DataQualityFailure firstRun;

  @BeforeAll
  static void extracts() {
    project = new TestProject(dir, SOURCES);
    TestProject.write(project.conf.resolve("metrics.yaml"), METRICS);
    spark = TestSpark.session();
    project.landing("2024-01-01/orders.csv", """
        order_id,order_date,region,amount,status
        O-1,2024-01-01,EU,10.00,completed
        O-2,2024-01-01,NA,20.00,completed
        """);
    // 5 rows delivered: O-3 has no amount, O-4 an unknown region (both quarantined), O-5 is
    // negative, O-6 above the range, O-1 was delivered yesterday (quarantined as duplicate)
    project.landing("2024-01-02/orders.csv", """
        order_id,order_date,region,amount,status
        O-3,2024-01-02,EU,,completed
        O-4,2024-01-02,XX,5.00,completed
        O-5,2024-01-02,NA,-3.00,completed
        O-6,2024-01-02,EU,2000.00,completed
        O-1,2024-01-01,EU,10.00,completed
        """);
    project.landing("2024-01-01/shipments.csv", """
        shipment_id,order_id,delivered_date
        S-1,O-1,2024-01-01
        """);
    project.landing("2024-01-02/shipments.csv", """
        shipment_id,order_id,delivered_date
        S-2,O-3,2024-01-02
        S-3,O-9,2024-01-02
        """);
    // S-2 ships O-3, which was delivered but quarantined: it exists; O-9 was never delivered
    // Jan 1 books exactly the 30.00 of orders; Jan 2 books 2100.00 against 1997.00
    project.landing("2024-01-01/ledger.csv", """
        entry_id,posting_date,account,amount
        L-1,2024-01-01,revenue,30.00
        L-2,2024-01-01,rent,99.00
        """);
    project.landing("2024-01-02/ledger.csv", """
        entry_id,posting_date,account,amount
        L-3,2024-01-02,revenue,2100.00
        """);
    project.landing("2024-01-01/visits.csv", "visit_id,visit_date\n1,2024-01-01\n");
    project.landing("2024-01-02/visits.csv", "visit_id,visit_date\n");
    firstRun = validateBothDays("run-1");
  }

  private static List<String> results(LocalDate day, String source) {
    return TestSpark.rows(spark.sql("SELECT metric_id, check, constraint, severity, status, "
        + "round(metric_value, 4) FROM " + project.quality("dq_results") + " WHERE run_date = '"
        + day + "' AND source = '" + source + "'"));
  }

  private static DataQualityFailure validateBothDays(String runId) {
    RunDates dates = new RunDates(JAN1, JAN2);
    project.run(new IngestJob(), runId, dates);
    return assertThrows(DataQualityFailure.class,
        () -> project.run(new ValidateJob(), runId, dates));
  }

  @Test
  void everyCheckKindPassesOnAGoodDayAndFailsOnABadOne() {
    DataQualityFailure failure = firstRun;

    assertEquals(List.of(
        "[null,allowed,allowed(region) [warning],warning,passed,1.0]",
        "[null,complete,complete(order_date) [warning],warning,passed,1.0]",
        "[null,complete,complete(order_id) [warning],warning,passed,1.0]",
        "[null,complete,complete(region) [warning],warning,passed,1.0]",
        "[null,complete,complete(status) [warning],warning,passed,1.0]",
        "[orders,range,range(amount, min=0.0, max=1000.0) [warning],warning,passed,1.0]",
        "[orders,unique,unique(order_id) [error],error,passed,1.0]",
        "[revenue,complete,complete(amount) [error],error,passed,1.0]",
        "[revenue,non_negative,non_negative(amount) [error],error,passed,1.0]"),
        results(JAN1, "orders"));
    assertEquals(List.of(
        "[null,allowed,allowed(region) [warning],warning,failed,0.8]",
        "[null,complete,complete(order_date) [warning],warning,passed,1.0]",
        "[null,complete,complete(order_id) [warning],warning,passed,1.0]",
        "[null,complete,complete(region) [warning],warning,passed,1.0]",
        "[null,complete,complete(status) [warning],warning,passed,1.0]",
        "[orders,range,range(amount, min=0.0, max=1000.0) [warning],warning,failed,0.6]",
        "[orders,unique,unique(order_id) [error],error,failed,0.8]",
        "[revenue,complete,complete(amount) [error],error,failed,0.8]",
        "[revenue,non_negative,non_negative(amount) [error],error,failed,0.8]"),
        results(JAN2, "orders"));
    assertEquals(List.of(
        "[deliveries,reference,reference(order_id, reference=orders.order_id) [error],error,"
            + "passed,1.0]",
        "[null,complete,complete(delivered_date) [warning],warning,passed,1.0]",
        "[null,complete,complete(order_id) [warning],warning,passed,1.0]",
        "[null,complete,complete(shipment_id) [warning],warning,passed,1.0]",
        "[null,unique,unique(shipment_id) [warning],warning,passed,1.0]"),
        results(JAN1, "shipments"));
    assertTrue(results(JAN2, "shipments").contains("[deliveries,reference,reference(order_id, "
        + "reference=orders.order_id) [error],error,failed,0.5]"), results(JAN2, "shipments")
        .toString());
    // |2100 - 1997| / 1997 = 0.0516 > 0.01; Jan 1: 30 against 30
    assertTrue(results(JAN1, "ledger").contains("[booked_revenue,reconcile,reconcile("
        + "reference=revenue, tolerance=0.01) [error],error,passed,0.0]"));
    assertTrue(results(JAN2, "ledger").contains("[booked_revenue,reconcile,reconcile("
        + "reference=revenue, tolerance=0.01) [error],error,failed,0.0516]"));
    // visits delivered an empty extract on Jan 2: nothing to judge
    assertEquals(List.of("[null,complete,complete(visit_date) [warning],warning,no_data,null]",
        "[null,complete,complete(visit_id) [warning],warning,no_data,null]",
        "[null,unique,unique(visit_id) [warning],warning,no_data,null]"), results(JAN2, "visits"));

    assertTrue(failure.getMessage().contains(
        "orders: unique(order_id) [error] failed on 1 day(s): 2024-01-02"), failure.getMessage());
    assertTrue(failure.getMessage().contains(
        "ledger: reconcile(reference=revenue, tolerance=0.01) [error] failed on 1 day(s): "
            + "2024-01-02"), failure.getMessage());
    assertTrue(failure.getMessage().startsWith("5 data-quality check(s) of severity error"),
        failure.getMessage());
  }

  @Test
  void anErrorUnverifiesTheMetricsThatReadTheSourceAndNoOthers() {
    List<String> status = TestSpark.rows(spark.sql("SELECT run_date, metric_id, verified, "
        + "size(failed_checks) FROM " + project.quality("metric_status")));
    assertEquals(List.of(
        "[2024-01-01,aov,true,0]", "[2024-01-01,booked_revenue,true,0]",
        "[2024-01-01,deliveries,true,0]", "[2024-01-01,orders,true,0]",
        "[2024-01-01,revenue,true,0]", "[2024-01-01,visits,true,0]",
        // orders failed 3 error checks (unique, complete, non_negative; range is a warning)
        "[2024-01-02,aov,false,3]", "[2024-01-02,booked_revenue,false,1]",
        "[2024-01-02,deliveries,false,1]", "[2024-01-02,orders,false,3]",
        "[2024-01-02,revenue,false,3]", "[2024-01-02,visits,true,0]"), status);
  }

  @Test
  void rerunningReplacesTheRunDatesRows() {
    List<String> before = results(JAN2, "orders");
    long first = spark.table(project.quality("dq_results")).count();
    long metrics = spark.table(project.quality("dq_metrics")).count();
    validateBothDays("run-2");

    assertEquals(first, spark.table(project.quality("dq_results")).count());
    assertEquals(before, results(JAN2, "orders"));
    assertEquals(metrics, spark.table(project.quality("dq_metrics")).count());
    assertEquals(List.of("[run-2]"), TestSpark.rows(spark.sql("SELECT DISTINCT run_id FROM "
        + project.quality("dq_results"))));
  }
}
