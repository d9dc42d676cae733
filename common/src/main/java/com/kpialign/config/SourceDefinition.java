package com.kpialign.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One warehouse extract: its kind (facts or a dimension), where its file for a date lies
 * ({@code path} relative to the environment's landing zone, with {@code {date}} standing for the
 * extract date), its format, delivery schedule, the first date it is delivered ({@code since},
 * empty: always), declared schema, primary key, event-date column (null for a dimension), reader
 * options, the sources it references and the attributes derived from its columns and theirs
 * ({@code name -> SQL expression}, in declaration order).
 */
public record SourceDefinition(String name, SourceKind kind, SourceFormat format, String path,
    Schedule schedule, Optional<LocalDate> since, List<String> primaryKey, String eventDate,
    Map<String, String> options, List<ColumnSpec> schema, List<Reference> references,
    Map<String, String> attributes, Optional<Dump> dump, Optional<History> history) {

  /**
   * A dimension's type-2 history: each row is a version of its key's attributes, valid from
   * {@code validFrom} until {@code validTo} (empty column or null: until the next version).
   */
  public record History(String validFrom, Optional<String> validTo) {}

  /**
   * One file (or folder) holding the source's rows of every event day up to {@code through},
   * delivered once instead of a file per day; the daily extracts start the day after.
   */
  public record Dump(String path, LocalDate through) {}

  public static final String DATE_PLACEHOLDER = "{date}";

  public SourceDefinition {
    primaryKey = List.copyOf(primaryKey);
    options = Map.copyOf(options);
    schema = List.copyOf(schema);
    references = List.copyOf(references);
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
  }

  /** A fact source without references or attributes. */
  public SourceDefinition(String name, SourceFormat format, String path, Schedule schedule,
      Optional<LocalDate> since, List<String> primaryKey, String eventDate,
      Map<String, String> options, List<ColumnSpec> schema) {
    this(name, SourceKind.FACT, format, path, schedule, since, primaryKey, eventDate, options,
        schema, List.of(), Map.of(), Optional.empty(), Optional.empty());
  }

  public boolean isDimension() {
    return kind == SourceKind.DIMENSION;
  }

  /**
   * What identifies one delivered row: the primary key, and for a type-2 history also the day
   * its version starts.
   */
  public List<String> rowKey() {
    if (history.isEmpty()) {
      return primaryKey;
    }
    List<String> key = new java.util.ArrayList<>(primaryKey);
    key.add(history.get().validFrom());
    return key;
  }

  public Optional<Reference> reference(String referenceName) {
    return references.stream().filter(r -> r.name().equals(referenceName)).findFirst();
  }

  /**
   * The extract's path for {@code date}, relative to the landing zone (a dimension's path may
   * have no date: one file, read as it is on the run date).
   */
  public String pathFor(LocalDate date) {
    return path.replace(DATE_PLACEHOLDER, date.toString());
  }

  /** Whether rows of this source are expected for {@code date}: from the dump, or an extract. */
  public boolean deliversOn(LocalDate date) {
    return isDumpDay(date) || schedule.deliversOn(date)
        && since.map(first -> !date.isBefore(first)).orElse(true);
  }

  /** Whether {@code date}'s rows come from the dump rather than an extract of its own. */
  public boolean isDumpDay(LocalDate date) {
    return dump.map(d -> !date.isAfter(d.through())).orElse(false);
  }

  public Optional<ColumnSpec> column(String columnName) {
    return schema.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
