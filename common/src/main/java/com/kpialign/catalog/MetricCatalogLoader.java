package com.kpialign.catalog;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.ConfNode;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceGraph;
import com.kpialign.config.SqlExpressions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.expressions.Expression;

/**
 * Reads {@code metrics.yaml} into a {@link MetricCatalog} and checks it against the sources:
 * duplicate ids, unknown sources, columns and dimensions, expressions that do not parse, ratio and
 * formula parts that do not exist, cycles among them, missing owner or perspective. Every problem
 * is recorded on the node (file, {@code metrics.<id>.<key>}); nothing is thrown here.
 */
public final class MetricCatalogLoader {

  private final Map<String, SourceDefinition> sources = new LinkedHashMap<>();
  private final SourceGraph graph;

  private MetricCatalogLoader(List<SourceDefinition> sources) {
    sources.forEach(s -> this.sources.put(s.name(), s));
    this.graph = new SourceGraph(sources);
  }

  public static MetricCatalog read(ConfNode root, List<SourceDefinition> sources) {
    return new MetricCatalogLoader(sources).catalog(root);
  }

  private MetricCatalog catalog(ConfNode root) {
    root.onlyKeys("entities", "metrics");
    List<EntityDefinition> entities = new ArrayList<>();
    Set<String> entityIds = new HashSet<>();
    for (ConfNode item : root.list("entities", false)) {
      EntityDefinition entity = entity(item);
      if (entity != null && !entityIds.add(entity.id())) {
        item.problem("entity '" + entity.id() + "' is defined twice");
      } else if (entity != null) {
        entities.add(entity);
      }
    }
    Map<String, MetricDefinition> metrics = new LinkedHashMap<>();
    Map<String, ConfNode> nodes = new HashMap<>();
    Set<String> declared = new HashSet<>();
    for (ConfNode item : root.list("metrics", true)) {
      item.optionalString("id").ifPresent(declared::add);
    }
    for (ConfNode item : root.list("metrics", true)) {
      MetricDefinition metric = metric(item, entities);
      if (metric == null) {
        continue;
      }
      if (metrics.containsKey(metric.id())) {
        item.withKey("metrics." + metric.id()).problem("metric '" + metric.id()
            + "' is defined twice; a metric is defined once for the whole company");
        continue;
      }
      metrics.put(metric.id(), metric);
      nodes.put(metric.id(), item.withKey("metrics." + metric.id()));
    }
    checkParts(metrics, nodes, declared);
    checkValueChecks(metrics, nodes);
    return new MetricCatalog(entities, dependencyOrder(metrics, nodes), graph);
  }

  /** A list item with its id, reported from here on as {@code <list>.<id>}. */
  private record Item(String id, ConfNode node) {}

  /** The item and its id, or null (with the problem recorded) if it has no usable id. */
  private static Item item(ConfNode node, String list) {
    if (!node.isObject()) {
      node.problem("must be a mapping");
      return null;
    }
    String id = node.string("id");
    if (id == null) {
      return null;
    }
    ConfNode named = node.withKey(list + "." + id);
    if (!ConfNode.isIdentifier(id)) {
      named.problem("id '" + id + "' must be a lower-case identifier ([a-z][a-z0-9_]*)");
    }
    return new Item(id, named);
  }

  private EntityDefinition entity(ConfNode node) {
    Item item = item(node, "entities");
    if (item == null) {
      return null;
    }
    String id = item.id();
    ConfNode e = item.node();
    e.onlyKeys("id", "description", "source", "key", "filter");
    String description = e.string("description");
    String source = e.string("source");
    String key = e.string("key");
    Optional<String> filter = e.optionalString("filter");
    SourceDefinition definition = source == null ? null : knownSource(e, source);
    if (definition != null) {
      columnsOf(e, "key", key, definition);
      filter.ifPresent(f -> columnsOf(e, "filter", f, definition));
    }
    return new EntityDefinition(id, description, source, key, filter);
  }

