package com.kpialign.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code sources.yaml}: every source with its declared schema. */
public final class SourcesLoader {
  private SourcesLoader() {}

  public static List<SourceDefinition> read(ConfNode root) {
    root.onlyKeys("sources");
    List<SourceDefinition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfNode item : root.list("sources", true)) {
      SourceDefinition source = source(item);
      if (source != null) {
        if (!names.add(source.name())) {
          item.problem("name", "source '" + source.name() + "' is defined twice");
        }
        out.add(source);
      }
    }
    return out;
  }

  private static SourceDefinition source(ConfNode node) {
    if (!node.isObject()) {
      node.problem("must be a mapping");
      return null;
    }
    node.onlyKeys("name", "format", "path", "schedule", "since", "primary_key", "event_date",
        "options", "schema", "description");
    String name = node.string("name");
    node.requireIdentifier("name", name);
    SourceFormat format = node.enumValue("format", SourceFormat.class, null,
        SourceFormat::spelling);
    String path = node.string("path");
    if (path != null && !path.contains(SourceDefinition.DATE_PLACEHOLDER)) {
      node.problem("path", "must contain " + SourceDefinition.DATE_PLACEHOLDER
          + " where the extract date goes, got '" + path + "'");
    }
    Schedule schedule = node.enumValue("schedule", Schedule.class, Schedule.DAILY,
        Schedule::spelling);
    Optional<LocalDate> since = node.date("since");
    List<ColumnSpec> schema = schema(node);
    Set<String> columns = new HashSet<>();
    schema.forEach(c -> columns.add(c.name()));

    List<String> primaryKey = node.strings("primary_key");
    if (primaryKey.isEmpty()) {
      node.problem("primary_key", "is required (one or more schema columns)");
    }
    for (String column : primaryKey) {
      if (!schema.isEmpty() && !columns.contains(column)) {
        node.problem("primary_key", "column '" + column + "' is not in the schema");
      }
    }
    String eventDate = node.string("event_date");
    if (eventDate != null && !schema.isEmpty()) {
      Optional<ColumnSpec> column = schema.stream().filter(c -> c.name().equals(eventDate))
          .findFirst();
      if (column.isEmpty()) {
        node.problem("event_date", "column '" + eventDate + "' is not in the schema");
      } else if (!column.get().type().isTemporal()) {
        node.problem("event_date", "column '" + eventDate + "' must be of type date or timestamp");
      }
    }
    Map<String, String> options = node.stringMap("options");
    if (name == null || format == null || path == null) {
      return null;
    }
    return new SourceDefinition(name, format, path, schedule, since, primaryKey, eventDate,
        options, schema);
  }

  private static List<ColumnSpec> schema(ConfNode source) {
    List<ConfNode> items = source.list("schema", false);
    if (items.isEmpty()) {
      source.problem("schema", "is required: a source without a declared schema cannot be "
          + "enforced (list of {name, type, nullable})");
      return List.of();
    }
    List<ColumnSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfNode item : items) {
      if (!item.isObject()) {
        item.problem("must be a mapping {name, type, nullable}");
        continue;
      }
      item.onlyKeys("name", "type", "nullable", "format", "allowed", "description");
      String name = item.string("name");
      if (name != null && !ConfNode.isIdentifier(name)) {
        item.requireIdentifier("name", name);
      } else if (name != null && name.startsWith("_")) {
        item.problem("name", "names starting with '_' are reserved for audit columns");
      }
      if (name != null && !names.add(name)) {
        item.problem("name", "column '" + name + "' is declared twice");
      }
      String typeText = item.string("type");
      ColumnType type = null;
      if (typeText != null) {
        type = ColumnType.parse(typeText).orElse(null);
        if (type == null) {
          item.problem("type", "'" + typeText + "' is not one of " + ColumnType.SPELLINGS);
        }
      }
      boolean nullable = item.bool("nullable", true);
      Optional<String> format = item.optionalString("format");
      if (format.isPresent() && type != null && !type.isTemporal()) {
        item.problem("format", "applies to date and timestamp columns only");
      }
      List<String> allowed = item.strings("allowed");
      if (!allowed.isEmpty() && type != null && type.kind() != ColumnType.Kind.STRING) {
        item.problem("allowed", "applies to string columns only");
      }
      if (name != null && type != null) {
        String pattern = format.orElse(type.kind() == ColumnType.Kind.TIMESTAMP
            ? ColumnSpec.DEFAULT_TIMESTAMP_FORMAT : ColumnSpec.DEFAULT_DATE_FORMAT);
        out.add(new ColumnSpec(name, type, nullable, type.isTemporal() ? pattern : null, allowed));
      }
    }
    return out;
  }
}
