package com.kpialign.catalog;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;

/** {@code sum}: the exact decimal sum of an expression over the rows that pass the filter. */
final class SumKind extends AggregateKind {
  @Override
  public String spelling() {
    return "sum";
  }

  @Override
  public State aggregate(Input in) {
    return new State(sum(when(in.counted(), in.measured().orElseThrow().cast(AMOUNT))),
        State.noNumber(), State.noSketch());
  }

  @Override
  public State merge(State s) {
    return new State(coalesce(sum(s.numerator()), lit(0).cast(AMOUNT)), State.noNumber(),
        State.noSketch());
  }

  @Override
  public Column value(MetricDefinition m, State merged) {
    return merged.numerator().cast("double");
  }

  @Override
  public List<Column> published(State merged) {
    return List.of(noDouble(), noDouble());
  }

  @Override
  public Optional<Column> rowValue(MetricDefinition m) {
    return m.expression().map(e -> expr(e));
  }

  @Override
  public boolean isTotal(MetricDefinition m) {
    return true;
  }

  @Override
  public boolean isAdditiveOverDays(MetricDefinition m) {
    return true;
  }
}
