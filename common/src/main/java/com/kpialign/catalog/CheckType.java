package com.kpialign.catalog;

/** The kinds of data-quality check a catalog entry can declare on its source. */
public enum CheckType {
  /** The column is never null. */
  COMPLETE,
  /** The column (or the source's key) never repeats. */
  UNIQUE,
  /** Values are in the column's {@code allowed} set of the source schema. */
  ALLOWED,
  /** The column is never below zero. */
  NON_NEGATIVE,
  /** Values lie in [min, max]. */
  RANGE,
  /** Every value of the column exists in {@code reference} (source.column). */
  REFERENCE,
  /** The metric agrees with {@code reference} (another metric) within {@code tolerance}. */
  RECONCILE,
  /** The source's daily row count is not anomalous against its own history. */
  ROW_COUNT_ANOMALY,
  /** The metric's daily value is not anomalous against its own history. */
  METRIC_ANOMALY;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
