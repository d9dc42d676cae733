package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.table.AlertsTable;
import com.kpialign.table.BenchmarksTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explain job on benchmarks written directly, every expectation worked out by hand. On
 * 2024-03-09 EU sells 30 of its expected 50 in 4 orders instead of 5; every other region is as
 * expected. Expected: revenue 100 = 10 orders x AOV 10; actual: 80 = 9 orders x AOV 8.889.
 */
class ExplainJobTest {
  static final LocalDate DAY = LocalDate.of(2024, 3, 9);
  static String metric(String id, String name, String owner, String keys) {
    return TestConf.metricEntry(id, "name: " + name + ", owner: " + owner + ", " + keys
        + ", dimensions: [region, channel]");
  }

  static final String TREE = """
      objectives:
        - {id: growth, statement: Grow, perspective: financial, owner: CEO, target: t,
           kpis: [revenue]}
      formulas:
        - {parent: revenue, expression: "orders * aov", alignment: process_outcome}
      """;

  @TempDir static Path dir;
  static TestProject project;

  @BeforeAll
  static void run() {
    project = new TestProject(dir.resolve("p"), ComputeJobTest.SOURCES);
    TestProject.write(project.conf.resolve("metrics.yaml"), "metrics:\n"
        + metric("revenue", "Revenue", "VP Sales", "kind: sum, source: orders, expression: amount")
        + metric("orders", "Orders", "Sales Ops", "kind: count, source: orders")
        + metric("aov", "AOV", "Head of Pricing",
            "kind: ratio, numerator: revenue, denominator: orders"));
    TestProject.write(project.conf.resolve("kpi_tree.yaml"), TREE);
    JobContext context = project.context("setup");
    String kpi = "kpi_" + project.suffix;
    context.warehouse().ensureTable(BenchmarksTable.CONTRACT);
    context.warehouse().ensureTable(MetricValuesTable.CONTRACT);
    context.warehouse().ensureTable(AlertsTable.CONTRACT);

    List<Row> benchmarks = new ArrayList<>();
    // the day before: revenue and orders green, AOV already red
    benchmarks.add(day(DAY.minusDays(1), "revenue", "all", 100, 100, 90, 110, "green"));
    benchmarks.add(day(DAY.minusDays(1), "orders", "all", 10, 10, 8, 12, "green"));
    benchmarks.add(day(DAY.minusDays(1), "aov", "all", 10, 10, 9.5, 10.5, "red"));
    benchmarks.add(day(DAY, "revenue", "all", 80, 100, 90, 110, "red"));
    benchmarks.add(day(DAY, "orders", "all", 9, 10, 8, 12, "red"));
    benchmarks.add(day(DAY, "aov", "all", 80.0 / 9, 10, 9.5, 10.5, "red"));
    List<Row> values = new ArrayList<>();
    // region: revenue actual, expected; orders actual, expected
    Object[][] regions = {{"EU", 30, 50, 4, 5}, {"NA", 20, 20, 2, 2}, {"APAC", 20, 20, 2, 2},
        {"LATAM", 10, 10, 1, 1}};
    for (Object[] r : regions) {
      String slice = "region=" + r[0];
      double revenue = (int) r[1];
      double orders = (int) r[3];
      double expectedRevenue = (int) r[2];
      double expectedOrders = (int) r[4];
      benchmarks.add(day(DAY, "revenue", slice, revenue, expectedRevenue,
          0.9 * expectedRevenue, 1.1 * expectedRevenue, null));
      benchmarks.add(day(DAY, "orders", slice, orders, expectedOrders, 0.9 * expectedOrders,
          1.1 * expectedOrders, null));
      benchmarks.add(day(DAY, "aov", slice, revenue / orders, 10, 9.5, 10.5, null));
      values.add(value("aov", slice, revenue, orders));
    }
    // channel: both web and app fall by 20%, so no channel stands out
    for (String channel : List.of("web", "app")) {
      String slice = "channel=" + channel;
      benchmarks.add(day(DAY, "revenue", slice, 40, 50, 45, 55, null));
      benchmarks.add(day(DAY, "orders", slice, 4.5, 5, 4, 6, null));
      benchmarks.add(day(DAY, "aov", slice, 40 / 4.5, 10, 9.5, 10.5, null));
      values.add(value("aov", slice, 40, 4.5));
    }
    // a week still running is no movement, however far below its interval
    Map<String, Object> week = fields(DAY, "revenue", "all", 300, 700, 600, 800, "red");
    week.put("grain", "week");
    week.put("period_start", Date.valueOf("2024-03-04"));
    week.put("period_end", Date.valueOf("2024-03-10"));
    week.put("period_complete", false);
    benchmarks.add(row(week));
    context.warehouse().append(project.kpi("benchmarks"),
        TestSpark.session().createDataFrame(benchmarks, BenchmarksTable.SCHEMA));
    context.warehouse().append(project.kpi("metric_values"),
        TestSpark.session().createDataFrame(values, MetricValuesTable.SCHEMA));
    // earlier alerts: one with the same cause within 28 days, one of the day being replaced
    context.warehouse().append(project.kpi("alerts"), TestSpark.session().createDataFrame(
        List.of(alert(LocalDate.of(2024, 3, 1)), alert(DAY)), AlertsTable.SCHEMA));

    project.run(new ExplainJob(), "explain-1", new RunDates(DAY, DAY));
  }

