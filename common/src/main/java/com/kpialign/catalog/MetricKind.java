package com.kpialign.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a metric is computed: one type per kind, each deciding everything the product does with a
 * metric of that kind, so a new kind is one class and one entry in {@link MetricKinds#ALL}.
 * {@link AggregateKind}s read a source and keep a mergeable day state (sums, counts, sketches);
 * {@link DerivedKind}s combine other metrics at the same grain and slice (a ratio of sums, never
 * an average of ratios).
 */
public sealed interface MetricKind permits AggregateKind, DerivedKind {

  /** The kind's name in {@code metrics.yaml}. */
  String spelling();

  /**
   * Whether a value is a total that grows with the business's volume (a sum, a count): its
   * slices add up to it, so root-cause analysis localizes it on values, and correlation reads two
   * totals that move together as scale, not alignment.
   */
  boolean isTotal(MetricDefinition m);

  /** Whether a period's value is the sum of its days' values (a distinct count is not). */
  boolean isAdditiveOverDays(MetricDefinition m);

  /** The metric ids the metric is computed from; empty for aggregates. */
  List<String> parts(MetricDefinition m);

  /**
   * The numerator and denominator metrics a slice of the metric is localized on, when the metric
   * is a ratio of two metrics of its own: a slice's expected parts then come from their
   * benchmarks. Empty for every other kind: totals are localized on values, rates on the
   * numerator and denominator each value carries.
   */
  Optional<List<String>> localizedOnParts(MetricDefinition m);

  /** The numeric settings of this kind in {@code metrics.yaml} (a percentile's quantile). */
  default List<KindParameter> parameters() {
    return List.of();
  }

  /**
   * The kind that computes a metric with these parameters: this one, or a variant of it with the
   * same spelling (an exact distinct count), so that each kind object merges one kind of state.
   */
  default MetricKind variant(Map<String, Object> parameters) {
    return this;
  }

  /**
   * What the kind adds to the metric's definition version, beyond the fields every definition
   * hashes (see {@link DefinitionVersions}): its parameters, each as {@code |name=value}; a
   * choice left at its default adds nothing, so declaring a new choice changes no version.
   */
  default String versionText(MetricDefinition m) {
    StringBuilder text = new StringBuilder();
    for (KindParameter p : parameters()) {
      Object value = m.parameters().get(p.name());
      if (value != null && !(p.isChoice() && p.choices().get(0).equals(value))) {
        text.append('|').append(p.name()).append('=').append(value);
      }
    }
    return text.toString();
  }

  /**
   * A setting a kind takes from its metric's definition: a number within [min, max], or one of
   * {@code choices}, the first being the default when the metric does not say.
   */
  record KindParameter(String name, String meaning, double min, double max,
      List<String> choices) {
    public KindParameter(String name, String meaning, double min, double max) {
      this(name, meaning, min, max, List.of());
    }

    public static KindParameter choice(String name, String meaning, String... choices) {
      return new KindParameter(name, meaning, 0, 0, List.of(choices));
    }

    public boolean isChoice() {
      return !choices.isEmpty();
    }
  }
}
