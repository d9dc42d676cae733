package com.kpialign.config;

import java.util.List;

/**
 * One declared column of an extract. {@code format} is the date/timestamp pattern for temporal
 * columns; {@code allowed} (may be empty) is the closed set of values the column may take.
 */
public record ColumnSpec(String name, ColumnType type, boolean nullable, String format,
    List<String> allowed) {

  public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";
  public static final String DEFAULT_TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss";

  public ColumnSpec {
    allowed = List.copyOf(allowed);
  }
}