  static Row day(LocalDate start, String metric, String slice, double value, double expected,
      double low, double high, String status) {
    return row(fields(start, metric, slice, value, expected, low, high, status));
  }

  static Map<String, Object> fields(LocalDate start, String metric, String slice, double value,
      double expected, double low, double high, String status) {
    Map<String, Object> f = new HashMap<>();
    f.put("metric_id", metric);
    f.put("grain", "day");
    f.put("period_start", Date.valueOf(start));
    f.put("period_end", Date.valueOf(start));
    f.put("slice_dims", slice.equals("all") ? "all" : slice.substring(0, slice.indexOf('=')));
    f.put("slice", slice);
    f.put("value", value);
    f.put("period_complete", true);
    f.put("elapsed_days", 1);
    f.put("period_days", 1);
    f.put("history_periods", 28);
    f.put("expected", expected);
    f.put("expected_low", low);
    f.put("expected_high", high);
    f.put("interval_position", value < low ? "below" : value > high ? "above" : "inside");
    f.put("status", status);
    f.put("status_reason", "test");
    f.put("run_id", "bench");
    f.put("run_date", Date.valueOf(DAY));
    f.put("period_month", Date.valueOf(start.withDayOfMonth(1)));
    return f;
  }

  static Row row(Map<String, Object> fields) {
    return RowFactory.create(Arrays.stream(BenchmarksTable.SCHEMA.fields())
        .map(StructField::name).map(fields::get).toArray());
  }

  static Row value(String metric, String slice, double numerator, double denominator) {
    return RowFactory.create(metric, "day", Date.valueOf(DAY), Date.valueOf(DAY),
        slice.substring(0, slice.indexOf('=')), slice, numerator / denominator, numerator,
        denominator, true, "v1", "compute", Date.valueOf(DAY), Date.valueOf("2024-03-01"));
  }

  static Row alert(LocalDate day) {
    return RowFactory.create("a-" + day, "day", Date.valueOf(day), Date.valueOf(day), "aov",
        "aov|day|" + day + "|all", "aov", 1, "high", "Head of Pricing", "region=EU", 1.0, false, 1,
        "earlier", "explain-0", Date.valueOf(day), Date.valueOf(day.withDayOfMonth(1)));
  }

  static List<String> query(String sql) {
    return TestSpark.rows(TestSpark.session().sql(sql.replace("kpi.", "kpi_" + project.suffix
        + ".")));
  }

  static List<String> withoutRunId(String table) {
    return TestSpark.rows(TestSpark.session().table(project.kpi(table)).drop("run_id"));
  }

