package com.kpialign.config;

import java.util.List;

/**
 * One declared column of an extract. {@code format} is the date/timestamp pattern for temporal
 * columns; {@code allowed} (may be empty) is the closed set of values the column may take;
 * {@code timeZone} (timestamps only, may be null) is the zone a timestamp without an offset is
 * read in, its source's {@code timezone}; null: the reporting zone.
 */
public record ColumnSpec(String name, ColumnType type, boolean nullable, String format,
    List<String> allowed, String timeZone) {

  public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";
  public static final String DEFAULT_TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss";

  public ColumnSpec {
    allowed = List.copyOf(allowed);
  }

  public ColumnSpec(String name, ColumnType type, boolean nullable, String format,
      List<String> allowed) {
    this(name, type, nullable, format, allowed, null);
  }
}
