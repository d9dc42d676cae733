package com.kpialign.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.assembly.Conf;
import com.kpialign.table.BenchmarksTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.ReferenceTables;
import com.kpialign.testing.DatasetAssert;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * The benchmark of one run on literal rows of {@code kpi.metric_values}: orders per day, March
 * 1..10, 2024 (values 100, 110, ..., 190), the month of March so far (1,450 orders in 10 of 31
 * days), and a conversion rate whose March 10 has no value (no sessions).
 */
class BenchmarksTest {
  static final LocalDate MAR10 = LocalDate.of(2024, 3, 10);
  static final LocalDate MAR1 = LocalDate.of(2024, 3, 1);

  @TempDir static Path dir;
  static Dataset<Row> benchmarks;
  static com.kpialign.catalog.MetricCatalog catalog;

  @BeforeAll
  static void benchmark() {
    Conf conf = new TestConf(dir.resolve("conf")).sources(TestConf.source("orders", "order_id",
            "order_date", "order_id string", "order_date date", "converted int"))
        .metric("orders", "kind: count, source: orders")
        .metric("converted", "kind: sum, source: orders, expression: converted")
        .metric("conversion_rate", "kind: ratio, numerator: converted, denominator: orders, "
            + "range: {min: 0, max: 1}")
        .load();
    catalog = conf.requireCatalog();
    SparkSession spark = TestSpark.session();
    List<Row> values = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      values.add(value("orders", "day", MAR1.plusDays(d), MAR1.plusDays(d), 100.0 + 10 * d));
    }
    values.add(value("orders", "month", MAR1, LocalDate.of(2024, 3, 31), 1450.0));
    values.add(value("conversion_rate", "day", MAR10, MAR10, null));
    Dataset<Row> stored = spark.createDataFrame(values, MetricValuesTable.SCHEMA);
    // a month target of 3,100 orders, pro-rated by days: 1,000 for the first 10 days
    Dataset<Row> targets = spark.createDataFrame(List.of(RowFactory.create("orders", "month",
        Date.valueOf(MAR1), "all", 3100.0)), ReferenceTables.TARGETS.schema());
    Dataset<Row> peers = spark.createDataFrame(List.of(),
        ReferenceTables.PEER_BENCHMARKS.schema());
    benchmarks = Benchmarks.ofRun(stored, targets, peers,
        Benchmarks.metricInfo(spark, conf.requireCatalog()), BenchmarkSettings.DEFAULT, MAR10,
        MAR10).cache();
  }

  static Row value(String metric, String grain, LocalDate start, LocalDate end, Double value) {
    return RowFactory.create(metric, grain, Date.valueOf(start), Date.valueOf(end), "all", "all",
        value, value, value == null ? null : 1.0, true, "v1", "run", Date.valueOf(MAR10),
        Date.valueOf(start.withDayOfMonth(1)));
  }

  static Row row(String metric, String grain) {
    List<Row> rows = benchmarks.filter(col("metric_id").equalTo(metric)
        .and(col("grain").equalTo(grain))).collectAsList();
    assertEquals(1, rows.size(), metric + " " + grain + ": " + rows);
    return rows.get(0);
  }

  @Test
  void onlyThePeriodsOfTheRunAreBenchmarkedInTheTablesColumns() {
    DatasetAssert.assertRows(benchmarks.select("metric_id", "grain", "period_start"), List.of(
        RowFactory.create("orders", "day", Date.valueOf(MAR10)),
        RowFactory.create("orders", "month", Date.valueOf(MAR1)),
        RowFactory.create("conversion_rate", "day", Date.valueOf(MAR10))), 0);
    List<String> expected = new ArrayList<>(List.of(BenchmarksTable.SCHEMA.fieldNames()));
    expected.removeAll(List.of("run_id", "run_date"));
    assertEquals(expected, List.of(benchmarks.columns()));
  }

  @Test
  void aDayIsJudgedAgainstTheDaysBeforeIt() {
    Row day = row("orders", "day");
    assertEquals(190.0, day.<Double>getAs("value"));
    assertEquals(180.0, day.<Double>getAs("previous_value"));
    // the 9 earlier days, 100..180: mean 140, sample sd sqrt(sum((x-140)^2) / 8): the squares
    // 1600, 900, 400, 100, 0, 100, 400, 900, 1600 sum to 6000
    assertEquals(9, (int) day.<Integer>getAs("history_periods"));
    assertEquals(140.0, day.<Double>getAs("history_mean"), 1e-9);
    assertEquals(Math.sqrt(6000.0 / 8), day.<Double>getAs("history_sd"), 1e-9);
    assertEquals(140.0, day.<Double>getAs("history_median"), 1e-9);
    // days have no targets
    assertNull(day.getAs("target"));
    assertEquals("targets are set per month and quarter", day.getAs("target_reason"));
  }

  @Test
  void aRunningMonthIsPacedAgainstItsProRatedTarget() {
    Row month = row("orders", "month");
    assertEquals(false, month.getAs("period_complete"));
    assertEquals(10, (int) month.<Integer>getAs("elapsed_days"));
    assertEquals(3100.0, month.<Double>getAs("target"));
    assertEquals(1000.0, month.<Double>getAs("paced_target"), 1e-9);
    assertEquals("pro_rated_by_days", month.getAs("pacing"));
    assertEquals(1.45, month.<Double>getAs("attainment"), 1e-9);
  }

  @Test
  void aPeriodWithoutAValueGetsNoFiguresAndTheReason() {
    Row rate = row("conversion_rate", "day");
    assertNull(rate.getAs("value"));
    assertNull(rate.getAs("status"));
    assertEquals(0, (int) rate.<Integer>getAs("history_periods"));
    assertTrue(rate.<String>getAs("status_reason").startsWith("no value for this period"),
        rate.<String>getAs("status_reason"));
  }

  /**
   * A rate's expectation and interval stay in its declared [0, 1]: 0.95 in [0.80, 1.10] becomes
   * [0.80, 1.00]; an expectation of 1.2 in [1.05, 1.40] becomes 1 in [1, 1]; orders declare no
   * range and keep 150 in [130, 170]; a missing expectation stays missing.
   */
  @Test
  void expectationsStayInsideTheMetricsDeclaredRange() {
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType().add("metric_id", DataTypes.StringType)
        .add("expected", DataTypes.DoubleType).add("expected_low", DataTypes.DoubleType)
        .add("expected_high", DataTypes.DoubleType);
    Dataset<Row> rows = spark.createDataFrame(List.of(
        RowFactory.create("conversion_rate", 0.95, 0.80, 1.10),
        RowFactory.create("conversion_rate", 1.2, 1.05, 1.40),
        RowFactory.create("orders", 150.0, 130.0, 170.0),
        RowFactory.create("conversion_rate", null, null, null)), schema);
    assertEquals(List.of("[conversion_rate,0.95,0.8,1.0]", "[conversion_rate,1.0,1.0,1.0]",
        "[conversion_rate,null,null,null]", "[orders,150.0,130.0,170.0]"),
        TestSpark.rows(Benchmarks.withinRange(rows, Benchmarks.metricInfo(spark, catalog))
            .select("metric_id", "expected", "expected_low", "expected_high")));
  }
}