  private MetricDefinition metric(ConfNode node, List<EntityDefinition> entities) {
    Item item = item(node, "metrics");
    if (item == null) {
      return null;
    }
    String id = item.id();
    ConfNode m = item.node();
    List<String> keys = new ArrayList<>(List.of("id", "name", "description", "vertical", "owner",
        "unit", "direction", "band", "perspective", "stakeholders", "kind", "source", "expression",
        "filter", "entity", "numerator", "denominator", "event_date", "dimensions",
        "dimension_pairs", "reviewed_on", "checks", "range"));
    keys.addAll(MetricKinds.parameterNames());
    m.onlyKeys(keys.toArray(String[]::new));
    String name = m.string("name");
    String description = m.string("description");
    String vertical = m.string("vertical");
    String owner = m.string("owner");
    String unit = m.string("unit");
    Direction direction = m.enumValue("direction", Direction.class, null, Direction::spelling);
    Optional<MetricDefinition.Band> band = band(m, direction);
    Perspective perspective = m.enumValue("perspective", Perspective.class, null,
        Perspective::spelling);
    List<Stakeholder> stakeholders = stakeholders(m);
    MetricKind kind = MetricKinds.parse(m, "kind");
    Optional<String> source = m.optionalString("source");
    Optional<String> expression = m.optionalString("expression");
    Optional<String> filter = m.optionalString("filter");
    Optional<String> entity = m.optionalString("entity");
    Optional<String> numerator = m.optionalString("numerator");
    Optional<String> denominator = m.optionalString("denominator");
    Optional<String> eventDate = m.optionalString("event_date");
    List<String> dimensions = m.strings("dimensions");
    List<List<String>> pairs = pairs(m, dimensions);
    Optional<LocalDate> reviewedOn = m.date("reviewed_on");
    List<CheckDefinition> checks = new ArrayList<>();
    Map<String, Object> parameters = parameters(m, kind);
    kind = kind == null ? null : kind.variant(parameters);

    if (kind instanceof AggregateKind aggregate) {
      Optional<EntityDefinition> counted = entity.flatMap(e -> entities.stream()
          .filter(x -> x.id().equals(e)).findFirst());
      if (entity.isPresent() && counted.isEmpty()) {
        m.problem("entity", "unknown entity '" + entity.get() + "'; defined: "
            + entities.stream().map(EntityDefinition::id).toList());
      }
      if (entity.isPresent() && !aggregate.countsEntity()) {
        m.problem("entity", "only a count_distinct metric counts an entity");
      }
      if (source.isEmpty() && counted.isPresent()) {
        source = Optional.of(counted.get().source());
      }
      if (source.isEmpty()) {
        m.problem("source", "is required for a " + kind.spelling() + " metric");
      }
      boolean needsExpression = aggregate.needsExpression() && entity.isEmpty();
      if (needsExpression && expression.isEmpty()) {
        m.problem("expression", "is required for a " + kind.spelling() + " metric");
      }
      if (counted.isPresent() && source.isPresent()
          && !counted.get().source().equals(source.get())) {
        m.problem("entity", "entity '" + counted.get().id() + "' is defined on source '"
            + counted.get().source() + "', not '" + source.get() + "'");
      }
      numerator.ifPresent(x -> m.problem("numerator", "applies to ratio metrics only"));
      denominator.ifPresent(x -> m.problem("denominator", "applies to ratio metrics only"));
      SourceDefinition definition = source.map(s -> knownSource(m, s)).orElse(null);
      if (definition != null) {
        expression.ifPresent(e -> columnsOf(m, "expression", e, definition));
        filter.ifPresent(f -> columnsOf(m, "filter", f, definition));
        String dateColumn = eventDate.orElse(definition.eventDate());
        // a metric may be dated by a referenced row's date (an item by its order's day)
        Optional<String> unreachable = dateColumn == null ? Optional.empty()
            : graph.problem(definition.name(), dateColumn);
        Optional<ColumnSpec> column = dateColumn == null || unreachable.isPresent()
            ? Optional.empty() : graph.owner(definition.name(), dateColumn)
                .column(dateColumn.substring(dateColumn.lastIndexOf('.') + 1));
        if (dateColumn == null) {
          m.problem("event_date", "is required: '" + definition.name() + "' is a dimension "
              + "source without an event date; name a date column of the metric's rows");
        } else if (unreachable.isPresent() && !dateColumn.contains(".")) {
          m.problem("event_date", "column '" + dateColumn + "' is not in source '"
              + definition.name() + "'");
        } else if (unreachable.isPresent()) {
          m.problem("event_date", "unknown column '" + dateColumn + "': " + unreachable.get());
        } else if (column.isEmpty() || !column.get().type().isTemporal()) {
          m.problem("event_date", "column '" + dateColumn + "' must be a date or timestamp");
        } else if (graph.isMultiValued(definition.name(), dateColumn)) {
          m.problem("event_date", "'" + dateColumn + "' goes through a collection: a row must "
              + "have one event date");
        }
        boolean known = true;
        for (String dimension : dimensions) {
          Optional<String> problem = graph.problem(definition.name(), dimension);
          problem.ifPresent(p -> m.problem("dimensions", "unknown dimension '" + dimension
              + "': " + p));
          known &= problem.isEmpty();
        }
        for (List<String> pair : known ? pairs : List.<List<String>>of()) {
          if (pair.stream().allMatch(d -> graph.isMultiValued(definition.name(), d))) {
            m.problem("dimension_pairs", pair + " are both multi-valued (each crosses a "
                + "collection); a pair may hold one");
          }
        }
        checks = checks(m, definition);
      }
    } else if (kind instanceof DerivedKind derived) {
      derived.check(m, numerator, denominator, expression);
      derivedHasNoSource(m, source, entity, eventDate);
    }
    if (kind instanceof DerivedKind) {
      filter.ifPresent(x -> m.problem("filter", "applies to aggregate metrics only"));
      if (m.has("checks")) {
        m.problem("checks", "declare data-quality checks on the metrics a "
            + kind.spelling() + " is computed from");
      }
    }
    if (name == null || vertical == null || owner == null || direction == null
        || perspective == null || kind == null || unit == null || description == null) {
      return null;
    }
    return new MetricDefinition(id, name, description, vertical, owner, unit, direction, band,
        perspective, stakeholders, kind, parameters, source, expression, filter, entity,
        numerator, denominator, eventDate, dimensions, pairs, reviewedOn, checks, range(m));
  }

