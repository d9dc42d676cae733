package com.kpialign.catalog;

/**
 * How a metric is computed. {@code sum}, {@code count}, {@code count_distinct} and {@code avg}
 * aggregate a source; {@code ratio} divides two metrics and {@code formula} combines several, both
 * evaluated from their parts at the same grain and slice (a ratio of sums, never an average of
 * ratios).
 */
public enum MetricKind {
  SUM, COUNT, COUNT_DISTINCT, AVG, RATIO, FORMULA;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the metric reads a source directly (as opposed to combining other metrics). */
  public boolean isAggregate() {
    return this != RATIO && this != FORMULA;
  }
}
