package com.kpialign.catalog;

/** The stakeholder groups of the Performance Prism a metric serves. */
public enum Stakeholder {
  INVESTORS, CUSTOMERS, EMPLOYEES, SUPPLIERS, REGULATORS, COMMUNITY;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