  /** The kind's parameters, each required and within its range; another kind's are refused. */
  private static Map<String, Object> parameters(ConfNode m, MetricKind kind) {
    Map<String, Object> out = new java.util.TreeMap<>();
    List<MetricKind.KindParameter> own = kind == null ? List.of() : kind.parameters();
    for (String name : MetricKinds.parameterNames()) {
      if (own.stream().noneMatch(p -> p.name().equals(name)) && m.has(name) && kind != null) {
        m.problem(name, "does not apply to a " + kind.spelling() + " metric");
      }
    }
    for (MetricKind.KindParameter p : own) {
      if (p.isChoice()) {
        String choice = m.optionalString(p.name()).orElse(p.choices().get(0));
        if (!p.choices().contains(choice)) {
          m.problem(p.name(), "'" + choice + "' is not one of " + p.choices() + ": "
              + p.meaning());
        }
        out.put(p.name(), choice);
        continue;
      }
      Optional<Double> value = m.number(p.name());
      if (value.isEmpty()) {
        if (!m.has(p.name())) {
          m.problem(p.name(), "is required for a " + kind.spelling() + " metric: " + p.meaning());
        }
      } else if (value.get() < p.min() || value.get() > p.max()) {
        m.problem(p.name(), value.get() + " is outside [" + p.min() + ", " + p.max() + "]: "
            + p.meaning());
      } else {
        out.put(p.name(), value.get());
      }
    }
    return out;
  }

  private static void derivedHasNoSource(ConfNode m, Optional<String> source,
      Optional<String> entity, Optional<String> eventDate) {
    source.ifPresent(x -> m.problem("source", "a derived metric reads its parts, not a source"));
    entity.ifPresent(x -> m.problem("entity", "only a count_distinct metric counts an entity"));
    eventDate.ifPresent(x -> m.problem("event_date", "a derived metric takes its parts' dates"));
  }

  private static Optional<MetricDefinition.Band> band(ConfNode m, Direction direction) {
    if (direction != Direction.BAND) {
      if (m.has("band")) {
        m.problem("band", "applies only when direction is band");
      }
      return Optional.empty();
    }
    ConfNode band = m.object("band");
    band.onlyKeys("low", "high");
    Optional<Double> low = band.number("low");
    Optional<Double> high = band.number("high");
    if (low.isEmpty() || high.isEmpty()) {
      band.problem("needs both low and high");
      return Optional.empty();
    }
    if (low.get() >= high.get()) {
      band.problem("low " + low.get() + " must be below high " + high.get());
    }
    return Optional.of(new MetricDefinition.Band(low.get(), high.get()));
  }

  /** {@code range: {min, max}}: the values a metric can take, both bounds required. */
  private static Optional<MetricDefinition.Range> range(ConfNode m) {
    if (!m.has("range")) {
      return Optional.empty();
    }
    ConfNode range = m.object("range");
    range.onlyKeys("min", "max");
    Optional<Double> min = range.number("min");
    Optional<Double> max = range.number("max");
    if (min.isEmpty() || max.isEmpty()) {
      range.problem("needs both min and max (a rate: {min: 0, max: 1})");
      return Optional.empty();
    }
    if (min.get() >= max.get()) {
      range.problem("min " + min.get() + " must be below max " + max.get());
    }
    return Optional.of(new MetricDefinition.Range(min.get(), max.get()));
  }

