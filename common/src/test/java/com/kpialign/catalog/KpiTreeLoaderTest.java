package com.kpialign.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import com.kpialign.config.ConfigException;
import com.kpialign.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiTreeLoaderTest {
  @TempDir Path dir;

  static final String METRICS = "metrics:\n" + MetricCatalogLoaderTest.REVENUE
      + MetricCatalogLoaderTest.ORDERS + MetricCatalogLoaderTest.SESSIONS
      + MetricCatalogLoaderTest.metric("aov", """
          kind: ratio
          numerator: revenue
          denominator: orders""")
      + MetricCatalogLoaderTest.metric("conversion", """
          kind: ratio
          numerator: orders
          denominator: sessions""");

  static final String OBJECTIVE = """
      objectives:
        - {id: growth, statement: Grow revenue 20%, perspective: financial, owner: CEO,
           target: "+20%", horizon: 2025-12-31, kpis: [revenue]}
      """;

  private Conf load(String tree) throws IOException {
    Files.writeString(dir.resolve("environments.yaml"),
        "environments:\n  local: {warehouse: /w, landing: /l}\n");
    Files.writeString(dir.resolve("sources.yaml"), MetricCatalogLoaderTest.SOURCES);
    Files.writeString(dir.resolve("metrics.yaml"), METRICS);
    Files.writeString(dir.resolve("kpi_tree.yaml"), tree);
    return ConfLoader.load(dir, "local");
  }

  private List<String> problems(String tree) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(tree));
    return e.problems().stream().map(ConfigProblem::toString)
        .map(p -> p.substring(p.indexOf("kpi_tree.yaml") + "kpi_tree.yaml".length() + 2))
        .toList();
  }

  @Test
  void formulasAndInfluencesBecomeEdgesAndTheTreeReadsAsText() throws IOException {
    KpiTree tree = load(OBJECTIVE + """
        formulas:
          - {parent: revenue, expression: "orders * aov", alignment: process_outcome}
          - {parent: orders, expression: "sessions * conversion", alignment: process_output}
        influences:
          - {parent: conversion, child: aov, sign: "-", alignment: process_driver}
        """).requireTree();

    assertEquals(List.of("growth>revenue measures", "revenue>orders formula",
        "revenue>aov formula", "orders>sessions formula", "orders>conversion formula",
        "conversion>aov influence"), tree.edges().stream()
            .map(e -> e.parent() + ">" + e.child() + " " + e.relation().spelling()).toList());
    assertEquals(List.of("revenue", "orders", "aov", "sessions", "conversion"),
        tree.reachableMetrics());
    MetricCatalog catalog = load(OBJECTIVE).requireCatalog();
    assertEquals("""
        above aov:
          aov <- revenue <- growth
          aov <- conversion <- orders <- revenue <- growth
        below:
          aov - aov (sales, Sales): 25 USD
        """, new KpiTreeText(tree, catalog, Map.of("aov", "25")).branch("aov"));
  }

  @Test
  void correlationSettingsAreReadAndChecked() throws IOException {
    KpiTree.CorrelationSettings read = load(OBJECTIVE + """
        correlation:
          day: {window: 91, max_lag: 7}
          slice_dims: [region]
        """).requireTree().correlation();
    assertEquals(new KpiTree.CorrelationSettings(91, 7, 52, 4, 0.05, 0.2, 3, List.of("region")),
        read);
    assertEquals(KpiTree.CorrelationSettings.DEFAULT, load(OBJECTIVE).requireTree().correlation());
    // kpi correlate --window 91: 13 weeks is too few for lags up to 4 weeks, so 20
    KpiTree.CorrelationSettings quarter = KpiTree.CorrelationSettings.DEFAULT.withWindowDays(91);
    assertEquals(91, quarter.dayWindow());
    assertEquals(20, quarter.weekWindow());
    assertEquals(52, KpiTree.CorrelationSettings.DEFAULT.withWindowDays(364).weekWindow());
    assertEquals("the window must be at least 60 days for lags up to 14, got 59",
        assertThrows(IllegalArgumentException.class,
            () -> KpiTree.CorrelationSettings.DEFAULT.withWindowDays(59)).getMessage());
    assertEquals(List.of(
        "correlation.weekly: unknown key; allowed keys are [day, false_discovery_rate, min_abs_r,"
            + " slice_dims, sub_windows, week]",
        "correlation.day.window: must be at least 4 x (max_lag + 1) = 60 periods, got 30",
        "correlation.false_discovery_rate: must be between 0 and 1, got 5.0",
        "correlation.sub_windows: must be at least 2 to judge stability, got 1",
        "correlation.slice_dims: no metric has the dimension 'planet'"),
        problems(OBJECTIVE + """
            correlation:
              day: {window: 30, max_lag: 14}
              false_discovery_rate: 5
              sub_windows: 1
              slice_dims: [region, planet]
              weekly: {window: 10}
            """));
  }

  @Test
  void unknownMetricsBadFormulasAndSignsAreProblems() {
    assertEquals(List.of(
        "objectives.growth.kpis: unknown metric 'profit'",
        "formulas[0].expression: unknown metric 'price'",
        "formulas[1].parent: unknown metric 'margin'",
        "influences[0].sign: must be + or -, got 'up'"),
        problems("""
            objectives:
              - {id: growth, statement: s, perspective: financial, owner: CEO, target: t,
                 kpis: [revenue, profit]}
            formulas:
              - {parent: revenue, expression: "orders * price", alignment: process_outcome}
              - {parent: margin, expression: "revenue / orders", alignment: process_outcome}
            influences:
              - {parent: orders, child: sessions, sign: up, alignment: process_driver}
            """));
    List<String> parse = problems(OBJECTIVE + """
        formulas:
          - {parent: revenue, expression: "orders * (aov", alignment: process_outcome}
        """);
    assertEquals(1, parse.size());
    assertEquals("formulas[0].expression: does not parse:", parse.get(0).substring(0, 39));
  }

  @Test
  void aCycleAndAnObjectiveNamedLikeAMetricAreProblems() {
    assertEquals(List.of("influences[0]: the tree has a cycle: revenue -> orders -> revenue"),
        problems(OBJECTIVE + """
            formulas:
              - {parent: revenue, expression: "orders * aov", alignment: process_outcome}
            influences:
              - {parent: orders, child: revenue, sign: "+", alignment: process_driver}
            """));
    assertEquals(List.of("objectives.orders: objective 'orders' has the id of a metric; ids "
        + "must be distinct"), problems("""
            objectives:
              - {id: orders, statement: s, perspective: customer, owner: CEO, target: t,
                 kpis: []}
            """));
  }

  /**
   * The catalog defines aov as revenue / orders: a tree formula over the same metrics is the
   * same decomposition; one over other metrics would contradict the numbers computed.
   */
  @Test
  void aFormulaThatContradictsTheCatalogsDefinitionIsAProblem() {
    assertEquals(List.of("formulas[0].expression: 'revenue / sessions' contradicts the catalog, "
        + "where aov is a ratio of [revenue, orders] (metrics.yaml): the catalog's definition is "
        + "what is computed, so write the formula over the same metrics or remove it"),
        problems(OBJECTIVE + """
            formulas:
              - {parent: aov, expression: "revenue / sessions", alignment: process_output}
            """));
  }
}
