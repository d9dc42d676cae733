package com.kpialign.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One metric, defined once for the whole company. Aggregates ({@code sum}, {@code count},
 * {@code count_distinct}, {@code avg}) read {@code source} with {@code expression} over the rows
 * that pass {@code filter}, dated by {@code eventDate}; a {@code count_distinct} may count a shared
 * {@code entity} instead. {@code ratio} divides {@code numerator} by {@code denominator};
 * {@code formula} is an {@code expression} over other metric ids. {@code dimensions} are the
 * slices it may be cut by, {@code dimensionPairs} the two-way cuts.
 */
public record MetricDefinition(
    String id, String name, String description, String vertical, String owner, String unit,
    Direction direction, Optional<Band> band, Perspective perspective,
    List<Stakeholder> stakeholders, MetricKind kind, Optional<String> source,
    Optional<String> expression, Optional<String> filter, Optional<String> entity,
    Optional<String> numerator, Optional<String> denominator, Optional<String> eventDate,
    List<String> dimensions, List<List<String>> dimensionPairs, Optional<LocalDate> reviewedOn,
    List<CheckDefinition> checks) {

  /** The target band of a metric whose direction is {@code band}. */
  public record Band(double low, double high) {}

  public MetricDefinition {
    stakeholders = List.copyOf(stakeholders);
    dimensions = List.copyOf(dimensions);
    dimensionPairs = dimensionPairs.stream().map(List::copyOf).toList();
    checks = List.copyOf(checks);
  }

  /**
   * Whether the metric is a total that grows with the business's volume: a sum, a count, a
   * distinct count, or a formula of sums and differences (no division).
   */
  public boolean isTotal() {
    return switch (kind) {
      case SUM, COUNT, COUNT_DISTINCT -> true;
      case FORMULA -> !expression.orElse("/").contains("/");
      case AVG, RATIO -> false;
    };
  }

  /** Whether a period's value is the sum of its days' values (a distinct count is not). */
  public boolean isAdditiveOverDays() {
    return isTotal() && kind != MetricKind.COUNT_DISTINCT;
  }
}
