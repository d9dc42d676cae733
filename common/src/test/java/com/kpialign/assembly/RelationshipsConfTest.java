package com.kpialign.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.catalog.DefinitionVersions;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.rca.RootCauses;
import com.kpialign.config.ConfigException;
import com.kpialign.config.ConfigProblem;
import com.kpialign.config.Schedule;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceKind;
import com.kpialign.testing.NormalizedWarehouse;
import com.kpialign.testing.TestConf;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dimension sources, references and derived attributes: the refusals a user met slicing a
 * normalized warehouse become accepted configurations, and mistakes are named before Spark.
 */
class RelationshipsConfTest {
  @TempDir Path dir;

  private Conf load(String sources, String metricKeys) {
    return new TestConf(dir).sources(sources).metric("m", metricKeys).load();
  }

  private List<String> problems(String sources, String metricKeys) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(sources, metricKeys));
    return e.problems().stream().map(ConfigProblem::message).toList();
  }

  @Test
  void aMetricIsSlicedByAttributesOfReferencedSources() {
    Conf conf = load(NormalizedWarehouse.SOURCES, "kind: sum, source: order_items, "
        + "expression: price, dimensions: [product.category, order.customer.state, "
        + "product.translation.english]");
    SourceDefinition customers = conf.source("customers").orElseThrow();
    assertEquals(SourceKind.DIMENSION, customers.kind());
    assertEquals(Schedule.ON_ARRIVAL, customers.schedule(), "a dimension arrives when it does");
    assertEquals(null, customers.eventDate());
    assertEquals(List.of("product.category", "order.customer.state",
        "product.translation.english"), conf.requireCatalog().metric("m").orElseThrow()
        .dimensions());
  }

  @Test
  void anUnreachableAttributeIsNamedWithThePathsThatExist() {
    List<String> problems = problems(NormalizedWarehouse.SOURCES,
        "kind: count, source: orders, dimensions: [customer.stat, client.state, customer_state]");
    String paths = "paths from 'orders': [order_id, order_date, customer_id, status, "
        + "customer.customer_id, customer.state, customer_then.customer_id, "
        + "customer_then.valid_from, customer_then.valid_to, customer_then.state, "
        + "items.order_id, items.item_no, "
        + "items.shipping_date, items.product_id, items.price, items.product.product_id, "
        + "items.product.category_name, items.product.category, "
        + "items.product.translation.category_name, items.product.translation.english]";
    assertEquals(List.of(
        "unknown dimension 'customer.stat': source 'customers' (reached as 'customer') has no "
            + "column or attribute 'stat'; " + paths,
        "unknown dimension 'client.state': 'client' is not a reference of source 'orders'; its "
            + "references: [customer, customer_then, items]; " + paths,
        "unknown dimension 'customer_state': source 'orders' has no column or attribute "
            + "'customer_state'; " + paths), problems);
  }

  @Test
  void referencesAttributesAndDimensionSourcesAreChecked() {
    String sources = NormalizedWarehouse.SOURCES
        .replace("customer: {source: customers, columns: [customer_id]}",
            "customer: {source: customers, columns: [customer_id, status]}")
        .replace("translation: {source: category_translation,",
            "translation: {source: category_translations,")
        .replace("coalesce(translation.english, category_name, 'unknown')",
            "coalesce(translation.name, category)")
        .replace("path: \"{date}/customers.csv\"\n", "path: \"{date}/customers.csv\"\n"
            + "    event_date: signup_date\n");
    List<String> problems = problems(sources, "kind: count, source: orders");
    assertEquals(List.of(
        "a dimension source has no event date: each delivery is a snapshot of the rows as they "
            + "are; remove it, or declare kind: fact",
        "[customer_id, status] must match the primary key of 'customers', [customer_id], column "
            + "for column",
        "unknown source 'category_translations'",
        "unknown column 'translation.name' in 'coalesce(translation.name, category)': "
            + "'translation' references unknown source 'category_translations'",
        "'category' is not declared before attribute 'category'; an attribute may use the "
            + "attributes above it"), problems);
  }

  /**
   * A dimension through a collection is multi-valued: its cuts are no partition, which
   * root-cause analysis is told; two of them in one pair are refused.
   */
  @Test
  void aDimensionThroughACollectionIsMultiValuedAndNoPartition() {
    String metric = "kind: count, source: orders, dimensions: [items.product.category, status, "
        + "items.product_id], dimension_pairs: [[items.product.category, status]]";
    MetricCatalog catalog = load(NormalizedWarehouse.SOURCES, metric).requireCatalog();
    assertEquals(Set.of("items.product.category", "items.product_id"),
        catalog.multiValuedDimensions(catalog.metric("m").orElseThrow()));
    assertEquals(Set.of("m|items.product.category", "m|items.product_id",
        "m|items.product.category&status"), RootCauses.Measures.of(catalog).overlappingCuts());
    assertEquals(List.of("[items.product.category, items.product_id] are both multi-valued (each "
        + "crosses a collection); a pair may hold one"), problems(NormalizedWarehouse.SOURCES,
        metric.replace("[[items.product.category, status]]",
            "[[items.product.category, items.product_id]]")));
  }

  @Test
  void aTypeTwoHistoryIsReadFromFactsAndDeclaredOnDimensions() {
    String sources = NormalizedWarehouse.SOURCES
        .replace("    primary_key: [order_id]\n    event_date: order_date\n",
            "    primary_key: [order_id]\n    event_date: order_date\n"
            + "    history: {valid_from: order_date}\n")
        .replace("history: {valid_from: valid_from, valid_to: valid_to}",
            "history: {valid_from: valid_from, valid_to: state}")
        .replace("translation: {source: category_translation,",
            "translation: {source: customer_versions,")
        .replace("product: {source: products, columns: [product_id]}",
            "product: {source: products, columns: [product_id], days: 3}");
    assertEquals(List.of(
        "applies to dimension sources: a fact's rows are its history",
        "column 'state' must be of type date or timestamp",
        "applies to references to fact sources: a dimension is read whole, as its latest "
            + "snapshot",
        "'customer_versions' keeps a type-2 history, whose version is chosen by a fact's event "
            + "day; reference it (not as a collection) from a fact source",
        "unknown column 'translation.english' in 'coalesce(translation.english, category_name, "
            + "'unknown')': source 'customer_versions' (reached as 'translation') has no column "
            + "or attribute 'english'; paths from 'products': [product_id, category_name, "
            + "category, translation.customer_id, translation.valid_from, translation.valid_to, "
            + "translation.state]"),
        problems(sources, "kind: count, source: orders"));
  }

  /** A change to what a joined dimension reads is a new definition; own columns are not. */
  @Test
  void theLineageOfAJoinedDimensionIsPartOfTheDefinitionVersion() {
    String metric = "kind: sum, source: order_items, expression: price, "
        + "dimensions: [product.category]";
    String before = DefinitionVersions.of(load(NormalizedWarehouse.SOURCES, metric)
        .requireCatalog()).get("m");
    String after = DefinitionVersions.of(load(NormalizedWarehouse.SOURCES.replace(
        "category_name, 'unknown')", "category_name, 'other')"), metric).requireCatalog())
        .get("m");
    assertNotEquals(before, after);
    String own = "kind: count, source: orders, dimensions: [status]";
    assertEquals(DefinitionVersions.of(load(NormalizedWarehouse.SOURCES, own).requireCatalog())
        .get("m"), DefinitionVersions.of(load(NormalizedWarehouse.SOURCES.replace(
            "'unknown'", "'other'"), own).requireCatalog()).get("m"));
    assertFalse(before.isEmpty());
    assertTrue(before.matches("[0-9a-f]{12}"));
  }
}
