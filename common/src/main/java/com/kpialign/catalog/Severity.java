package com.kpialign.catalog;

/** What a failed data-quality check does: {@code error} stops the metric, {@code warning} notes. */
public enum Severity {
  ERROR, WARNING;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
