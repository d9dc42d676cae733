package com.kpialign.metrics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.catalog.MetricCatalog;
import com.kpialign.assembly.Conf;
import com.kpialign.config.SourceDefinition;
import com.kpialign.testing.DatasetAssert;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric computation on literal rows, without jobs or tables. Eight deliveries over Monday
 * 2024-01-01 and Tuesday 2024-01-02 (one ISO week): EU took 1, 2, 3, 4 days on Monday and 5 on
 * Tuesday; NA 10 on Monday, 20 and 30 on Tuesday.
 */
class MetricComputationTest {
  static final LocalDate MONDAY = LocalDate.of(2024, 1, 1);
  static final LocalDate TUESDAY = LocalDate.of(2024, 1, 2);

  @TempDir static Path dir;
  static MetricCatalog catalog;
  static SourceDefinition deliveries;
  static Dataset<Row> rows;

  @BeforeAll
  static void setUp() {
    Conf conf = new TestConf(dir.resolve("conf")).sources(TestConf.source("deliveries",
            "delivery_id", "delivered_on", "delivery_id long", "delivered_on date",
            "region string", "days int"))
        .metric("median_days", "kind: percentile, quantile: 0.5, source: deliveries, "
            + "expression: days, dimensions: [region]")
        .metric("p90_days", "kind: percentile, quantile: 0.9, source: deliveries, "
            + "expression: days, dimensions: [region]")
        .metric("total_days", "kind: sum, source: deliveries, expression: days")
        .metric("deliveries", "kind: count, source: deliveries, dimensions: [region]")
        .metric("slow", "kind: count, source: deliveries, filter: \"days > 10\", "
            + "dimensions: [region]")
        .metric("slow_share", "kind: ratio, numerator: slow, denominator: deliveries, "
            + "dimensions: [region]")
        .metric("mean_days", "kind: avg, source: deliveries, expression: days")
        .metric("regions", "kind: count_distinct, source: deliveries, expression: region")
        .metric("days_per_region", "kind: ratio, numerator: total_days, denominator: regions")
        .metric("day_residues", "kind: count_distinct, distinct: exact, source: deliveries, "
            + "expression: \"days % 5\", dimensions: [region]")
        .load();
    catalog = conf.requireCatalog();
    deliveries = conf.sources().get(0);
    SparkSession spark = TestSpark.session();
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("delivery_id", DataTypes.LongType, false),
        DataTypes.createStructField("delivered_on", DataTypes.DateType, false),
        DataTypes.createStructField("region", DataTypes.StringType, false),
        DataTypes.createStructField("days", DataTypes.IntegerType, false)));
    List<Row> data = new ArrayList<>();
    long id = 1;
    for (int days : new int[] {1, 2, 3, 4}) {
      data.add(RowFactory.create(id++, Date.valueOf(MONDAY), "EU", days));
    }
    data.add(RowFactory.create(id++, Date.valueOf(MONDAY), "NA", 10));
    data.add(RowFactory.create(id++, Date.valueOf(TUESDAY), "EU", 5));
    data.add(RowFactory.create(id++, Date.valueOf(TUESDAY), "NA", 20));
    data.add(RowFactory.create(id, Date.valueOf(TUESDAY), "NA", 30));
    // a file, so that the scan's input records can be counted
    String path = dir.resolve("deliveries.parquet").toString();
    spark.createDataFrame(data, schema).coalesce(1).write().parquet(path);
    rows = spark.read().parquet(path);
  }

  static Dataset<Row> values(LocalDate from, LocalDate to) {
    Dataset<Row> states = MetricComputation.dayStates(rows, deliveries,
        MetricComputation.metricsOf(catalog, deliveries), catalog, from, to);
    Dataset<Row> aggregates = MetricComputation.rollup(states, catalog, from, to);
    return aggregates.unionByName(MetricComputation.derived(aggregates, catalog));
  }

  /**
   * Nearest rank: the p-quantile of n sorted values is the ceil(p n)-th. Monday, all: 1 2 3 4 10,
   * median the 3rd (3), p90 the 5th (10). The week, all: 1 2 3 4 5 10 20 30, median the 4th (4),
   * p90 the 8th (30); the average of the daily medians would be (3 + 20) / 2 = 11.5. The week in
   * EU: 1 2 3 4 5, median 3, p90 5. The denominator is the number of values.
   */
  @Test
  void percentileOfAWeekIsThePercentileOfItsValuesNotOfItsDays() {
    Dataset<Row> values = values(MONDAY, TUESDAY)
        .filter(col("metric_id").isin("median_days", "p90_days"))
        .filter(col("grain").isin("day", "week"))
        .select("metric_id", "grain", "period_start", "slice", "value", "denominator");
    DatasetAssert.assertRows(values, List.of(
        row("median_days", "day", MONDAY, "all", 3.0, 5.0),
        row("median_days", "day", MONDAY, "region=EU", 2.0, 4.0),
        row("median_days", "day", MONDAY, "region=NA", 10.0, 1.0),
        row("median_days", "day", TUESDAY, "all", 20.0, 3.0),
        row("median_days", "day", TUESDAY, "region=EU", 5.0, 1.0),
        row("median_days", "day", TUESDAY, "region=NA", 20.0, 2.0),
        row("median_days", "week", MONDAY, "all", 4.0, 8.0),
        row("median_days", "week", MONDAY, "region=EU", 3.0, 5.0),
        row("median_days", "week", MONDAY, "region=NA", 20.0, 3.0),
        row("p90_days", "day", MONDAY, "all", 10.0, 5.0),
        row("p90_days", "day", MONDAY, "region=EU", 4.0, 4.0),
        row("p90_days", "day", MONDAY, "region=NA", 10.0, 1.0),
        row("p90_days", "day", TUESDAY, "all", 30.0, 3.0),
        row("p90_days", "day", TUESDAY, "region=EU", 5.0, 1.0),
        row("p90_days", "day", TUESDAY, "region=NA", 30.0, 2.0),
        row("p90_days", "week", MONDAY, "all", 30.0, 8.0),
        row("p90_days", "week", MONDAY, "region=EU", 5.0, 5.0),
        row("p90_days", "week", MONDAY, "region=NA", 30.0, 3.0)), 1e-9);
  }

  /**
   * Deliveries slower than 10 days: none on Monday, none in EU; NA took 20 and 30 on Tuesday. A
   * count over no rows is 0, so the share is 0 where there were deliveries but no slow ones (not
   * null): Monday 0 of 5, Tuesday 2 of 3, the week 2 of 8; EU 0 of 4, 0 of 1, 0 of 5; NA 0 of 1,
   * 2 of 2, 2 of 3.
   */
  @Test
  void aCountOverNoRowsIsZeroInARatioWhoseOtherPartHasRows() {
    Dataset<Row> states = MetricComputation.dayStates(rows, deliveries,
        MetricComputation.metricsOf(catalog, deliveries), catalog, MONDAY, TUESDAY);
    // as if the slow deliveries came from another source, which has no row where none was slow
    Dataset<Row> aggregates = MetricComputation.rollup(states, catalog, MONDAY, TUESDAY)
        .filter(col("metric_id").notEqual("slow").or(col("value").notEqual(0)));
    Dataset<Row> share = MetricComputation.derived(aggregates, catalog)
        .filter(col("metric_id").equalTo("slow_share").and(col("grain").isin("day", "week")))
        .select("grain", "period_start", "slice", "value", "numerator", "denominator");
    DatasetAssert.assertRows(share, List.of(
        RowFactory.create("day", Date.valueOf(MONDAY), "all", 0.0, 0.0, 5.0),
        RowFactory.create("day", Date.valueOf(MONDAY), "region=EU", 0.0, 0.0, 4.0),
        RowFactory.create("day", Date.valueOf(MONDAY), "region=NA", 0.0, 0.0, 1.0),
        RowFactory.create("day", Date.valueOf(TUESDAY), "all", 2.0 / 3, 2.0, 3.0),
        RowFactory.create("day", Date.valueOf(TUESDAY), "region=EU", 0.0, 0.0, 1.0),
        RowFactory.create("day", Date.valueOf(TUESDAY), "region=NA", 1.0, 2.0, 2.0),
        RowFactory.create("week", Date.valueOf(MONDAY), "all", 0.25, 2.0, 8.0),
        RowFactory.create("week", Date.valueOf(MONDAY), "region=EU", 0.0, 0.0, 5.0),
        RowFactory.create("week", Date.valueOf(MONDAY), "region=NA", 2.0 / 3, 2.0, 3.0)), 1e-9);
  }

  /**
   * The other kinds over the same week: 75 days in all over 8 deliveries, a mean of 9.375
   * (published as 75 over 8), 2 distinct regions, 37.5 days per region.
   */
  @Test
  void everyKindOfTheWeekFromOneSetOfDayStates() {
    Dataset<Row> week = values(MONDAY, TUESDAY)
        .filter(col("grain").equalTo("week").and(col("slice").equalTo("all")))
        .filter(col("metric_id").isin("total_days", "deliveries", "mean_days", "regions",
            "days_per_region"))
        .select("metric_id", "value", "numerator", "denominator");
    DatasetAssert.assertRows(week, List.of(
        RowFactory.create("days_per_region", 37.5, 75.0, 2.0),
        RowFactory.create("deliveries", 8.0, null, null),
        RowFactory.create("mean_days", 9.375, 75.0, 8.0),
        RowFactory.create("regions", 2.0, null, null),
        RowFactory.create("total_days", 75.0, null, null)), 1e-9);
  }

  /**
   * Exact distinct counts of days % 5, by hand: Monday EU 1 2 3 4, NA 0; Tuesday EU 0, NA 0 0.
   * Monday 5, Tuesday 1, and the week 5 distinct residues (summing days would give 6); EU 4, 1,
   * week 5; NA 1, 1, week 1 (summing: 2).
   */
  @Test
  void anExactDistinctCountDeduplicatesEachPeriodNotEachDay() {
    Dataset<Row> values = values(MONDAY, TUESDAY)
        .filter(col("metric_id").equalTo("day_residues").and(col("grain").isin("day", "week")))
        .select("grain", "period_start", "slice", "value");
    DatasetAssert.assertRows(values, List.of(
        RowFactory.create("day", Date.valueOf(MONDAY), "all", 5.0),
        RowFactory.create("day", Date.valueOf(MONDAY), "region=EU", 4.0),
        RowFactory.create("day", Date.valueOf(MONDAY), "region=NA", 1.0),
        RowFactory.create("day", Date.valueOf(TUESDAY), "all", 1.0),
        RowFactory.create("day", Date.valueOf(TUESDAY), "region=EU", 1.0),
        RowFactory.create("day", Date.valueOf(TUESDAY), "region=NA", 1.0),
        RowFactory.create("week", Date.valueOf(MONDAY), "all", 5.0),
        RowFactory.create("week", Date.valueOf(MONDAY), "region=EU", 5.0),
        RowFactory.create("week", Date.valueOf(MONDAY), "region=NA", 1.0)), 1e-9);
  }

  /**
   * One source's metrics for a range are one aggregation over one scan: a single Spark job, in
   * which one stage reads the source, and reads each of its 8 rows once.
   */
  @Test
  void aSourcesMetricsForARangeAreOnePass() throws Exception {
    SparkSession spark = TestSpark.session();
    AtomicInteger jobs = new AtomicInteger();
    AtomicInteger readingStages = new AtomicInteger();
    AtomicLong recordsRead = new AtomicLong();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        jobs.incrementAndGet();
      }

      @Override
      public void onStageCompleted(SparkListenerStageCompleted completed) {
        long read = completed.stageInfo().taskMetrics().inputMetrics().recordsRead();
        if (read > 0) {
          readingStages.incrementAndGet();
          recordsRead.addAndGet(read);
        }
      }
    };
    Dataset<Row> states = MetricComputation.dayStates(rows, deliveries,
        MetricComputation.metricsOf(catalog, deliveries), catalog, MONDAY, TUESDAY);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(listener);
    try {
      // 8 aggregate metrics x (2 days x (all + 2 regions) for the 5 sliced ones, 2 days for
      // the others): 5 x 2 x 3 + 3 x 2 = 36 state rows (a count over no rows is a state of 0)
      assertEquals(36, states.collectAsList().size());
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(1, jobs.get(), "Spark jobs");
    assertEquals(1, readingStages.get(), "stages that read the source");
    assertEquals(8, recordsRead.get(), "source rows read");
  }

  static Row row(String metric, String grain, LocalDate start, String slice, double value,
      double n) {
    return RowFactory.create(metric, grain, Date.valueOf(start), slice, value, n);
  }
}
