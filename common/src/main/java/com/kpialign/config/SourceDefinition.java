package com.kpialign.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One warehouse extract: where its file for a date lies ({@code path} relative to the
 * environment's landing zone, with {@code {date}} standing for the extract date), its format,
 * delivery schedule, the first date it is delivered ({@code since}, empty: always), declared
 * schema, primary key, event-date column and reader options.
 */
public record SourceDefinition(String name, SourceFormat format, String path, Schedule schedule,
    Optional<LocalDate> since, List<String> primaryKey, String eventDate,
    Map<String, String> options, List<ColumnSpec> schema) {

  public static final String DATE_PLACEHOLDER = "{date}";

  public SourceDefinition {
    primaryKey = List.copyOf(primaryKey);
    options = Map.copyOf(options);
    schema = List.copyOf(schema);
  }

  /** The extract's path for {@code date}, relative to the landing zone. */
  public String pathFor(LocalDate date) {
    return path.replace(DATE_PLACEHOLDER, date.toString());
  }

  /** Whether an extract of this source is expected for {@code date}. */
  public boolean deliversOn(LocalDate date) {
    return schedule.deliversOn(date) && since.map(first -> !date.isBefore(first)).orElse(true);
  }

  public Optional<ColumnSpec> column(String columnName) {
    return schema.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