  @Test
  void movementsLeftTheirIntervalOrTurnedRedInCompletePeriodsOnly() {
    assertEquals(List.of(
            "[aov|day|2024-03-09|all,down,outside_interval,red]",
            "[aov|day|2024-03-09|channel=app,down,outside_interval,null]",
            "[aov|day|2024-03-09|channel=web,down,outside_interval,null]",
            "[aov|day|2024-03-09|region=EU,down,outside_interval,null]",
            "[orders|day|2024-03-09|all,down,turned_red,green]",
            "[orders|day|2024-03-09|region=EU,down,outside_interval,null]",
            "[revenue|day|2024-03-09|all,down,outside_interval,turned_red,green]",
            "[revenue|day|2024-03-09|channel=app,down,outside_interval,null]",
            "[revenue|day|2024-03-09|channel=web,down,outside_interval,null]",
            "[revenue|day|2024-03-09|region=EU,down,outside_interval,null]"),
        query("SELECT movement_id, direction, reason, previous_status FROM kpi.movements"));
    // revenue: 80 against 100
    assertEquals(List.of("[-20.0,-0.2]"), query("SELECT deviation, deviation_pct FROM"
        + " kpi.movements WHERE movement_id = 'revenue|day|2024-03-09|all'"));
  }

  @Test
  void revenueIsExplainedByItsDriversExactlyAndByRegionNotChannel() {
    // Shapley over revenue = orders x aov from (10, 10) to (9, 8.8889):
    // orders (-1 x 10 + -1 x 8.8889) / 2 = -9.4444, aov (-1.1111 x 10 + -1.1111 x 9) / 2 =
    // -10.5556; together -20. Region: EU's -20 is all of it; both channels fell 20%: no cause
    assertEquals(List.of(
            "[dimension,localization,region=EU,-20.0,1.0,1]",
            "[driver,formula,aov,-10.5556,0.5278,1]",
            "[driver,formula,orders,-9.4444,0.4722,2]"),
        query("SELECT kind, method, element, round(contribution, 4), round(share, 4), rank"
            + " FROM kpi.root_causes WHERE movement_id = 'revenue|day|2024-03-09|all'"));
  }

  @Test
  void aRatioIsLocalizedOnItsSlicesPartsNotOnItsSlicesAverages() {
    // EU at its expected 50 of 5 orders: (80 - 30 + 50) / (9 - 4 + 5) = 10, so EU undoes
    // 80 / 9 - 10 = -1.1111 of AOV's change, all of it
    assertEquals(List.of("[region=EU,-1.1111,1.0,1]"), query("SELECT element,"
        + " round(contribution, 4), round(share, 4), rank FROM kpi.root_causes"
        + " WHERE movement_id = 'aov|day|2024-03-09|all' AND kind = 'dimension'"));
  }

  @Test
  void oneAlertForTheIncidentLedByTheUpstreamMetricWithItsOwnerAndRecurrence() {
    // revenue and AOV share region=EU, and AOV is revenue's leading driver: one incident, led by
    // AOV (driven by no member); critical, for revenue is 20% off; orders turned red inside its
    // interval: no alert. The alert of 03-01 counts, the earlier alert of 03-09 itself is
    // replaced and does not. Orders of EU (4, below 4.5..5.5), a part of AOV, join it
    assertEquals(List.of("[aov,aov,revenue,3,critical,Head of Pricing,region=EU,2,true,"
            + "AOV -11.1% against expected on day 2024-03-09 (8.889 vs 10.00): 100% from"
            + " region=EU; also moved: revenue, orders in region=EU; owner: Head of Pricing;"
            + " recurring: 2 times in 28 days.]"),
        query("SELECT metric_id, metrics, movements, severity, owner, cause, recurrence,"
            + " recurring, summary FROM kpi.alerts WHERE period_start = '2024-03-09'"));
  }

  @Test
  void aRerunReplacesTheDayWithTheSameRows() {
    String[] tables = {"movements", "root_causes", "alerts"};
    Map<String, List<String>> before = new HashMap<>();
    for (String t : tables) {
      before.put(t, withoutRunId(t));
    }
    project.run(new ExplainJob(), "explain-2", new RunDates(DAY, DAY));
    for (String t : tables) {
      assertEquals(before.get(t), withoutRunId(t), t);
    }
  }
}
