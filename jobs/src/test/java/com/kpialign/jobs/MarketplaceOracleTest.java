package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.assembly.Conf;
import com.kpialign.config.SourceDefinition;
import com.kpialign.demo.DemoCompany;
import com.kpialign.demo.MarketplaceCompany;
import com.kpialign.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marketplace example ({@code conf/examples/marketplace}, nothing pre-joined) computed by the
 * pipeline equals an oracle written here in plain SQL over the generated files, cell by cell:
 * every KPI per day, ISO week and month, overall, per customer state and per product category.
 *
 * <p>How the oracle is written: the CSV files are read as they lie in the landing zone (dumps and
 * daily extracts together, the latest customers snapshot, the products and the translation
 * file), as text; an order's day is the first ten characters of its purchase time (the time is
 * local to Sao Paulo, the reporting zone, so no zone arithmetic is involved); states and
 * categories are joined by hand; an order belongs to each distinct category of its items (once),
 * an order without items to none; counts, sums and ratios are grouped per period directly, never
 * from day values. None of the pipeline's code is used.
 */
class MarketplaceOracleTest {
  static final LocalDate START = LocalDate.of(2024, 2, 5);
  static final int DAYS = 21;

  @TempDir static Path dir;
  static TestProject project;
  static SparkSession spark;

  @BeforeAll
  static void runThePipeline() throws IOException {
    Path example = Path.of("..", "conf", "examples", "marketplace");
    project = new TestProject(dir, Files.readString(example.resolve("sources.yaml")),
        "reporting_timezone: America/Sao_Paulo\n");
    Files.copy(example.resolve("metrics.yaml"), project.conf.resolve("metrics.yaml"));
    Conf conf = project.loadConf();
    MarketplaceCompany.generate(new DemoCompany.Settings(START, DAYS, 0.1, 7), project.landing,
        conf.source("orders").flatMap(SourceDefinition::dump).orElseThrow(),
        conf.source("order_items").flatMap(SourceDefinition::dump).orElseThrow());
    RunDates dates = new RunDates(START, START.plusDays(DAYS - 1L));
    project.run(new IngestJob(), "ingest", dates);
    project.run(new ComputeJob(), "compute", dates);
    // then a run of the last three days (a late nightly), which reads the orders, items and
    // reviews they reference only within their days of them: the values must not change
    project.run(new ComputeJob(), "nightly", new RunDates(dates.to().minusDays(2), dates.to()));
    spark = TestSpark.session();
  }

  @AfterAll
  static void backToUtc() {
    TestSpark.session().conf().set("spark.sql.session.timeZone", "UTC");
  }

  private static void view(String name, String... globs) {
    spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .csv(globs).createOrReplaceTempView(name);
  }

  private static String landing(String relative) {
    return project.landing.resolve(relative).toString();
  }

