package com.kpialign.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code sources.yaml}: every source with its declared schema, and the references and
 * derived attributes between sources, checked once all sources are read.
 */
public final class SourcesLoader {
  private SourcesLoader() {}

  public static List<SourceDefinition> read(ConfNode root) {
    root.onlyKeys("sources");
    List<SourceDefinition> out = new ArrayList<>();
    Map<String, ConfNode> nodes = new LinkedHashMap<>();
    for (ConfNode item : root.list("sources", true)) {
      SourceDefinition source = source(item);
      if (source != null) {
        if (nodes.containsKey(source.name())) {
          item.problem("name", "source '" + source.name() + "' is defined twice");
        }
        nodes.put(source.name(), item);
        out.add(source);
      }
    }
    SourceGraph graph = new SourceGraph(out);
    for (SourceDefinition source : out) {
      checkReferences(source, graph, nodes.get(source.name()));
      checkAttributes(source, graph, nodes.get(source.name()));
    }
    return out;
  }

  /**
   * Each reference names a source and as many of this source's columns as its primary key; each
   * collection as many of its source's columns as this source's primary key.
   */
  private static void checkReferences(SourceDefinition source, SourceGraph graph, ConfNode node) {
    for (Reference r : source.references()) {
      ConfNode at = node.object(r.many() ? "collections" : "references").entries().get(r.name());
      Optional<SourceDefinition> target = graph.source(r.source());
      if (target.isEmpty()) {
        at.problem("source", "unknown source '" + r.source() + "'");
        continue;
      }
      if (r.days().isPresent() && target.get().isDimension()) {
        at.problem("days", "applies to references to fact sources: a dimension is read whole, "
            + "as its latest snapshot");
      }
      if (target.get().history().isPresent() && (source.isDimension() || r.many())) {
        at.problem("source", "'" + r.source() + "' keeps a type-2 history, whose version is "
            + "chosen by a fact's event day; reference it (not as a collection) from a fact "
            + "source");
      }
      if (r.many()) {
        if (source.primaryKey().size() != r.columns().size()) {
          at.problem("columns", r.columns() + " must match the primary key of '" + source.name()
              + "', " + source.primaryKey() + ", column for column");
        }
        r.columns().stream().filter(c -> target.get().column(c).isEmpty()).forEach(c ->
            at.problem("columns", "column '" + c + "' is not in the schema of '" + r.source()
                + "'"));
        continue;
      }
      if (target.get().primaryKey().size() != r.columns().size()) {
        at.problem("columns", r.columns() + " must match the primary key of '" + r.source()
            + "', " + target.get().primaryKey() + ", column for column");
      }
      for (String column : r.columns()) {
        if (source.column(column).isEmpty()) {
          at.problem("columns", "column '" + column + "' is not in the schema of '"
              + source.name() + "'");
        }
      }
    }
  }

  /**
   * Each attribute parses and names only columns, earlier attributes of the source and paths
   * through its references.
   */
  private static void checkAttributes(SourceDefinition source, SourceGraph graph, ConfNode node) {
    Set<String> later = new HashSet<>(source.attributes().keySet());
    for (Map.Entry<String, String> a : source.attributes().entrySet()) {
      later.remove(a.getKey());
      ConfNode at = node.object("attributes");
      Set<String> used;
      try {
        used = SqlExpressions.references(SqlExpressions.parse(a.getValue()));
      } catch (Exception e) {
        at.problem(a.getKey(), "'" + a.getValue() + "' does not parse: "
            + SqlExpressions.firstLine(e));
        continue;
      }
      for (String path : used) {
        if (path.equals(a.getKey()) || later.contains(path)) {
          at.problem(a.getKey(), "'" + path + "' is not declared before attribute '"
              + a.getKey() + "'; an attribute may use the attributes above it");
        } else {
          Optional<String> problem = graph.problem(source.name(), path);
          problem.ifPresent(p -> at.problem(a.getKey(),
              "unknown column '" + path + "' in '" + a.getValue() + "': " + p));
          if (problem.isEmpty() && graph.isMultiValued(source.name(), path)) {
            at.problem(a.getKey(), "'" + path + "' goes through a collection, which has a set "
                + "of values per row; use it as a dimension instead");
          }
        }
      }
    }
  }

  private static SourceDefinition source(ConfNode node) {
    if (!node.isObject()) {
      node.problem("must be a mapping");
      return null;
    }
    node.onlyKeys("name", "kind", "format", "path", "dump", "history", "schedule", "since",
        "primary_key",
        "event_date", "timezone", "options", "schema", "references", "collections", "attributes",
        "description");
    String name = node.string("name");
    node.requireIdentifier("name", name);
    SourceKind kind = node.enumValue("kind", SourceKind.class, SourceKind.FACT,
        SourceKind::spelling);
    boolean dimension = kind == SourceKind.DIMENSION;
    SourceFormat format = node.enumValue("format", SourceFormat.class, null,
        SourceFormat::spelling);
    String path = node.string("path");
    if (path != null && !dimension && !path.contains(SourceDefinition.DATE_PLACEHOLDER)) {
      node.problem("path", "must contain " + SourceDefinition.DATE_PLACEHOLDER
          + " where the extract date goes, got '" + path + "'");
    }
    Schedule schedule = node.enumValue("schedule", Schedule.class,
        dimension ? Schedule.ON_ARRIVAL : Schedule.DAILY, Schedule::spelling);
    Optional<LocalDate> since = node.date("since");
    String timeZone = zone(node, "timezone").orElse(null);
    List<ColumnSpec> schema = schema(node, timeZone);
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
    String eventDate = dimension ? null : node.string("event_date");
    if (dimension && node.has("event_date")) {
      node.problem("event_date", "a dimension source has no event date: each delivery is a "
          + "snapshot of the rows as they are; remove it, or declare kind: fact");
    }
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
    List<Reference> references = new ArrayList<>(references(node, "references", columns, false));
    references.addAll(references(node, "collections", columns, true));
    Set<String> relationNames = new HashSet<>();
    references.stream().filter(r -> !relationNames.add(r.name())).forEach(r -> node.problem(
        "collections", "'" + r.name() + "' is both a reference and a collection"));
    Map<String, String> attributes = node.stringMap("attributes");
    for (String attribute : attributes.keySet()) {
      node.object("attributes").requireIdentifier(attribute, attribute);
      if (columns.contains(attribute)) {
        node.object("attributes").problem(attribute, "is a column of the schema already");
      }
    }
    if (name == null || kind == null || format == null || path == null) {
      return null;
    }
    Optional<SourceDefinition.Dump> dump = dump(node, dimension);
    if (dump.isPresent() && since.isPresent() && !since.get().isAfter(dump.get().through())) {
      node.problem("since", "must be after the dump's last day " + dump.get().through()
          + ": the daily extracts start after it");
    }
    Optional<SourceDefinition.History> history = history(node, dimension, schema);
    return new SourceDefinition(name, kind, format, path, schedule, since, primaryKey,
        eventDate, options, schema, references, attributes, dump, history);
  }

