package com.kpialign.config;

import java.util.Locale;

/**
 * What a source holds. A {@code fact} source holds events, each on an event date, delivered per
 * day and appended day by day. A {@code dimension} source holds reference data (customers,
 * products, a lookup table): rows identified by their primary key and no event date, each
 * delivery a full snapshot that replaces the previous one.
 */
public enum SourceKind {
  FACT, DIMENSION;

  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }
}
