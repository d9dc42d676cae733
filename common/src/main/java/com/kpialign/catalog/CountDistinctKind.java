package com.kpialign.catalog;

import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.hll_sketch_estimate;
import static org.apache.spark.sql.functions.hll_union_agg;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * {@code count_distinct}: the distinct values of an expression, or of a shared entity's key, as
 * a HyperLogLog sketch ({@value #HLL_LG_K}: relative standard error about 0.8%; below a few
 * hundred distinct values exact in practice), estimated from the merged sketch at each grain,
 * never summed from days.
 */
final class CountDistinctKind extends AggregateKind {
  public static final int HLL_LG_K = 14;

  @Override
  public boolean isZeroOverNoRows() {
    return true;
  }

  @Override
  public String spelling() {
    return "count_distinct";
  }

  @Override
  public boolean countsEntity() {
    return true;
  }

  @Override
  public State aggregate(Input in) {
    return new State(State.noNumber(), State.noNumber(), hll_sketch_agg(
        when(in.counted(), in.measured().orElseThrow().cast("string")), HLL_LG_K));
  }

  @Override
  public State merge(State s) {
    return new State(State.noNumber(), State.noNumber(), hll_union_agg(s.sketch()));
  }

  @Override
  public Column value(MetricDefinition m, State merged) {
    return hll_sketch_estimate(merged.sketch()).cast("double");
  }

  @Override
  public List<Column> published(State merged) {
    return List.of(noDouble(), noDouble());
  }

  @Override
  public boolean isTotal(MetricDefinition m) {
    return true;
  }

  @Override
  public boolean isAdditiveOverDays(MetricDefinition m) {
    return false;
  }
}