  /** {@code history: {valid_from: valid_from, valid_to: valid_to}}, on a dimension. */
  private static Optional<SourceDefinition.History> history(ConfNode node, boolean dimension,
      List<ColumnSpec> schema) {
    if (!node.has("history")) {
      return Optional.empty();
    }
    ConfNode history = node.object("history");
    history.onlyKeys("valid_from", "valid_to");
    if (!dimension) {
      node.problem("history", "applies to dimension sources: a fact's rows are its history");
    }
    String from = history.string("valid_from");
    Optional<String> to = history.optionalString("valid_to");
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("valid_from", from);
    to.ifPresent(t -> columns.put("valid_to", t));
    columns.forEach((key, column) -> {
      Optional<ColumnSpec> spec = schema.stream().filter(c -> c.name().equals(column))
          .findFirst();
      if (column != null && spec.isEmpty()) {
        history.problem(key, "column '" + column + "' is not in the schema");
      } else if (column != null && !spec.get().type().isTemporal()) {
        history.problem(key, "column '" + column + "' must be of type date or timestamp");
      }
    });
    return from == null ? Optional.empty()
        : Optional.of(new SourceDefinition.History(from, to));
  }

  /** {@code dump: {path: history/orders.csv, through: 2018-08-31}}. */
  private static Optional<SourceDefinition.Dump> dump(ConfNode node, boolean dimension) {
    if (!node.has("dump")) {
      return Optional.empty();
    }
    ConfNode dump = node.object("dump");
    dump.onlyKeys("path", "through");
    if (dimension) {
      node.problem("dump", "applies to fact sources: a dimension's delivery is its snapshot");
    }
    String path = dump.string("path");
    Optional<LocalDate> through = dump.date("through");
    if (through.isEmpty() && !dump.has("through")) {
      dump.problem("through", "is required: the last event day the dump holds");
    }
    return path == null || through.isEmpty() ? Optional.empty()
        : Optional.of(new SourceDefinition.Dump(path, through.get()));
  }

  /** A time-zone id (Europe/Berlin, UTC), or empty with the problem recorded. */
  public static Optional<String> zone(ConfNode node, String key) {
    Optional<String> text = node.optionalString(key);
    if (text.isPresent()) {
      try {
        return Optional.of(java.time.ZoneId.of(text.get()).getId());
      } catch (java.time.DateTimeException e) {
        node.problem(key, "'" + text.get() + "' is not a time-zone id (like UTC, Europe/Berlin "
            + "or America/Sao_Paulo)");
      }
    }
    return Optional.empty();
  }

  /**
   * {@code references: {customer: {source: customers, columns: [customer_id]}}}, or the same
   * shape under {@code collections} ({@code many}).
   */
  private static List<Reference> references(ConfNode node, String key, Set<String> columns,
      boolean many) {
    List<Reference> out = new ArrayList<>();
    if (!node.has(key)) {
      return out;
    }
    for (Map.Entry<String, ConfNode> e : node.object(key).entries().entrySet()) {
      ConfNode ref = e.getValue();
      if (!ref.isObject()) {
        ref.problem("must be a mapping {source, columns}");
        continue;
      }
      ref.onlyKeys("source", "columns", "days", "description");
      Optional<Integer> days = ref.number("days").map(d -> {
        if (d < 0 || d != Math.rint(d)) {
          ref.problem("days", "must be a whole number of days, 0 or more, got " + d);
        }
        return (int) Math.round(d);
      });
      node.object(key).requireIdentifier(e.getKey(), e.getKey());
      if (columns.contains(e.getKey())) {
        ref.problem("is also a column of the schema; name the reference after what it reaches "
            + "(customer for customer_id)");
      }
      String target = ref.string("source");
      List<String> refColumns = ref.strings("columns");
      if (refColumns.isEmpty()) {
        ref.problem("columns", many ? "is required: the columns of '" + target + "' holding "
            + "this source's primary key" : "is required: the columns holding the referenced "
            + "primary key");
      }
      if (target != null) {
        out.add(new Reference(e.getKey(), target, refColumns, many, days));
      }
    }
    return out;
  }

  private static List<ColumnSpec> schema(ConfNode source, String timeZone) {
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
        out.add(new ColumnSpec(name, type, nullable, type.isTemporal() ? pattern : null, allowed,
            type.kind() == ColumnType.Kind.TIMESTAMP ? timeZone : null));
      }
    }
    return out;
  }
}
