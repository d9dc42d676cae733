package com.kpialign.catalog;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.config.ConfNode;
import com.kpialign.config.SqlExpressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * {@code formula}: an expression over other metric ids (gross_profit = revenue - cogs),
 * evaluated on their values at the same grain and slice.
 */
final class FormulaKind extends DerivedKind {
  @Override
  public String spelling() {
    return "formula";
  }

  @Override
  public String partsKey() {
    return "expression";
  }

  @Override
  void check(ConfNode node, Optional<String> numerator, Optional<String> denominator,
      Optional<String> expression) {
    if (expression.isEmpty()) {
      node.problem("expression", "is required for a formula metric (an expression over metric ids)");
      return;
    }
    MetricCatalogLoader.parsed(node, "expression", expression.get());
    numerator.ifPresent(x -> node.problem("numerator", "applies to ratio metrics only"));
    denominator.ifPresent(x -> node.problem("denominator", "applies to ratio metrics only"));
  }

  @Override
  public boolean hasParts(MetricDefinition m) {
    return m.expression().isPresent();
  }

  @Override
  public List<String> parts(MetricDefinition m) {
    return new ArrayList<>(SqlExpressions.references(
        SqlExpressions.parse(m.expression().orElseThrow())));
  }

  @Override
  public Optional<List<String>> localizedOnParts(MetricDefinition m) {
    return Optional.empty();
  }

  /** The formula over the parts' value columns, which carry the metric ids as names. */
  @Override
  public Column value(MetricDefinition m, Function<String, Column> part) {
    return expr(m.expression().orElseThrow()).cast("double");
  }

  @Override
  public List<Column> published(MetricDefinition m, Function<String, Column> part) {
    return List.of(lit(null).cast("double"), lit(null).cast("double"));
  }

  /** A formula of sums and differences (no division) is a total. */
  @Override
  public boolean isTotal(MetricDefinition m) {
    return !m.expression().orElse("/").contains("/");
  }
}
