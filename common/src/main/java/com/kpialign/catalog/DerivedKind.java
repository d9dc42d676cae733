package com.kpialign.catalog;

import com.kpialign.config.ConfNode;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * A kind computed from other metrics' values of the same grain, period and slice: it declares
 * the parts it reads, how its value (and the numerator and denominator it publishes) follows from
 * theirs, and which keys of its definition name the parts.
 */
public abstract non-sealed class DerivedKind implements MetricKind {

  /** The key that names the parts in {@code metrics.yaml}, for problems about them. */
  public abstract String partsKey();

  /**
   * Records on {@code node} what is missing or wrong in the keys that name the parts; the parts'
   * existence is checked once every metric is read.
   */
  abstract void check(ConfNode node, Optional<String> numerator, Optional<String> denominator,
      Optional<String> expression);

  /** Whether the definition names its parts well enough to list them. */
  public abstract boolean hasParts(MetricDefinition m);

  /**
   * The value from the parts' values; {@code part} is the column holding a part's value.
   */
  public abstract Column value(MetricDefinition m, java.util.function.Function<String, Column> part);

  /** The numerator and denominator published beside the value (doubles, or nulls). */
  public abstract List<Column> published(MetricDefinition m,
      java.util.function.Function<String, Column> part);

  @Override
  public boolean isAdditiveOverDays(MetricDefinition m) {
    return false;
  }
}
