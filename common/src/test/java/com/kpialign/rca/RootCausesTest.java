package com.kpialign.rca;

import static org.apache.spark.sql.functions.col;

import com.kpialign.assembly.Conf;
import com.kpialign.testing.DatasetAssert;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.util.HashMap;
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
 * Root causes on literal rows: on March 10, 2024 revenue (orders × average order value) was
 * 4,400 against 5,000 expected, with 80 orders instead of 100 at 55 instead of 50; the orders
 * fell in EU (28 against 50) while NA stayed within its band (52 against 50, band 45 to 55).
 */
class RootCausesTest {
  static final Date DAY = Date.valueOf("2024-03-10");
  static final StructType MOVEMENTS = new StructType().add("movement_id", DataTypes.StringType)
      .add("metric_id", DataTypes.StringType).add("grain", DataTypes.StringType)
      .add("period_start", DataTypes.DateType).add("slice", DataTypes.StringType);
  static final StructType BENCHMARKS = new StructType().add("metric_id", DataTypes.StringType)
      .add("grain", DataTypes.StringType).add("period_start", DataTypes.DateType)
      .add("slice_dims", DataTypes.StringType).add("slice", DataTypes.StringType)
      .add("value", DataTypes.DoubleType).add("expected", DataTypes.DoubleType)
      .add("expected_low", DataTypes.DoubleType).add("expected_high", DataTypes.DoubleType);
  static final StructType VALUES = new StructType().add("metric_id", DataTypes.StringType)
      .add("grain", DataTypes.StringType).add("period_start", DataTypes.DateType)
      .add("slice", DataTypes.StringType).add("numerator", DataTypes.DoubleType)
      .add("denominator", DataTypes.DoubleType);

  @TempDir static Path dir;
  static Dataset<Row> movements;
  static Dataset<Row> benchmarks;
  static Dataset<Row> values;
  static RootCauses.Measures measures;

  @BeforeAll
  static void rows() {
    Conf conf = new TestConf(dir.resolve("conf")).sources(TestConf.source("orders", "order_id",
            "order_date", "order_id string", "order_date date", "region string", "amount double"))
        .metric("orders", "kind: count, source: orders, dimensions: [region]")
        .metric("revenue", "kind: sum, source: orders, expression: amount")
        .metric("aov", "kind: ratio, numerator: revenue, denominator: orders")
        .load();
    measures = RootCauses.Measures.of(conf.requireCatalog());
    SparkSession spark = TestSpark.session();
    movements = spark.createDataFrame(List.of(
        RowFactory.create("m-revenue", "revenue", "day", DAY, "all"),
        RowFactory.create("m-orders", "orders", "day", DAY, "all")), MOVEMENTS);
    benchmarks = spark.createDataFrame(List.of(
        benchmark("revenue", "all", 4400.0, 5000.0),
        benchmark("orders", "all", 80.0, 100.0),
        benchmark("aov", "all", 55.0, 50.0),
        benchmark("orders", "region=EU", 28.0, 50.0),
        benchmark("orders", "region=NA", 52.0, 50.0)), BENCHMARKS);
    values = spark.createDataFrame(List.of(
        RowFactory.create("orders", "day", DAY, "region=EU", 28.0, null),
        RowFactory.create("orders", "day", DAY, "region=NA", 52.0, null)), VALUES);
  }

  static Row benchmark(String metric, String slice, double value, double expected) {
    return RowFactory.create(metric, "day", DAY, slice.equals("all") ? "all" : "region", slice,
        value, expected, expected * 0.9, expected * 1.1);
  }

  @Test
  void aProductsChangeIsSharedByShapleyBetweenItsFactors() {
    HashMap<String, String> formulas = new HashMap<>();
    formulas.put("revenue", "orders * aov");
    RootCauses.Edges edges = new RootCauses.Edges(formulas, new HashMap<>());
    // change 4,400 - 5,000 = -600; orders: (80 - 100)(50 + 55) / 2 = -1,050;
    // aov: (55 - 50)(100 + 80) / 2 = +450; shares of the change 1.75 and -0.75
    DatasetAssert.assertRows(RootCauses.drivers(movements, benchmarks, edges)
            .select("movement_id", "element", "method", "contribution", "share", "rank"),
        List.of(RowFactory.create("m-revenue", "orders", "formula", -1050.0, 1.75, 1),
            RowFactory.create("m-revenue", "aov", "formula", 450.0, -0.75, 2)), 1e-9);
  }

  @Test
  void anInfluenceIsScoredByItsDeviationInTheMovementsDirection() {
    HashMap<String, List<String>> influences = new HashMap<>();
    // revenue fell; orders fell 20% (+ edge: +0.2 in the movement's direction), aov rose 10%
    // (+ edge: -0.1)
    influences.put("revenue", List.of("+orders", "+aov"));
    RootCauses.Edges edges = new RootCauses.Edges(new HashMap<>(), influences);
    DatasetAssert.assertRows(RootCauses.drivers(movements, benchmarks, edges)
            .select("movement_id", "element", "method", "score", "rank"),
        List.of(RowFactory.create("m-revenue", "orders", "influence", 0.2, 1),
            RowFactory.create("m-revenue", "aov", "influence", -0.1, 2)), 1e-9);
  }

  @Test
  void anAdditiveMetricsDropIsLocalizedToTheSliceWhereItHappened() {
    Dataset<Row> causes = RootCauses.dimensions(movements, benchmarks, values, measures,
        Localization.Settings.DEFAULT).filter(col("movement_id").equalTo("m-orders"));
    // orders fell by 20 against 100 expected: EU -22, NA +2 within its band; EU alone is the
    // cause
    DatasetAssert.assertRows(causes.select("element", "kind", "rank"),
        List.of(RowFactory.create("region=EU", "dimension", 1)), 0);
  }
}
