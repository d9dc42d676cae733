package com.kpialign.catalog;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One metric, defined once for the whole company. Aggregates ({@code sum}, {@code count},
 * {@code count_distinct}, {@code avg}, {@code percentile}) read {@code source} with {@code expression} over the rows
 * that pass {@code filter}, dated by {@code eventDate}; a {@code count_distinct} may count a shared
 * {@code entity} instead. {@code ratio} divides {@code numerator} by {@code denominator};
 * {@code formula} is an {@code expression} over other metric ids. {@code dimensions} are the
 * slices it may be cut by, {@code dimensionPairs} the two-way cuts. {@code parameters} are the
 * kind's own settings (a percentile's {@code quantile}, a distinct count's {@code distinct}).
 */
public record MetricDefinition(
    String id, String name, String description, String vertical, String owner, String unit,
    Direction direction, Optional<Band> band, Perspective perspective,
    List<Stakeholder> stakeholders, MetricKind kind, Map<String, Object> parameters,
    Optional<String> source,
    Optional<String> expression, Optional<String> filter, Optional<String> entity,
    Optional<String> numerator, Optional<String> denominator, Optional<String> eventDate,
    List<String> dimensions, List<List<String>> dimensionPairs, Optional<LocalDate> reviewedOn,
    List<CheckDefinition> checks, Optional<Range> range) {

  /** The values the metric can take (a rate in [0, 1], a score 1..5); expectations stay in it. */
  public record Range(double min, double max) {}

  /** The target band of a metric whose direction is {@code band}. */
  public record Band(double low, double high) {}

  public MetricDefinition {
    stakeholders = List.copyOf(stakeholders);
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    dimensions = List.copyOf(dimensions);
    dimensionPairs = dimensionPairs.stream().map(List::copyOf).toList();
    checks = List.copyOf(checks);
  }

  /** Whether the metric is a total that grows with the business's volume (see its kind). */
  public boolean isTotal() {
    return kind.isTotal(this);
  }

  /** Whether a period's value is the sum of its days' values (a distinct count is not). */
  public boolean isAdditiveOverDays() {
    return kind.isAdditiveOverDays(this);
  }

  /** The metric ids the metric is computed from; empty for aggregates. */
  public List<String> parts() {
    return kind.parts(this);
  }
}
