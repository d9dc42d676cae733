package com.kpialign.catalog;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A total kept as one exact decimal per day and slice ({@code sum}, {@code count}): states add
 * up, the value is the sum, and slices and days add up to the total.
 */
abstract class AdditiveKind extends AggregateKind {
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
  public boolean isZeroOverNoRows() {
    return true;
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
