package com.kpialign.catalog;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;

/** {@code sum}: the exact decimal sum of an expression over the rows that pass the filter. */
final class SumKind extends AdditiveKind {
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
  public Optional<Column> rowValue(MetricDefinition m) {
    return m.expression().map(e -> expr(e));
  }
}
