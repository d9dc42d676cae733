package com.kpialign.catalog;

import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * A kind that reads a source: it declares the mergeable state it keeps per day and slice (the
 * columns of {@code kpi.metric_day_state}), how that state is aggregated from source rows, how
 * states merge (finest rows into a slice, days into a week), and how a merged state becomes a
 * value. Deequ's analyzers are the model: the computation fuses every metric of a source into one
 * aggregation, each metric reading its own columns of the result.
 */
public abstract non-sealed class AggregateKind implements MetricKind {
  /** Exact sums: decimal, so a sum does not depend on how rows were partitioned. */
  public static final DecimalType AMOUNT = DataTypes.createDecimalType(38, 6);

  /**
   * A metric's state as columns of the day-state table: {@code numerator} and {@code denominator}
   * (decimal sums and counts), {@code sketch} (a binary mergeable sketch). A column the kind does
   * not keep is a typed null.
   */
  public record State(Column numerator, Column denominator, Column sketch) {
    public static Column noNumber() {
      return lit(null).cast(AMOUNT);
    }

    public static Column noSketch() {
      return lit(null).cast(DataTypes.BinaryType);
    }
  }

  /** What a metric aggregates from each source row. */
  public record Input(Column counted, Optional<Column> measured) {}

  /**
   * Whether the metric needs an {@code expression} (a count may count rows; a distinct count may
   * count an entity's key instead).
   */
  public boolean needsExpression() {
    return true;
  }

  /** Whether the metric may count a shared {@code entity}. */
  public boolean countsEntity() {
    return false;
  }

  /**
   * The state of the rows of one group, as aggregate expressions over source rows:
   * {@code counted} is the metric's filter, {@code measured} its expression (or its entity's key).
   */
  public abstract State aggregate(Input input);

  /** States merged into one, as aggregate expressions over state columns. */
  public abstract State merge(State states);

  /**
   * Whether the metric over no rows is 0 (a sum, a count) rather than undefined (an average, a
   * percentile): where another part of a ratio or formula has a value, a missing one reads 0.
   */
  public abstract boolean isZeroOverNoRows();

  /** The value of a merged state. */
  public abstract Column value(MetricDefinition m, State merged);

  /**
   * The numerator and denominator published beside the value in {@code kpi.metric_values}
   * (doubles, or nulls): an average's sum and count, a percentile's number of values.
   */
  public abstract List<Column> published(State merged);

  /**
   * The per-row value whose daily sum is the metric's daily value, for the data-quality checks
   * that judge it (anomaly, reconcile); empty when a day's value is not a sum over its rows.
   */
  public Optional<Column> rowValue(MetricDefinition m) {
    return Optional.empty();
  }

  @Override
  public List<String> parts(MetricDefinition m) {
    return List.of();
  }

  @Override
  public Optional<List<String>> localizedOnParts(MetricDefinition m) {
    return Optional.empty();
  }

  static Column noDouble() {
    return lit(null).cast("double");
  }
}
