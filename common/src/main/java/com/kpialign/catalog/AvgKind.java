package com.kpialign.catalog;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * {@code avg}: the sum of an expression over its count, both kept, so a week's average is the
 * week's sum over the week's count.
 */
final class AvgKind extends AggregateKind {
  @Override
  public boolean isZeroOverNoRows() {
    return false;
  }

  @Override
  public String spelling() {
    return "avg";
  }

  @Override
  public State aggregate(Input in) {
    Column value = when(in.counted(), in.measured().orElseThrow().cast(AMOUNT));
    return new State(sum(value), count(value).cast(AMOUNT), State.noSketch());
  }

  @Override
  public State merge(State s) {
    return new State(sum(s.numerator()), sum(s.denominator()), State.noSketch());
  }

  @Override
  public Column value(MetricDefinition m, State merged) {
    return merged.numerator().cast("double").divide(merged.denominator().cast("double"));
  }

  @Override
  public List<Column> published(State merged) {
    return List.of(merged.numerator().cast("double"), merged.denominator().cast("double"));
  }

  @Override
  public boolean isTotal(MetricDefinition m) {
    return false;
  }

  @Override
  public boolean isAdditiveOverDays(MetricDefinition m) {
    return false;
  }
}
