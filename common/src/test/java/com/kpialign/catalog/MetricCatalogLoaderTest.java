package com.kpialign.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kpialign.assembly.ConfLoader;
import com.kpialign.config.ConfigException;
import com.kpialign.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricCatalogLoaderTest {
  @TempDir Path dir;

  static final String SOURCES = """
      sources:
        - name: orders
          format: csv
          path: "{date}/orders.csv"
          primary_key: [order_id]
          event_date: order_date
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: order_date, type: date, nullable: false}
            - {name: customer_id, type: long}
            - {name: region, type: string}
            - {name: net_amount, type: "decimal(10,2)"}
            - {name: status, type: string}
        - name: sessions
          format: parquet
          path: "{date}/sessions.parquet"
          primary_key: [session_id]
          event_date: session_date
          schema:
            - {name: session_id, type: long, nullable: false}
            - {name: session_date, type: date, nullable: false}
            - {name: region, type: string}
      """;

  /** A metric entry with every required key, then {@code kindLines} (kind, source, ...). */
  static String metric(String id, String kindLines) {
    return """
          - id: %s
            name: %s
            description: test metric
            vertical: sales
            owner: Sales
            unit: USD
            direction: up
            perspective: financial
            stakeholders: [investors]
        %s""".formatted(id, id, kindLines.indent(4));
  }

  static final String REVENUE = metric("revenue", """
      kind: sum
      source: orders
      expression: net_amount
      filter: "status = 'completed'"
      dimensions: [region]""");
  static final String ORDERS = metric("orders", """
      kind: count
      source: orders
      dimensions: [region]""");
  static final String SESSIONS = metric("sessions", """
      kind: count
      source: sessions
      dimensions: [region]""");

  private MetricCatalog load(String... metrics) throws IOException {
    Files.writeString(dir.resolve("environments.yaml"),
        "environments:\n  local: {warehouse: /w, landing: /l}\n");
    Files.writeString(dir.resolve("sources.yaml"), SOURCES);
    Files.writeString(dir.resolve("metrics.yaml"), """
        entities:
          - {id: active_customer, description: buyer, source: orders, key: customer_id,
             filter: "status = 'completed'"}
        metrics:
        """ + String.join("", metrics));
    return ConfLoader.load(dir, "local").requireCatalog();
  }

  private List<String> problems(String... metrics) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(metrics));
    String file = dir.resolve("metrics.yaml") + ": ";
    return e.problems().stream().map(ConfigProblem::toString)
        .map(p -> p.startsWith(file) ? p.substring(file.length()) : p).toList();
  }

  @Test
  void validCatalogIsOrderedPartsFirst() throws IOException {
    MetricCatalog catalog = load(metric("aov", """
        kind: ratio
        numerator: revenue
        denominator: orders
        dimensions: [region]"""), REVENUE, ORDERS, metric("buyers", """
        kind: count_distinct
        entity: active_customer"""));
    assertEquals(List.of("revenue", "orders", "aov", "buyers"),
        catalog.metrics().stream().map(MetricDefinition::id).toList());
    MetricDefinition buyers = catalog.metric("buyers").orElseThrow();
    assertEquals("orders", buyers.source().orElseThrow());
    assertEquals(List.of("orders"), List.copyOf(catalog.sourcesByMetric().get("aov")));
  }

  @Test
  void duplicateIdIsAProblem() {
    assertEquals(List.of("metrics.revenue: metric 'revenue' is defined twice; a metric is defined "
        + "once for the whole company"), problems(REVENUE, REVENUE));
  }

  @Test
  void unknownSourceIsAProblem() {
    assertEquals(List.of("metrics.signups.source: unknown source 'customers'; defined in "
        + "sources.yaml: [orders, sessions]"), problems(metric("signups", """
        kind: count
        source: customers""")));
  }

  @Test
  void unknownColumnInExpressionOrFilterIsAProblem() {
    assertEquals(List.of(
        "metrics.revenue.expression: unknown column 'net' in 'net * 2': source 'orders' has "
            + "[order_id, order_date, customer_id, region, net_amount, status]",
        "metrics.revenue.filter: unknown column 'state' in 'state = 1': source 'orders' has "
            + "[order_id, order_date, customer_id, region, net_amount, status]"),
        problems(metric("revenue", """
            kind: sum
            source: orders
            expression: net * 2
            filter: state = 1""")));
  }

  @Test
  void unknownDimensionIsAProblem() {
    assertEquals(List.of("metrics.orders.dimensions: unknown dimension 'channel': source 'orders' "
        + "has no column or attribute 'channel'; paths from 'orders': [order_id, order_date, "
        + "customer_id, region, net_amount, status]"), problems(metric("orders", """
        kind: count
        source: orders
        dimensions: [region, channel]""")));
  }

  @Test
  void expressionThatDoesNotParseIsAProblem() {
    List<String> problems = problems(metric("revenue", """
        kind: sum
        source: orders
        expression: "sum(net_amount\""""));
    // the rest of the line is Spark's parser's own message
    assertEquals(1, problems.size(), problems.toString());
    String expected = "metrics.revenue.expression: 'sum(net_amount' does not parse: "
        + "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input";
    assertEquals(expected, problems.get(0).substring(0, expected.length()));
  }

  @Test
  void ratioOrFormulaPartsMustExist() {
    assertEquals(List.of(
        "metrics.aov.numerator/denominator: unknown metric 'order_count'",
        "metrics.margin.expression: unknown metric 'cost'"),
        problems(REVENUE, metric("aov", """
            kind: ratio
            numerator: revenue
            denominator: order_count"""), metric("margin", """
            kind: formula
            expression: revenue - cost""")));
  }

  @Test
  void cycleAmongFormulasIsAProblem() {
    assertEquals(List.of("metrics.a: metrics form a cycle: a -> b -> c -> a"),
        problems(metric("a", "kind: formula\nexpression: b + 1"),
            metric("b", "kind: ratio\nnumerator: c\ndenominator: c"),
            metric("c", "kind: formula\nexpression: a * 2")));
  }

  @Test
  void missingOwnerOrPerspectiveIsAProblem() {
    String noOwner = REVENUE.replace("    owner: Sales\n", "");
    String noPerspective = ORDERS.replace("    perspective: financial\n", "");
    assertEquals(List.of("metrics.revenue.owner: is required",
        "metrics.orders.perspective: is required"), problems(noOwner, noPerspective));
  }

  @Test
  void derivedMetricCannotBeSlicedByADimensionItsPartsLack() {
    assertEquals(List.of("metrics.conversion.dimensions: dimension(s) [device] cannot be sliced: "
        + "part 'orders' has dimensions [region]",
        "metrics.conversion.dimensions: dimension(s) [device] cannot be sliced: part 'sessions' "
            + "has dimensions [region]"),
        problems(ORDERS, SESSIONS, metric("conversion", """
            kind: ratio
            numerator: orders
            denominator: sessions
            dimensions: [region, device]""")));
  }

  @Test
  void checksNameKnownColumnsAndReferences() {
    assertEquals(List.of(
        "metrics.revenue.checks[0].column: column 'amount' is not in source 'orders'",
        "metrics.revenue.checks[1].reference: 'shipments.order_id' must be source.column of a "
            + "known source",
        "metrics.revenue.checks[2].severity: 'fatal' is not one of [error, warning]"),
        problems(REVENUE + """
                checks:
                  - {type: non_negative, column: amount}
                  - {type: reference, column: order_id, reference: shipments.order_id}
                  - {type: unique, column: order_id, severity: fatal}
            """));
  }

  @Test
  void checksNeedWhatTheirKindJudges() {
    assertEquals(List.of(
        "metrics.revenue.checks[0].column: an allowed check needs a column with `allowed` "
            + "values in sources.yaml",
        "metrics.revenue.checks[1].min: is the least share of complete rows, between 0 and 1",
        "metrics.revenue.checks: reconcile reference 'buyers' must be a sum or count metric of "
            + "the catalog",
        "metrics.buyers.checks: a metric_anomaly check needs a sum or count metric, 'buyers' is "
            + "count_distinct"),
        problems(REVENUE + """
                checks:
                  - {type: allowed, column: region}
                  - {type: complete, column: net_amount, min: 95}
                  - {type: reconcile, reference: buyers, tolerance: 0.01}
            """, metric("buyers", """
            kind: count_distinct
            source: orders
            expression: customer_id
            checks: [{type: metric_anomaly}]""")));
  }
}
