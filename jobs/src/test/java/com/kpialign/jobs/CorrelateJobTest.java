package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.table.MetricValuesTable;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlate job on metric values written directly: sessions (marketing) lead revenue (sales)
 * by two days and by one week; orders move with nothing. Three metrics, three pairs.
 */
class CorrelateJobTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
  static String metric(String id, String name, String vertical) {
    return TestConf.metricEntry(id, "name: " + name + ", vertical: " + vertical + ", owner: o, "
        + "kind: count, source: orders, dimensions: [region]");
  }

  static final String TREE = """
      correlation:
        day: {window: 56, max_lag: 3}
        week: {window: 20, max_lag: 1}
        sub_windows: 2
        slice_dims: [region]
      objectives:
        - {id: growth, statement: Grow, perspective: financial, owner: CEO, target: t,
           kpis: [revenue]}
      influences:
        - {parent: revenue, child: sessions, sign: "+", alignment: process_driver}
      """;

  @TempDir static Path dir;
  static TestProject project;
  static JobResult first;

  @BeforeAll
  static void run() {
    project = new TestProject(dir.resolve("p"), ComputeJobTest.SOURCES);
    TestProject.write(project.conf.resolve("metrics.yaml"), "metrics:\n"
        + metric("revenue", "Revenue", "sales") + metric("orders", "Orders", "sales")
        + metric("sessions", "Sessions", "marketing"));
    TestProject.write(project.conf.resolve("kpi_tree.yaml"), TREE);
    JobContext context = project.context("values");
    context.warehouse().ensureTable(MetricValuesTable.CONTRACT);
    List<Row> rows = new ArrayList<>();
    Random random = new Random(5);
    for (String slice : List.of("all", "region=EU", "region=NA")) {
      // days from the first one the day window reads (56 + 3 lags + 7 for the trend)
      series(rows, random, "day", slice, AS_OF.minusDays(65), 66, 2, 1);
      // weeks: 20, one lag, one for the difference; the last complete week ends on AS_OF
      series(rows, random, "week", slice, AS_OF.minusDays(6).minusWeeks(21), 22, 1, 7);
    }
    context.warehouse().append(project.kpi("metric_values"),
        TestSpark.session().createDataFrame(rows, MetricValuesTable.SCHEMA));
    first = project.run(new CorrelateJob(), "corr-1",
        RunDates.single(AS_OF));
  }

  /** Sessions with shocks; revenue the same shocks {@code lead} periods later; orders noise. */
  static void series(List<Row> rows, Random random, String grain, String slice, LocalDate start,
      int periods, int lead, int days) {
    double[] shock = new double[periods];
    for (int i = 0; i < periods; i++) {
      shock[i] = random.nextGaussian();
    }
    for (int i = 0; i < periods; i++) {
      LocalDate period = start.plusDays((long) i * days);
      double sessions = 1000 + 10 * i + 50 * shock[i];
      double revenue = 5000 + 20 * i + (i >= lead ? 300 * shock[i - lead] : 0)
          + 40 * random.nextGaussian();
      double orders = 100 + 10 * random.nextGaussian();
      for (Object[] m : new Object[][] {{"sessions", sessions}, {"revenue", revenue},
          {"orders", orders}}) {
        rows.add(RowFactory.create(m[0], grain, Date.valueOf(period),
            Date.valueOf(period.plusDays(days - 1L)), slice.equals("all") ? "all" : "region",
            slice, m[1], null, null, true, "v1", "values", Date.valueOf(AS_OF),
            Date.valueOf(period.withDayOfMonth(1))));
      }
    }
  }

  static List<String> query(String sql) {
    return TestSpark.rows(TestSpark.session().sql(sql.replace("kpi.", "kpi_" + project.suffix
        + ".")));
  }

  @Test
  void everyPairSliceAndLagIsATest() {
    // 3 pairs x 3 slices x (7 daily lags + 3 weekly lags)
    assertEquals(90L, first.details().get("tests"));
    assertEquals(List.of("[day,63,56]", "[week,27,20]"), query("SELECT grain, count(*), max(n)"
        + " FROM kpi.correlations GROUP BY grain ORDER BY grain"));
    assertEquals(List.of("[orders,revenue,objective_kpi,null,1]",
        "[orders,sessions,cross_vertical,null,1]", "[revenue,sessions,tree_edge,influence,1]"),
        query("SELECT DISTINCT metric_a, metric_b, pair_kind, edge, expected_sign"
            + " FROM kpi.correlations ORDER BY 1, 2"));
  }

  @Test
  void theLeadIsFoundAtItsLagInEverySlice() {
    // revenue is metric_a: sessions leading it is a negative lag
    assertEquals(List.of("[day,all,-2,true]", "[day,region=EU,-2,true]",
        "[day,region=NA,-2,true]", "[week,all,-1,true]", "[week,region=EU,-1,true]",
        "[week,region=NA,-1,true]"), query("SELECT grain, slice, lag, significant"
        + " FROM kpi.correlations WHERE best_lag AND metric_a = 'revenue'"
        + " AND metric_b = 'sessions' ORDER BY grain, slice"));
    assertEquals(List.of("[day,leading_indicator,sessions,revenue,2]",
        "[week,leading_indicator,sessions,revenue,1]"), query("SELECT grain, classification,"
        + " leader, follower, lag FROM kpi.alignment WHERE subject_id = 'revenue ~ sessions'"
        + " AND slice = 'all' ORDER BY grain"));
  }

  @Test
  void ordersRelateToNothingAndAreAVanityMetric() {
    assertEquals(List.of("[day,vanity,0]", "[week,vanity,0]"), query("SELECT grain,"
        + " classification, related_kpis FROM kpi.alignment WHERE subject_type = 'metric'"
        + " AND subject_id = 'orders' ORDER BY grain"));
    assertEquals(List.of("[leading_indicator,revenue ~ sessions]",
        "[leading_indicator,revenue ~ sessions]", "[vanity_metric,orders]"), query("SELECT"
        + " finding, subject_id FROM kpi.alignment_audit WHERE stage = 'correlate'"));
    // marketing's one judged pair leads: aligned
    assertEquals(List.of("[day,1,1.0]", "[week,1,1.0]"), query("SELECT grain, judged_pairs,"
        + " score FROM kpi.alignment WHERE subject_id = 'marketing' ORDER BY grain"));
  }

  @Test
  void aSecondRunOfTheSameDateGivesTheSameTables() {
    List<String> before = query("SELECT * FROM kpi.correlations ORDER BY grain, metric_a,"
        + " metric_b, slice, lag");
    List<String> alignment = query("SELECT * FROM kpi.alignment ORDER BY grain, subject_type,"
        + " subject_id, slice");
    project.run(new CorrelateJob(), "corr-1",
        RunDates.single(AS_OF));
    assertEquals(before, query("SELECT * FROM kpi.correlations ORDER BY grain, metric_a,"
        + " metric_b, slice, lag"));
    assertEquals(alignment, query("SELECT * FROM kpi.alignment ORDER BY grain, subject_type,"
        + " subject_id, slice"));
  }

  @Test
  void theNightlyStageRunsForSundays() {
    // Monday Jun 24 to Saturday Jun 29, 2024: no Sunday, so nothing runs and nothing is written
    JobRunner runner = new JobRunner(project.context("corr-2"));
    RunSummary nightly = runner.runAll("nightly", List.of(new CorrelateJob()),
        new RunDates(LocalDate.of(2024, 6, 24), LocalDate.of(2024, 6, 29)));
    assertEquals(RunSummary.Status.SKIPPED, nightly.stages().get(0).status());
    assertTrue(nightly.tables().isEmpty());
    assertEquals(1L, TestSpark.session().table(project.kpi("correlations"))
        .select(col("run_date")).distinct().count());
  }
}
