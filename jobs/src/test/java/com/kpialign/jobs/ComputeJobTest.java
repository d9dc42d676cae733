package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric values worked out by hand from the extracts below. Jan 6 and 7 2024 are the Saturday
 * and Sunday of the ISO week starting Jan 1; Jan 8 starts the next week.
 */
class ComputeJobTest {
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
            - {name: region, type: string, nullable: false}
            - {name: channel, type: string, nullable: false}
            - {name: amount, type: "decimal(10,2)", nullable: false}
            - {name: status, type: string, nullable: false}
        - name: sessions
          format: csv
          path: "{date}/sessions.csv"
          primary_key: [session_id]
          event_date: session_date
          schema:
            - {name: session_id, type: long, nullable: false}
            - {name: session_date, type: date, nullable: false}
            - {name: region, type: string, nullable: false}
            - {name: channel, type: string, nullable: false}
      """;

  static String metric(String id, String name, String keys) {
    return TestConf.metricEntry(id, "name: " + name + ", " + keys);
  }

  static String metrics() {
    return "entities:\n  - {id: buyer, description: a buyer, source: orders, key: customer_id,"
        + " filter: \"status = 'completed'\"}\nmetrics:\n" + String.join("", List.of(
        metric("revenue", "Revenue", "kind: sum, source: orders, expression: amount, "
            + "filter: \"status = 'completed'\", dimensions: [region, channel], "
            + "dimension_pairs: [[region, channel]]"),
        metric("orders", "Orders", "kind: count, source: orders, "
            + "filter: \"status = 'completed'\", dimensions: [region, channel], "
            + "dimension_pairs: [[region, channel]]"),
        metric("buyers", "Buyers", "kind: count_distinct, source: orders, "
            + "entity: buyer, dimensions: [region]"),
        metric("sessions", "Sessions", "kind: count, source: sessions, "
            + "dimensions: [region, channel], dimension_pairs: [[region, channel]]"),
        metric("conversion", "Conversion", "kind: ratio, numerator: orders, "
            + "denominator: sessions, dimensions: [region, channel], "
            + "dimension_pairs: [[region, channel]]"),
        metric("aov", "AOV", "kind: ratio, numerator: revenue, denominator: orders, "
            + "dimensions: [region]"),
        metric("contribution", "Contribution", "kind: formula, "
            + "expression: \"revenue - 5 * orders\"")));
  }

  @TempDir Path dir;

  TestProject project(String name) {
    TestProject project = new TestProject(dir.resolve(name), SOURCES);
    TestProject.write(project.conf.resolve("metrics.yaml"), metrics());
    project.landing("2024-01-06/orders.csv", """
        order_id,order_date,customer_id,region,channel,amount,status
        O-1,2024-01-06,1,EU,web,10.00,completed
        O-2,2024-01-06,2,NA,app,20.00,completed
        O-3,2024-01-06,1,EU,web,5.00,cancelled
        """);
    project.landing("2024-01-07/orders.csv", """
        order_id,order_date,customer_id,region,channel,amount,status
        O-4,2024-01-07,1,EU,app,30.00,completed
        O-5,2024-01-07,3,NA,web,40.00,completed
        """);
    project.landing("2024-01-08/orders.csv", """
        order_id,order_date,customer_id,region,channel,amount,status
        O-6,2024-01-08,1,EU,web,50.00,completed
        """);
    project.landing("2024-01-06/sessions.csv", """
        session_id,session_date,region,channel
        1,2024-01-06,EU,web
        2,2024-01-06,EU,web
        3,2024-01-06,NA,app
        4,2024-01-06,NA,web
        """);
    project.landing("2024-01-07/sessions.csv", """
        session_id,session_date,region,channel
        5,2024-01-07,EU,app
        6,2024-01-07,EU,app
        7,2024-01-07,EU,app
        8,2024-01-07,NA,web
        9,2024-01-07,NA,web
        10,2024-01-07,NA,web
        """);
    project.landing("2024-01-08/sessions.csv", """
        session_id,session_date,region,channel
        11,2024-01-08,EU,web
        12,2024-01-08,EU,web
        13,2024-01-08,EU,web
        14,2024-01-08,EU,web
        15,2024-01-08,EU,web
        """);
    project.run(new IngestJob(), "ingest", new RunDates(JAN6, JAN8));
    return project;
  }

  static final LocalDate JAN6 = LocalDate.of(2024, 1, 6);
  static final LocalDate JAN7 = LocalDate.of(2024, 1, 7);
  static final LocalDate JAN8 = LocalDate.of(2024, 1, 8);

  static List<String> values(TestProject project, String where) {
    SparkSession spark = TestSpark.session();
    return TestSpark.rows(spark.sql("SELECT metric_id, grain, period_start, slice, "
        + "round(value, 4), numerator, denominator FROM " + project.kpi("metric_values")
        + " WHERE " + where));
  }

  static List<String> everything(TestProject project) {
    return TestSpark.rows(TestSpark.session().table(project.kpi("metric_values"))
        .drop("run_id"));
  }

  @Test
  void handComputedValuesAtEveryGrain() {
    TestProject project = project("p");
    project.run(new ComputeJob(), "c-1", new RunDates(JAN6, JAN8));

    // week of Jan 1: orders O-1, O-2, O-4, O-5 (O-3 cancelled), 10 sessions
    assertEquals(List.of(
        "[aov,week,2024-01-01,all,25.0,100.0,4.0]",
        "[buyers,week,2024-01-01,all,3.0,null,null]",
        "[contribution,week,2024-01-01,all,80.0,null,null]",
        "[conversion,week,2024-01-01,all,0.4,4.0,10.0]",
        "[orders,week,2024-01-01,all,4.0,null,null]",
        "[revenue,week,2024-01-01,all,100.0,null,null]",
        "[sessions,week,2024-01-01,all,10.0,null,null]"),
        values(project, "grain = 'week' AND period_start = '2024-01-01' AND slice = 'all'"));
    // the week's conversion is 4 / 10, not the mean of Jan 6 (2 / 4) and Jan 7 (2 / 6)
    assertEquals(List.of("[conversion,day,2024-01-06,all,0.5,2.0,4.0]",
        "[conversion,day,2024-01-07,all,0.3333,2.0,6.0]",
        "[conversion,day,2024-01-08,all,0.2,1.0,5.0]",
        "[conversion,month,2024-01-01,all,0.3333,5.0,15.0]",
        "[conversion,quarter,2024-01-01,all,0.3333,5.0,15.0]",
        "[conversion,week,2024-01-01,all,0.4,4.0,10.0]",
        "[conversion,week,2024-01-08,all,0.2,1.0,5.0]"),
        values(project, "metric_id = 'conversion' AND slice = 'all'"));
    // customer 1 bought on Jan 6, 7 and 8: one buyer in EU each week, not three
    assertEquals(List.of("[buyers,month,2024-01-01,region=EU,1.0,null,null]",
        "[buyers,month,2024-01-01,region=NA,2.0,null,null]",
        "[buyers,week,2024-01-01,region=EU,1.0,null,null]",
        "[buyers,week,2024-01-01,region=NA,2.0,null,null]",
        "[buyers,week,2024-01-08,region=EU,1.0,null,null]"),
        values(project, "metric_id = 'buyers' AND grain IN ('week', 'month') "
            + "AND slice_dims = 'region'"));
    // a two-dimension slice, dimensions sorted by name
    assertEquals(List.of(
        "[conversion,week,2024-01-01,channel=app&region=EU,0.3333,1.0,3.0]",
        "[conversion,week,2024-01-01,channel=app&region=NA,1.0,1.0,1.0]",
        "[conversion,week,2024-01-01,channel=web&region=EU,0.5,1.0,2.0]",
        "[conversion,week,2024-01-01,channel=web&region=NA,0.25,1.0,4.0]"),
        values(project, "metric_id = 'conversion' AND grain = 'week' "
            + "AND period_start = '2024-01-01' AND slice_dims = 'channel&region'"));
    // aov is allowed by region only, contribution overall only
    assertEquals(List.of("[all]", "[region]"), TestSpark.rows(TestSpark.session().sql(
        "SELECT DISTINCT slice_dims FROM " + project.kpi("metric_values") + " "
            + "WHERE metric_id = 'aov'")));
  }

  @Test
  void nightlyRunsGiveTheSameTableAsOneRangeRunAndRerunsChangeNothing() {
    TestProject range = project("range");
    range.run(new ComputeJob(), "c-1", new RunDates(JAN6, JAN8));
    TestProject nightly = project("nightly");
    for (LocalDate day : List.of(JAN6, JAN7, JAN8)) {
      nightly.run(new ComputeJob(), "n-" + day, new RunDates(day, day));
    }
    assertEquals(everything(range), everything(nightly));

    nightly.run(new ComputeJob(), "again", new RunDates(JAN7, JAN7));
    assertEquals(everything(range), everything(nightly));
  }

  @Test
  void aChangedDefinitionRecomputesThatMetricAndItsDependantsOnly() {
    TestProject project = project("changed");
    project.run(new CatalogJob(), "c-1", new RunDates(JAN6, JAN8));
    project.run(new ComputeJob(), "c-1", new RunDates(JAN6, JAN8));
    // revenue now counts cancelled orders too: O-3 (5.00, Jan 6) joins week 1
    TestProject.write(project.conf.resolve("metrics.yaml"), metrics()
        .replace("kind: sum, source: orders, expression: amount, "
            + "filter: \"status = 'completed'\", ", "kind: sum, source: orders, "
            + "expression: amount, "));
    RunDates jan8 = new RunDates(JAN8, JAN8);
    JobResult catalog = project.run(new CatalogJob(), "c-2", jan8);
    project.run(new ComputeJob(), "c-2", jan8);

    // the versions of metrics built on revenue change with it
    assertEquals(List.of("revenue", "aov", "contribution"),
        catalog.details().get("changed_definitions"));
    assertEquals(List.of(
        "[aov,105.0,c-2]", "[buyers,3.0,c-1]", "[contribution,85.0,c-2]",
        "[conversion,4.0,c-1]", "[orders,4.0,c-1]", "[revenue,105.0,c-2]", "[sessions,10.0,c-1]"),
        TestSpark.rows(TestSpark.session().sql("SELECT metric_id, coalesce(numerator, value), "
            + "run_id FROM " + project.kpi("metric_values") + " WHERE grain = 'week' AND "
            + "period_start = '2024-01-01' AND slice = 'all'")));
    // the old definition is kept, closed the day before the run that changed it
    assertEquals(List.of("[2024-01-06,2024-01-07]", "[2024-01-08,null]"),
        TestSpark.rows(TestSpark.session().sql("SELECT valid_from, valid_to FROM kpi_"
            + project.suffix + ".dim_metric WHERE metric_id = 'revenue'")));
  }
}
