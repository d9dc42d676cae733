package com.kpialign.catalog;

/** The four perspectives of the Balanced Scorecard. */
public enum Perspective {
  FINANCIAL, CUSTOMER, INTERNAL_PROCESS, LEARNING_AND_GROWTH;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
