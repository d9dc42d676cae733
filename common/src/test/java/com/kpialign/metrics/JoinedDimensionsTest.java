package com.kpialign.metrics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.assembly.Conf;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.config.ColumnSpec;
import com.kpialign.config.SourceDefinition;
import com.kpialign.testing.NormalizedWarehouse;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics of a normalized warehouse sliced by attributes of referenced rows, on rows small enough
 * to work out by hand: four orders (the third of a customer the customers snapshot lacks, the
 * fourth without items), four items of three products (one category translated, one not, one
 * without a category).
 */
class JoinedDimensionsTest {
  static final LocalDate DAY = LocalDate.of(2024, 1, 5);

  @TempDir static Path dir;
  static Conf conf;
  static MetricCatalog catalog;
  static Map<String, Dataset<Row>> raw;

  @BeforeAll
  static void setUp() {
    conf = new TestConf(dir).sources(NormalizedWarehouse.SOURCES)
        .metric("orders", "kind: count, source: orders, dimensions: [customer.state]")
        .metric("items_by_order_day", "kind: count, source: order_items, "
            + "event_date: order.order_date")
        .metric("orders_then", "kind: count, source: orders, "
            + "dimensions: [customer_then.state]")
        .metric("orders_by_category", "kind: count, source: orders, "
            + "dimensions: [items.product.category, status], "
            + "dimension_pairs: [[items.product.category, status]]")
        .metric("item_revenue", "kind: sum, source: order_items, expression: price, "
            + "dimensions: [product.category, order.customer.state]")
        .load();
    catalog = conf.requireCatalog();
    raw = Map.of(
        "orders", rows("orders", "o1,2024-01-05,c1,completed", "o2,2024-01-05,c2,completed",
            "o3,2024-01-05,c3,cancelled", "o4,2024-01-05,c1,completed",
            "o5,2024-01-04,c1,completed"),
        "order_items", rows("order_items", "o1,1,2024-01-05,p1,10.00",
            "o1,2,2024-01-05,p2,5.50", "o2,1,2024-01-05,p1,7.25", "o3,1,2024-01-05,p3,1.00",
            "o5,1,2024-01-06,p2,2.00"),
        "customers", rows("customers", "c1,SP", "c2,RJ"),
        // c1 lived in SP until Jan 5, in RJ from then on; c2's first version starts Jan 6
        "customer_versions", rows("customer_versions", "c1,2023-06-01,2024-01-05,SP",
            "c1,2024-01-05,,RJ", "c2,2024-01-06,,MG"),
        "products", rows("products", "p1,beleza", "p2,casa", "p3,"),
        "category_translation", rows("category_translation", "beleza,beauty"));
  }

  static Dataset<Row> rows(String source, String... csvLines) {
    StructType schema = new StructType();
    for (ColumnSpec c : conf.source(source).orElseThrow().schema()) {
      schema = schema.add(c.name(), c.type().sparkType(), true);
    }
    return TestSpark.session().read().schema(schema)
        .csv(TestSpark.session().createDataset(List.of(csvLines), Encoders.STRING()));
  }

  /** {@code slice=numerator} of a metric's day states on {@link #DAY}, sorted. */
  static List<String> slices(String metricId) {
    return slices(metricId, DAY, DAY);
  }

  /** {@code day: slice=numerator} of a metric's day states, sorted. */
  static List<String> slices(String metricId, LocalDate from, LocalDate to) {
    String sourceName = catalog.metric(metricId).orElseThrow().source().orElseThrow();
    SourceDefinition source = conf.source(sourceName).orElseThrow();
    List<com.kpialign.catalog.MetricDefinition> metrics = MetricComputation
        .metricsOf(catalog, source).stream().filter(m -> m.id().equals(metricId)).toList();
    Dataset<Row> joined = JoinedDimensions.join(raw.get(sourceName), source,
        JoinedDimensions.joined(catalog.sources(), source,
            MetricComputation.pathsOf(metrics, source)), catalog.sources(),
        (name, days) -> raw.get(name));
    Dataset<Row> states = MetricComputation.dayStates(joined, source, metrics, catalog, from, to);
    return TestSpark.rows(from.equals(to)
        ? states.select(col("slice"), col("numerator").cast(DataTypes.createDecimalType(10, 2)))
        : states.select(col("day"), col("slice"),
            col("numerator").cast(DataTypes.createDecimalType(10, 2))));
  }

  @Test
  void anOrderCountIsSlicedByItsCustomersState() {
    assertEquals(List.of("[all,4.00]", "[customer.state=(none),1.00]",
        "[customer.state=RJ,1.00]", "[customer.state=SP,2.00]"), slices("orders"));
  }

  /**
   * Items dated by their order's day, not their shipping day: o5's item ships on Jan 6 but its
   * order is of Jan 4; the other four items' orders are of Jan 5.
   */
  @Test
  void aMetricIsDatedByAReferencedRowsDate() {
    assertEquals(List.of("[2024-01-04,all,1.00]", "[2024-01-05,all,4.00]"),
        slices("items_by_order_day", DAY.minusDays(1), DAY));
  }

  /**
   * The version of a customer valid on the order day: o5 (Jan 4) meets c1 in SP; on Jan 5, o1 and
   * o4 meet c1 in RJ (SP's version ends that day), o2 meets no version of c2 yet (none), and o3's
   * customer has no history.
   */
  @Test
  void aTypeTwoHistoryGivesTheVersionValidOnTheEventDay() {
    assertEquals(List.of("[2024-01-04,all,1.00]", "[2024-01-04,customer_then.state=SP,1.00]",
        "[2024-01-05,all,4.00]", "[2024-01-05,customer_then.state=(none),2.00]",
        "[2024-01-05,customer_then.state=RJ,2.00]"),
        slices("orders_then", DAY.minusDays(1), DAY));
  }

  /**
   * An order is in the category of each of its items, once however many items it has there: o1
   * (beauty, casa), o2 (beauty), o3 (unknown), o4 (no items: none). The slices count 5 orders,
   * the total stays 4; by status, completed o1 o2 o4 and cancelled o3.
   */
  @Test
  void anOrderCountsOnceInEachCategoryOfItsItemsAndOnceInTheTotal() {
    assertEquals(List.of("[all,4.00]",
        "[items.product.category=(none)&status=completed,1.00]",
        "[items.product.category=(none),1.00]",
        "[items.product.category=beauty&status=completed,2.00]",
        "[items.product.category=beauty,2.00]",
        "[items.product.category=casa&status=completed,1.00]",
        "[items.product.category=casa,1.00]",
        "[items.product.category=unknown&status=cancelled,1.00]",
        "[items.product.category=unknown,1.00]",
        "[status=cancelled,1.00]", "[status=completed,3.00]"), slices("orders_by_category"));
  }

  /**
   * Item revenue by the product's category (the translation, else the original name, else
   * 'unknown'): beauty 10.00 + 7.25, casa 5.50, unknown 1.00; by the state of the order's
   * customer, two references away: SP 10.00 + 5.50, RJ 7.25, (none) 1.00.
   */
  @Test
  void itemRevenueIsSlicedThroughTwoReferencesAndADerivedAttribute() {
    assertEquals(List.of("[all,23.75]", "[order.customer.state=(none),1.00]",
        "[order.customer.state=RJ,7.25]", "[order.customer.state=SP,15.50]",
        "[product.category=beauty,17.25]", "[product.category=casa,5.50]",
        "[product.category=unknown,1.00]"), slices("item_revenue"));
  }
}