  private static List<Stakeholder> stakeholders(ConfNode m) {
    List<Stakeholder> out = new ArrayList<>();
    List<String> allowed = java.util.Arrays.stream(Stakeholder.values())
        .map(Stakeholder::spelling).toList();
    for (String s : m.strings("stakeholders")) {
      if (allowed.contains(s)) {
        out.add(Stakeholder.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
      } else {
        m.problem("stakeholders", "'" + s + "' is not one of " + allowed);
      }
    }
    if (out.isEmpty() && m.strings("stakeholders").isEmpty()) {
      m.problem("stakeholders", "is required: the Performance Prism stakeholders it serves");
    }
    return out;
  }

  private static List<List<String>> pairs(ConfNode m, List<String> dimensions) {
    List<List<String>> out = new ArrayList<>();
    for (ConfNode item : m.list("dimension_pairs", false)) {
      List<String> pair = new ArrayList<>();
      if (item.isObject()) {
        item.problem("must be a list of two dimensions");
        continue;
      }
      for (ConfNode part : item.listItems()) {
        String d = part.asString();
        if (d != null) {
          pair.add(d);
        }
      }
      if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
        item.problem("must be two different dimensions, got " + pair);
      } else if (!dimensions.containsAll(pair)) {
        item.problem("both dimensions of " + pair + " must be among the metric's dimensions "
            + dimensions);
      } else {
        out.add(pair);
      }
    }
    return out;
  }

  private List<CheckDefinition> checks(ConfNode m, SourceDefinition source) {
    List<CheckDefinition> out = new ArrayList<>();
    for (ConfNode c : m.list("checks", false)) {
      if (!c.isObject()) {
        c.problem("must be a mapping {type, column, severity, ...}");
        continue;
      }
      c.onlyKeys("type", "column", "min", "max", "reference", "tolerance", "severity");
      CheckType type = c.enumValue("type", CheckType.class, null, CheckType::spelling);
      Optional<String> column = c.optionalString("column");
      column.ifPresent(col -> {
        if (source.column(col).isEmpty()) {
          c.problem("column", "column '" + col + "' is not in source '" + source.name() + "'");
        }
      });
      Optional<Double> min = c.number("min");
      Optional<Double> max = c.number("max");
      Optional<String> reference = c.optionalString("reference");
      Optional<Double> tolerance = c.number("tolerance");
      Severity severity = c.enumValue("severity", Severity.class, Severity.ERROR,
          Severity::spelling);
      if (type == null) {
        continue;
      }
      boolean needsColumn = switch (type) {
        case COMPLETE, ALLOWED, NON_NEGATIVE, RANGE, REFERENCE -> true;
        default -> false;
      };
      if (needsColumn && column.isEmpty()) {
        c.problem("column", "is required for a " + type.spelling() + " check");
      }
      if (type == CheckType.ALLOWED && column.flatMap(source::column)
          .filter(spec -> !spec.allowed().isEmpty()).isEmpty()) {
        c.problem("column", "an allowed check needs a column with `allowed` values in "
            + "sources.yaml");
      }
      if (type == CheckType.COMPLETE && min.filter(v -> v < 0 || v > 1).isPresent()) {
        c.problem("min", "is the least share of complete rows, between 0 and 1");
      }
      if (type == CheckType.RANGE && min.isEmpty() && max.isEmpty()) {
        c.problem("a range check needs min, max or both");
      }
      if ((type == CheckType.REFERENCE || type == CheckType.RECONCILE) && reference.isEmpty()) {
        c.problem("reference", "is required for a " + type.spelling() + " check");
      }
      if (type == CheckType.REFERENCE && reference.isPresent()) {
        String[] parts = reference.get().split("\\.", 2);
        SourceDefinition other = parts.length == 2 ? sources.get(parts[0]) : null;
        if (other == null || other.column(parts[1]).isEmpty()) {
          c.problem("reference", "'" + reference.get() + "' must be source.column of a known "
              + "source");
        }
      }
      if (type == CheckType.RECONCILE && tolerance.isEmpty()) {
        c.problem("tolerance", "is required for a reconcile check (relative, e.g. 0.01)");
      }
      out.add(new CheckDefinition(type, column, min, max, reference, tolerance, severity));
    }
    return out;
  }

  private SourceDefinition knownSource(ConfNode node, String source) {
    SourceDefinition definition = sources.get(source);
    if (definition == null) {
      node.problem("source", "unknown source '" + source + "'; defined in sources.yaml: "
          + sources.keySet());
    }
    return definition;
  }