  /** The oracle's cells: metric_id, grain, period_start, slice, value. */
  static Dataset<Row> oracle() throws IOException {
    String latestCustomers;
    try (Stream<Path> days = Files.list(project.landing)) {
      latestCustomers = days.filter(d -> Files.exists(d.resolve("customers.csv"))).sorted()
          .reduce((a, b) -> b).orElseThrow().resolve("customers.csv").toString();
    }
    view("o_orders", landing("*/orders.csv"), landing("history/orders_until_2024-02-14.csv"));
    view("o_items", landing("*/order_items.csv"),
        landing("history/order_items_until_2024-02-14.csv"));
    view("o_reviews", landing("*/order_reviews.csv"));
    view("o_customers", latestCustomers);
    view("o_products", landing("*/products.csv"));
    view("o_translation", landing("history/category_translation.csv"));
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_order AS
        SELECT o.order_id, o.customer_id, o.order_status,
               CAST(substr(o.order_purchase_timestamp, 1, 10) AS DATE) AS day,
               CAST(o.order_estimated_delivery_date AS DATE) AS estimated,
               CAST(o.order_delivered_customer_date AS DATE) AS delivered,
               c.customer_state AS state
        FROM o_orders o LEFT JOIN o_customers c ON c.customer_id = o.customer_id""");
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_item AS
        SELECT i.order_id, CAST(i.price AS DECIMAL(10,2)) AS price,
               CAST(i.freight_value AS DECIMAL(10,2)) AS freight, o.day, o.state,
               coalesce(t.product_category_name_english, p.product_category_name, 'unknown')
                 AS category
        FROM o_items i JOIN o_order o ON o.order_id = i.order_id
        LEFT JOIN o_products p ON p.product_id = i.product_id
        LEFT JOIN o_translation t ON t.product_category_name = p.product_category_name""");
    // an order's categories: one row per distinct category of its items, '(none)' without
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_order_category AS
        SELECT DISTINCT o.order_id, coalesce(i.category, '(none)') AS category
        FROM o_order o LEFT JOIN o_item i ON i.order_id = o.order_id""");
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_order_categories AS
        SELECT order_id, collect_set(category) AS categories FROM o_order_category
        GROUP BY order_id""");
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_order_with_categories AS
        SELECT o.*, c.categories FROM o_order o
        JOIN o_order_categories c ON c.order_id = o.order_id""");
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_review AS
        SELECT r.order_id, CAST(r.review_score AS INT) AS score,
               CAST(r.review_creation_date AS DATE) AS day, o.state, o.categories
        FROM o_reviews r JOIN o_order_with_categories o ON o.order_id = r.order_id""");
    spark.sql("""
        CREATE OR REPLACE TEMP VIEW o_grain AS
        SELECT * FROM VALUES ('day'), ('week'), ('month') AS g(grain)""");
    String period = "CASE g.grain WHEN 'day' THEN x.day WHEN 'week' THEN "
        + "CAST(date_trunc('week', x.day) AS DATE) ELSE trunc(x.day, 'MM') END";
    // each fact at each grain, with its slices: all, customer_state=, and the category cut
    String orders = cuts("o_order_with_categories", period, "items.product.category",
        "x.categories");
    String items = cuts("o_item", period, "product.category", "array(x.category)");
    String reviews = cuts("o_review", period, "order.items.product.category", "x.categories");
    spark.sql("CREATE OR REPLACE TEMP VIEW o_order_cut AS " + orders);
    spark.sql("CREATE OR REPLACE TEMP VIEW o_item_cut AS " + items);
    spark.sql("CREATE OR REPLACE TEMP VIEW o_review_cut AS " + reviews);
    return spark.sql("""
        WITH o AS (
          SELECT grain, period_start, slice, count(*) AS orders,
                 count(DISTINCT customer_id) AS customers,
                 sum(CASE WHEN order_status = 'canceled' THEN 1 ELSE 0 END) AS canceled,
                 sum(CASE WHEN delivered IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
                 sum(CASE WHEN delivered <= estimated THEN 1 ELSE 0 END) AS on_time
          FROM o_order_cut GROUP BY grain, period_start, slice),
        i AS (
          SELECT grain, period_start, slice, sum(price) AS revenue, sum(freight) AS freight
          FROM o_item_cut GROUP BY grain, period_start, slice),
        r AS (
          SELECT grain, period_start, slice, count(*) AS reviews, avg(score) AS score,
                 sum(CASE WHEN score <= 2 THEN 1 ELSE 0 END) AS low
          FROM o_review_cut GROUP BY grain, period_start, slice)
        SELECT 'orders', grain, period_start, slice, CAST(orders AS DOUBLE) FROM o
        UNION ALL SELECT 'customers_ordering', grain, period_start, slice,
          CAST(customers AS DOUBLE) FROM o
        UNION ALL SELECT 'cancellation_rate', grain, period_start, slice, canceled / orders
          FROM o
        UNION ALL SELECT 'on_time_delivery_rate', grain, period_start, slice,
          on_time / delivered FROM o WHERE delivered > 0
        UNION ALL SELECT 'item_revenue', grain, period_start, slice, CAST(revenue AS DOUBLE)
          FROM i
        UNION ALL SELECT 'freight', grain, period_start, slice, CAST(freight AS DOUBLE) FROM i
        UNION ALL SELECT 'average_order_value', o.grain, o.period_start, o.slice,
          CAST(coalesce(i.revenue, 0) AS DOUBLE) / o.orders
          FROM o LEFT JOIN i ON i.grain = o.grain AND i.period_start = o.period_start
            AND i.slice = o.slice
          WHERE o.slice NOT LIKE 'items.%'
        UNION ALL SELECT 'review_score', grain, period_start, slice, CAST(score AS DOUBLE)
          FROM r
        UNION ALL SELECT 'low_review_share', grain, period_start, slice, low / reviews FROM r
        """).toDF("metric_id", "grain", "period_start", "slice", "value");
  }

  /** The rows of {@code view} once per grain and per slice: all, by state, by category. */
  private static String cuts(String view, String period, String categoryDimension,
      String categories) {
    return "SELECT x.*, g.grain, " + period + " AS period_start, s.slice FROM " + view + " x "
        + "CROSS JOIN o_grain g LATERAL VIEW explode(concat(array('all', "
        + "'customer_state=' || coalesce(x.state, '(none)')), transform(" + categories
        + ", c -> '" + categoryDimension + "=' || c))) s AS slice";
  }

  /** The example loads as shipped, its KPI tree and environment included. */
  @Test
  void theExampleConfigurationLoadsAsShipped() {
    Conf shipped = com.kpialign.assembly.ConfLoader.load(Path.of("..", "conf", "examples",
        "marketplace"), "local");
    assertEquals(14, shipped.requireCatalog().metrics().size());
    assertEquals(2, shipped.tree().orElseThrow().objectives().size());
    assertEquals("America/Sao_Paulo", shipped.environment().reportingTimeZone());
  }

  @Test
  void everyKpiCellEqualsThePlainSqlOracle() throws IOException {
    Dataset<Row> expected = oracle().filter(col("value").isNotNull());
    Dataset<Row> actual = spark.table(project.kpi("metric_values"))
        .filter(col("grain").isin("day", "week", "month").and(col("value").isNotNull()))
        .select("metric_id", "grain", "period_start", "slice", "value");
    List<String> metrics = List.of("orders", "customers_ordering", "cancellation_rate",
        "on_time_delivery_rate", "item_revenue", "freight", "average_order_value",
        "review_score", "low_review_share");
    actual = actual.filter(col("metric_id").isin(metrics.toArray()));
    Dataset<Row> joined = expected.as("e").join(actual.as("a"),
        col("e.metric_id").equalTo(col("a.metric_id"))
            .and(col("e.grain").equalTo(col("a.grain")))
            .and(col("e.period_start").equalTo(col("a.period_start")))
            .and(col("e.slice").equalTo(col("a.slice"))), "full_outer");
    List<Row> differing = joined.filter(col("e.value").isNull().or(col("a.value").isNull())
        .or(functionsAbs(col("e.value").minus(col("a.value")))
            .gt(col("e.value").multiply(1e-9).plus(1e-9)))).limit(20).collectAsList();
    assertEquals(List.of(), differing.stream().map(Row::toString).toList());
    long cells = expected.count();
    assertTrue(cells > 1000, cells + " cells");
    // every metric, grain and kind of slice was compared
    assertEquals(metrics.size() * 3, expected.select("metric_id", "grain").distinct().count());
    assertTrue(expected.filter(col("slice").like("items.product.category=%")).count() > 0);
    assertTrue(expected.filter(col("slice").like("product.category=%")).count() > 0);
  }

  private static org.apache.spark.sql.Column functionsAbs(org.apache.spark.sql.Column c) {
    return org.apache.spark.sql.functions.abs(c);
  }
}
