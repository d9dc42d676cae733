package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.table.MetricValuesTable;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark job on values, targets and peers written directly; every expectation worked out
 * by hand in the comments. The run covers Sep 2023 to Mar 10 2024, so March is 10 days in.
 */
class BenchmarkJobTest {
  static final LocalDate RUN = LocalDate.of(2024, 3, 10);
  static String metric(String id, String name, String vertical, String owner,
      String direction, String kind) {
    return TestConf.metricEntry(id, "name: " + name + ", vertical: " + vertical + ", owner: "
        + owner + ", direction: " + direction + ", kind: " + kind + ", source: orders, "
        + "expression: amount, dimensions: [region]");
  }

  static final String TREE = """
      objectives:
        - {id: growth, statement: Grow, perspective: financial, owner: CEO, target: t,
           kpis: [revenue, response_time]}
      """;

  @TempDir static Path dir;
  static TestProject project;

  @BeforeAll
  static void run() {
    project = new TestProject(dir.resolve("p"), ComputeJobTest.SOURCES);
    TestProject.write(project.conf.resolve("metrics.yaml"), "metrics:\n"
        + metric("revenue", "Revenue", "sales", "VP Sales", "up", "sum")
        + metric("response_time", "Response time", "support", "Head of Care", "down", "avg")
        + metric("stock", "Stock days", "operations", "COO", "band", "avg")
            .replace("direction: band,", "direction: band, band: {low: 10, high: 20},"));
    TestProject.write(project.conf.resolve("kpi_tree.yaml"), TREE);
    JobContext context = project.context("setup");
    String kpi = "kpi_" + project.suffix;
    context.warehouse().ensureTable(MetricValuesTable.CONTRACT);
    List<Row> values = new ArrayList<>();
    // revenue, slice all: 150 in each month Sep 2023 to Feb 2024, 400 in the first 10 days of
    // March; its regions in March: EU 200, NA 150, LATAM 150, APAC 50
    for (int m = 0; m < 6; m++) {
      values.add(month("revenue", "all", LocalDate.of(2023, 9, 1).plusMonths(m), 150.0));
    }
    values.add(month("revenue", "all", LocalDate.of(2024, 3, 1), 400.0));
    values.add(month("revenue", "region=EU", LocalDate.of(2024, 3, 1), 200.0));
    values.add(month("revenue", "region=NA", LocalDate.of(2024, 3, 1), 150.0));
    values.add(month("revenue", "region=LATAM", LocalDate.of(2024, 3, 1), 150.0));
    values.add(month("revenue", "region=APAC", LocalDate.of(2024, 3, 1), 50.0));
    values.add(month("response_time", "all", LocalDate.of(2024, 3, 1), 66.0));
    values.add(month("response_time", "region=EU", LocalDate.of(2024, 3, 1), 50.0));
    values.add(month("response_time", "region=NA", LocalDate.of(2024, 3, 1), 70.0));
    values.add(month("stock", "all", LocalDate.of(2024, 3, 1), 25.0));
    values.add(month("stock", "region=EU", LocalDate.of(2024, 3, 1), 15.0));
    // no value: a zero denominator
    values.add(month("stock", "region=NA", LocalDate.of(2024, 3, 1), null));
    values.add(row("revenue", "day", "all", RUN, RUN, RUN, 40.0));
    context.warehouse().append(project.kpi("metric_values"),
        TestSpark.session().createDataFrame(values, MetricValuesTable.SCHEMA));

    List<Row> targets = new ArrayList<>();
    for (int m = 0; m < 7; m++) {
      targets.add(RowFactory.create("revenue", "month", Date.valueOf(LocalDate.of(2023, 9, 1)
          .plusMonths(m)), "all", m < 6 ? 100.0 : 1000.0));
    }
    targets.add(RowFactory.create("response_time", "month", Date.valueOf(LocalDate.of(2024, 3,
        1)), "all", 60.0));
    write(context, "targets", targets, new StructType().add("metric_id", "string")
        .add("period_grain", "string").add("period_start", "date").add("slice", "string")
        .add("target_value", "double"));
    write(context, "peer_benchmarks", List.of(
        RowFactory.create("response_time", "retail", Date.valueOf("2024-01-01"), 40.0, 60.0,
            90.0),
        RowFactory.create("revenue", "retail", Date.valueOf("2023-06-01"), 300.0, 350.0, 380.0)),
        new StructType().add("metric_id", "string").add("industry", "string")
            .add("period_start", "date").add("p25", "double").add("p50", "double")
            .add("p75", "double"));
    project.run(new BenchmarkJob(), "bench-1",
        new RunDates(LocalDate.of(2023, 9, 1), RUN));
  }

  static void write(JobContext context, String table, List<Row> rows, StructType schema) {
    TestSpark.session().createDataFrame(rows, schema).write().format("delta")
        .saveAsTable(project.raw(table));
  }

  /** A month's value; complete months have data to their end, March to the run date. */
  static Row month(String metric, String slice, LocalDate start, Double value) {
    LocalDate end = start.plusMonths(1).minusDays(1);
    return row(metric, "month", slice, start, end, end.isAfter(RUN) ? RUN : end, value);
  }

  static Row row(String metric, String grain, String slice, LocalDate start, LocalDate end,
      LocalDate through, Double value) {
    return RowFactory.create(metric, grain, Date.valueOf(start), Date.valueOf(end),
        slice.equals("all") ? "all" : "region", slice, value, null, null, true, "v1", "values",
        Date.valueOf(through), Date.valueOf(start.withDayOfMonth(1)));
  }

  static List<String> query(String sql) {
    return TestSpark.rows(TestSpark.session().sql(sql.replace("kpi.", "kpi_" + project.suffix
        + ".")));
  }