  /** Parses {@code text} and reports every column it names that the source lacks. */
  private static void columnsOf(ConfNode node, String key, String text, SourceDefinition source) {
    Expression parsed = parsed(node, key, text);
    if (parsed == null) {
      return;
    }
    for (String column : SqlExpressions.references(parsed)) {
      if (source.column(column).isEmpty()) {
        node.problem(key, "unknown column '" + column + "' in '" + text + "': source '"
            + source.name() + "' has " + source.schema().stream().map(ColumnSpec::name).toList());
      }
    }
  }

  /** The parsed expression, or null with the problem recorded on {@code key}. */
  static Expression parsed(ConfNode node, String key, String text) {
    try {
      return SqlExpressions.parse(text);
    } catch (Exception e) {
      node.problem(key, "'" + text + "' does not parse: " + SqlExpressions.firstLine(e));
      return null;
    }
  }

  /**
   * Anomaly and reconcile checks judge a metric's daily value, which validation computes with
   * Deequ as a sum over the source: only {@code sum} and {@code count} metrics have one.
   */
  private static void checkValueChecks(Map<String, MetricDefinition> metrics,
      Map<String, ConfNode> nodes) {
    for (MetricDefinition m : metrics.values()) {
      for (CheckDefinition c : m.checks()) {
        if ((c.type() == CheckType.METRIC_ANOMALY || c.type() == CheckType.RECONCILE)
            && !hasDailySum(m)) {
          nodes.get(m.id()).problem("checks", "a " + c.type().spelling() + " check needs a sum "
              + "or count metric, '" + m.id() + "' is " + m.kind().spelling());
        }
        if (c.type() == CheckType.RECONCILE && c.reference().isPresent()) {
          MetricDefinition other = metrics.get(c.reference().get());
          if (other == null || !hasDailySum(other)) {
            nodes.get(m.id()).problem("checks", "reconcile reference '" + c.reference().get()
                + "' must be a sum or count metric of the catalog");
          }
        }
      }
    }
  }

  private static boolean hasDailySum(MetricDefinition m) {
    return m.kind() instanceof AggregateKind a && a.rowValue(m).isPresent();
  }

  /** Parts must exist; a part that is declared but invalid was reported on its own already. */
  private static void checkParts(Map<String, MetricDefinition> metrics,
      Map<String, ConfNode> nodes, Set<String> declared) {
    for (MetricDefinition m : metrics.values()) {
      if (!(m.kind() instanceof DerivedKind derived) || !derived.hasParts(m)) {
        continue;
      }
      List<String> parts;
      try {
        parts = m.parts();
      } catch (Exception e) {
        continue; // already reported as not parsing
      }
      ConfNode node = nodes.get(m.id());
      for (String part : parts) {
        MetricDefinition p = metrics.get(part);
        if (p == null && !declared.contains(part)) {
          node.problem(derived.partsKey(),
              "unknown metric '" + part + "'");
        } else if (p != null) {
          Set<String> missing = new LinkedHashSet<>(m.dimensions());
          missing.removeAll(p.dimensions());
          if (!missing.isEmpty()) {
            node.problem("dimensions", "dimension(s) " + missing + " cannot be sliced: part '"
                + part + "' has dimensions " + p.dimensions());
          }
        }
      }
    }
  }

  /** Metrics ordered so that parts come first; a cycle is reported with its path. */
  private static List<MetricDefinition> dependencyOrder(Map<String, MetricDefinition> metrics,
      Map<String, ConfNode> nodes) {
    List<MetricDefinition> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (String id : metrics.keySet()) {
      visit(id, metrics, nodes, done, new ArrayList<>(), ordered, reported);
    }
    return ordered;
  }

  private static void visit(String id, Map<String, MetricDefinition> metrics,
      Map<String, ConfNode> nodes, Set<String> done, List<String> path,
      List<MetricDefinition> ordered, Set<String> reported) {
    MetricDefinition m = metrics.get(id);
    if (m == null || done.contains(id)) {
      return;
    }
    if (path.contains(id)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      if (reported.add(cycle.stream().sorted().collect(Collectors.joining(",")))) {
        nodes.get(id).problem("metrics form a cycle: " + String.join(" -> ", cycle));
      }
      return;
    }
    path.add(id);
    List<String> parts;
    try {
      parts = m.parts();
    } catch (Exception e) {
      parts = List.of();
    }
    for (String part : parts) {
      visit(part, metrics, nodes, done, path, ordered, reported);
    }
    path.remove(path.size() - 1);
    if (done.add(id)) {
      ordered.add(m);
    }
  }
}
