package com.kpialign.catalog;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.kpialign.stats.QuantileSketches;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * {@code percentile}: the value below which {@code quantile} of an expression's values fall (the
 * p90 of delivery days), from a mergeable quantile summary per day and slice (see
 * {@link com.kpialign.stats.QuantileSummary}: exact up to 256 distinct values, else within 1% of
 * the value), so a week's p90 is the p90 of the week's values, never an average of daily p90s.
 * The number of values is kept and published as the denominator; root-cause analysis localizes a
 * percentile like a rate over that number.
 */
final class PercentileKind extends AggregateKind {
  static final String QUANTILE = "quantile";

  @Override
  public boolean isZeroOverNoRows() {
    return false;
  }

  @Override
  public String spelling() {
    return "percentile";
  }

  @Override
  public List<KindParameter> parameters() {
    return List.of(new KindParameter(QUANTILE, "the rank of the value, 0.5 for the median", 0, 1));
  }

  @Override
  public State aggregate(Input in) {
    Column value = when(in.counted(), in.measured().orElseThrow().cast("double"));
    return new State(State.noNumber(), count(value).cast(AMOUNT),
        QuantileSketches.sketchAgg().apply(value));
  }

  @Override
  public State merge(State s) {
    return new State(State.noNumber(), sum(s.denominator()),
        QuantileSketches.unionAgg().apply(s.sketch()));
  }

  @Override
  public Column value(MetricDefinition m, State merged) {
    return QuantileSketches.quantile().apply(merged.sketch(),
        lit(m.parameters().get(QUANTILE)));
  }

  @Override
  public List<Column> published(State merged) {
    return List.of(noDouble(), merged.denominator().cast("double"));
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
