package com.kpialign.catalog;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * {@code count}: the rows that pass the filter, or, with an expression, those where it is not
 * null.
 */
final class CountKind extends AdditiveKind {
  @Override
  public String spelling() {
    return "count";
  }

  @Override
  public boolean needsExpression() {
    return false;
  }

  @Override
  public State aggregate(Input in) {
    Column counted = in.measured().map(v -> in.counted().and(v.isNotNull()))
        .orElse(in.counted());
    return new State(count(when(counted, lit(1))).cast(AMOUNT), State.noNumber(),
        State.noSketch());
  }

  @Override
  public Optional<Column> rowValue(MetricDefinition m) {
    return Optional.of(m.expression().map(e -> when(expr(e).isNotNull(), lit(1)).otherwise(lit(0)))
        .orElse(lit(1)));
  }
}
