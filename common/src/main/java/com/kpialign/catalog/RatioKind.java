package com.kpialign.catalog;

import static org.apache.spark.sql.functions.when;

import com.kpialign.config.ConfNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * {@code ratio}: a numerator metric over a denominator metric, both at the grain and slice asked
 * (a weekly conversion is weekly orders over weekly sessions); a zero denominator gives null.
 */
final class RatioKind extends DerivedKind {
  @Override
  public String spelling() {
    return "ratio";
  }

  @Override
  public String partsKey() {
    return "numerator/denominator";
  }

  @Override
  void check(ConfNode node, Optional<String> numerator, Optional<String> denominator,
      Optional<String> expression) {
    if (numerator.isEmpty()) {
      node.problem("numerator", "is required for a ratio metric (a metric id)");
    }
    if (denominator.isEmpty()) {
      node.problem("denominator", "is required for a ratio metric (a metric id)");
    }
    expression.ifPresent(x -> node.problem("expression", "a ratio has numerator and denominator, "
        + "not an expression"));
  }

  @Override
  public boolean hasParts(MetricDefinition m) {
    return m.numerator().isPresent() && m.denominator().isPresent();
  }

  @Override
  public List<String> parts(MetricDefinition m) {
    return List.of(m.numerator().orElseThrow(), m.denominator().orElseThrow());
  }

  @Override
  public Optional<List<String>> localizedOnParts(MetricDefinition m) {
    return Optional.of(parts(m));
  }

  @Override
  public Column value(MetricDefinition m, Function<String, Column> part) {
    Column denominator = part.apply(m.denominator().orElseThrow());
    return when(denominator.notEqual(0), part.apply(m.numerator().orElseThrow())
        .divide(denominator));
  }

  @Override
  public List<Column> published(MetricDefinition m, Function<String, Column> part) {
    return List.of(part.apply(m.numerator().orElseThrow()),
        part.apply(m.denominator().orElseThrow()));
  }

  @Override
  public boolean isTotal(MetricDefinition m) {
    return false;
  }

}