  static final String MARCH = " WHERE grain = 'month' AND period_start = '2024-03-01'";

  @Test
  void aTotalIsPacedByTheDaysElapsed() {
    // 10 of 31 days: 1000 x 10 / 31 = 322.58; attainment 400 / 322.58 = 1.240
    assertEquals(List.of("[false,10,31,1000.0,322.58,pro_rated_by_days,1.24,green]"),
        query("SELECT period_complete, elapsed_days, period_days, target,"
            + " round(paced_target, 2), pacing, round(attainment, 3), status FROM kpi.benchmarks"
            + MARCH + " AND metric_id = 'revenue' AND slice = 'all'"));
  }

  @Test
  void lowerIsBetterAboveTargetIsRedAndABandIsJudgedByItsEdges() {
    // response time 66 against 60, lower is better: 60 / 66 = 0.909 < 0.95; a rate is not paced
    assertEquals(List.of("[60.0,as_is,0.909,red,attainment 0.909 of the as_is target 60.00]"),
        query("SELECT paced_target, pacing, round(attainment, 3), status, status_reason FROM"
            + " kpi.benchmarks" + MARCH + " AND metric_id = 'response_time' AND slice = 'all'"));
    // stock 25 above its band 10..20: 20 / 25 = 0.8; EU's 15 is inside
    assertEquals(List.of("[all,0.8,red]", "[region=EU,1.0,green]"), query("SELECT slice,"
        + " attainment, status FROM kpi.benchmarks" + MARCH + " AND metric_id = 'stock'"
        + " AND value IS NOT NULL"));
  }

  @Test
  void siblingsRankWithTiesSharingTheBetterRank() {
    // 200 150 150 50: median 150, best 200
    assertEquals(List.of("[region=APAC,4,4,-150.0,-100.0]", "[region=EU,1,4,0.0,50.0]",
        "[region=LATAM,2,4,-50.0,0.0]", "[region=NA,2,4,-50.0,0.0]"), query("SELECT slice,"
        + " sibling_rank, siblings, gap_to_best, gap_to_median FROM kpi.benchmarks" + MARCH
        + " AND metric_id = 'revenue' AND slice_dims = 'region'"));
    // lower is better: EU's 50 ranks first, NA is 20 above the best
    assertEquals(List.of("[region=EU,1,0.0]", "[region=NA,2,20.0]"), query("SELECT slice,"
        + " sibling_rank, gap_to_best FROM kpi.benchmarks" + MARCH
        + " AND metric_id = 'response_time' AND slice_dims = 'region'"));
  }

  @Test
  void peerQuartilesHonourTheDirectionAndAge() {
    // 66 minutes, lower is better: above the median 60, within p75 90
    assertEquals(List.of("[response_time,2024-01-01,third_quartile,null]",
        "[revenue,2023-06-01,top_quartile,stale: published 2023-06-01, more than 200 days before"
            + " the period]",
        "[stock,null,null,no peer benchmark for this KPI]"), query("SELECT metric_id,"
        + " peer_period_start, peer_band, peer_reason FROM kpi.benchmarks" + MARCH
        + " AND slice = 'all'"));
  }

  @Test
  void missingHistoryTargetsAndValuesSayWhy() {
    assertEquals(List.of("[null,no value for 2024-02-01,0,only 0 of the 24 earlier periods have"
        + " a value (at least 6 needed),no target for this period and slice]"), query("SELECT"
        + " previous_value, previous_reason, history_periods, history_reason, target_reason FROM"
        + " kpi.benchmarks" + MARCH + " AND metric_id = 'response_time' AND slice = 'region=EU'"));
    assertEquals(List.of("[targets are set per month and quarter]"), query("SELECT target_reason"
        + " FROM kpi.benchmarks WHERE grain = 'day' AND metric_id = 'revenue'"));
    assertEquals(List.of("[null,null,no value for this period (a zero or missing denominator):"
        + " nothing to benchmark]"), query("SELECT value, status, status_reason FROM"
        + " kpi.benchmarks" + MARCH + " AND metric_id = 'stock' AND slice = 'region=NA'"));
    // revenue in March has the 6 months before: mean and median 150, previous 150
    assertEquals(List.of("[150.0,6,150.0,150.0,250.0]"), query("SELECT previous_value,"
        + " history_periods, history_mean, history_median, previous_change FROM kpi.benchmarks"
        + MARCH + " AND metric_id = 'revenue' AND slice = 'all'"));
  }

  @Test
  void theObjectiveTakesItsWorstKpi() {
    assertEquals(List.of("[kpi,response_time,red]", "[kpi,revenue,green]",
        "[objective,null,red]"), query("SELECT subject_type, metric_id, status FROM"
        + " kpi.scorecard" + MARCH));
    assertEquals(List.of("[worst of 2 KPIs: 1 red, 0 amber, 1 green, 0 without status]"),
        query("SELECT status_reason FROM kpi.scorecard" + MARCH
            + " AND subject_type = 'objective'"));
    // revenue's trend: the last 6 months ending with March
    assertEquals(List.of("[WrappedArray(150.0, 150.0, 150.0, 150.0, 150.0, 400.0)]"),
        query("SELECT trend FROM kpi.scorecard" + MARCH + " AND metric_id = 'revenue'"));
  }

  @Test
  void targetReviewFlagsEasyTargetsAndStalePeers() {
    // revenue beat its 100 in each of the 6 complete months (150: attainment 1.5)
    assertEquals(List.of("[peer_benchmark_stale,revenue]", "[target_too_easy,revenue]"),
        query("SELECT finding, subject_id FROM kpi.alignment_audit WHERE stage = 'benchmark'"));
  }
}
