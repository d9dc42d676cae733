package com.kpialign.catalog;

import com.kpialign.config.ConfNode;
import com.kpialign.config.SqlExpressions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code kpi_tree.yaml} against the metric catalog: objectives, formula decompositions and
 * influences. Reports unknown metrics, formulas that do not parse or name unknown metrics, a
 * cycle among edges, an objective id that is also a metric id, and duplicate objectives.
 */
public final class KpiTreeLoader {
  private KpiTreeLoader() {}

  public static KpiTree read(ConfNode root, MetricCatalog catalog) {
    root.onlyKeys("audit", "correlation", "objectives", "formulas", "influences");
    KpiTree.AuditSettings audit = audit(root);
    KpiTree.CorrelationSettings correlation = correlation(root, catalog);
    Set<String> metrics = new HashSet<>();
    catalog.metrics().forEach(m -> metrics.add(m.id()));
    List<KpiTree.Objective> objectives = new ArrayList<>();
    List<KpiTree.Edge> edges = new ArrayList<>();
    Map<String, ConfNode> edgeNodes = new HashMap<>();
    Set<String> objectiveIds = new HashSet<>();
    for (ConfNode item : root.list("objectives", true)) {
      String id = item.string("id");
      if (id == null) {
        continue;
      }
      ConfNode o = item.withKey("objectives." + id);
      o.onlyKeys("id", "statement", "perspective", "owner", "target", "horizon", "kpis");
      if (!objectiveIds.add(id)) {
        o.problem("objective '" + id + "' is defined twice");
        continue;
      }
      if (metrics.contains(id)) {
        o.problem("objective '" + id + "' has the id of a metric; ids must be distinct");
      }
      Perspective perspective = o.enumValue("perspective", Perspective.class, null,
          Perspective::spelling);
      List<String> kpis = o.strings("kpis");
      for (String kpi : kpis) {
        if (!metrics.contains(kpi)) {
          o.problem("kpis", "unknown metric '" + kpi + "'");
        } else {
          edges.add(new KpiTree.Edge(id, kpi, KpiTree.Relation.MEASURES, Optional.empty(), 0,
              KpiTree.Alignment.STRATEGY));
        }
      }
      Optional<LocalDate> horizon = o.date("horizon");
      objectives.add(new KpiTree.Objective(id, o.string("statement"), perspective,
          o.string("owner"), o.string("target"), horizon, kpis));
    }
    for (ConfNode f : root.list("formulas", false)) {
      f.onlyKeys("parent", "expression", "alignment");
      String parent = metric(f, "parent", metrics);
      String expression = f.string("expression");
      KpiTree.Alignment alignment = f.enumValue("alignment", KpiTree.Alignment.class, null,
          KpiTree.Alignment::spelling);
      if (parent == null || expression == null) {
        continue;
      }
      Set<String> children;
      try {
        children = SqlExpressions.references(SqlExpressions.parse(expression));
      } catch (Exception e) {
        f.problem("expression", "does not parse: " + e.getMessage().lines().findFirst()
            .orElse(""));
        continue;
      }
      Optional<MetricDefinition> defined = catalog.metric(parent)
          .filter(m -> m.kind() instanceof DerivedKind d && d.hasParts(m));
      if (defined.isPresent() && !new HashSet<>(defined.get().parts()).equals(children)) {
        MetricDefinition m = defined.get();
        f.problem("expression", "'" + expression + "' contradicts the catalog, where " + parent
            + " is a " + m.kind().spelling() + " of " + m.parts() + " (metrics.yaml): the "
            + "catalog's definition is what is computed, so write the formula over the same "
            + "metrics or remove it");
        continue;
      }
      for (String child : children) {
        if (!metrics.contains(child)) {
          f.problem("expression", "unknown metric '" + child + "'");
        } else {
          edges.add(new KpiTree.Edge(parent, child, KpiTree.Relation.FORMULA,
              Optional.of(expression), 0, alignment));
          edgeNodes.putIfAbsent(parent + ">" + child, f);
        }
      }
    }
    for (ConfNode i : root.list("influences", false)) {
      i.onlyKeys("parent", "child", "sign", "alignment");
      String parent = metric(i, "parent", metrics);
      String child = metric(i, "child", metrics);
      String sign = i.string("sign");
      KpiTree.Alignment alignment = i.enumValue("alignment", KpiTree.Alignment.class, null,
          KpiTree.Alignment::spelling);
      if (sign != null && !sign.equals("+") && !sign.equals("-")) {
        i.problem("sign", "must be + or -, got '" + sign + "'");
      }
      if (parent != null && child != null && sign != null) {
        edges.add(new KpiTree.Edge(parent, child, KpiTree.Relation.INFLUENCE, Optional.empty(),
            sign.equals("-") ? -1 : 1, alignment));
        edgeNodes.putIfAbsent(parent + ">" + child, i);
      }
    }
    reportCycle(edges, edgeNodes);
    return new KpiTree(objectives, edges, audit, correlation);
  }

  private static KpiTree.AuditSettings audit(ConfNode root) {
    KpiTree.AuditSettings d = KpiTree.AuditSettings.DEFAULT;
    if (!root.has("audit")) {
      return d;
    }
    ConfNode a = root.object("audit");
    a.onlyKeys("review_max_age_days", "flat_periods", "formula_tolerance",
        "dominant_perspective_share");
    return new KpiTree.AuditSettings(a.integer("review_max_age_days", d.reviewMaxAgeDays()),
        a.integer("flat_periods", d.flatPeriods()),
        a.number("formula_tolerance").orElse(d.formulaTolerance()),
        a.number("dominant_perspective_share").orElse(d.dominantPerspectiveShare()));
  }

  private static KpiTree.CorrelationSettings correlation(ConfNode root, MetricCatalog catalog) {
    KpiTree.CorrelationSettings d = KpiTree.CorrelationSettings.DEFAULT;
    if (!root.has("correlation")) {
      return d;
    }
    ConfNode c = root.object("correlation");
    c.onlyKeys("day", "week", "false_discovery_rate", "min_abs_r", "sub_windows", "slice_dims");
    int[] day = windowAndLag(c, "day", d.dayWindow(), d.dayMaxLag());
    int[] week = windowAndLag(c, "week", d.weekWindow(), d.weekMaxLag());
    double fdr = c.number("false_discovery_rate").orElse(d.falseDiscoveryRate());
    if (!(fdr > 0 && fdr < 1)) {
      c.problem("false_discovery_rate", "must be between 0 and 1, got " + fdr);
    }
    double minAbsR = c.number("min_abs_r").orElse(d.minAbsR());
    if (!(minAbsR >= 0 && minAbsR < 1)) {
      c.problem("min_abs_r", "must be at least 0 and below 1, got " + minAbsR);
    }
    int subWindows = c.integer("sub_windows", d.subWindows());
    if (subWindows < 2) {
      c.problem("sub_windows", "must be at least 2 to judge stability, got " + subWindows);
    }
    List<String> sliceDims = c.has("slice_dims") ? c.strings("slice_dims") : d.sliceDims();
    Set<String> dimensions = new HashSet<>();
    catalog.metrics().forEach(m -> dimensions.addAll(m.dimensions()));
    for (String dim : sliceDims) {
      if (!dimensions.contains(dim)) {
        c.problem("slice_dims", "no metric has the dimension '" + dim + "'");
      }
    }
    return new KpiTree.CorrelationSettings(day[0], day[1], week[0], week[1], fdr, minAbsR,
        subWindows, sliceDims);
  }

  /** {@code {window, max_lag}}: a window must leave room for every lag on each sub-window. */
  private static int[] windowAndLag(ConfNode c, String grain, int window, int maxLag) {
    if (!c.has(grain)) {
      return new int[] {window, maxLag};
    }
    ConfNode g = c.object(grain);
    g.onlyKeys("window", "max_lag");
    int w = g.integer("window", window);
    int lag = g.integer("max_lag", maxLag);
    if (lag < 0) {
      g.problem("max_lag", "must be 0 or more, got " + lag);
    }
    if (w < KpiTree.CorrelationSettings.minWindow(lag)) {
      g.problem("window", "must be at least 4 x (max_lag + 1) = "
          + KpiTree.CorrelationSettings.minWindow(lag) + " periods, got " + w);
    }
    return new int[] {w, lag};
  }

  private static String metric(ConfNode node, String key, Set<String> metrics) {
    String id = node.string(key);
    if (id != null && !metrics.contains(id)) {
      node.problem(key, "unknown metric '" + id + "'");
      return null;
    }
    return id;
  }

  /** A KPI that is, through its edges, its own driver makes the tree a loop: report the path. */
  private static void reportCycle(List<KpiTree.Edge> edges, Map<String, ConfNode> nodes) {
    Map<String, List<String>> children = new HashMap<>();
    edges.forEach(e -> children.computeIfAbsent(e.parent(), k -> new ArrayList<>())
        .add(e.child()));
    Set<String> done = new HashSet<>();
    for (String start : new LinkedHashSet<>(children.keySet())) {
      List<String> path = new ArrayList<>();
      List<String> cycle = findCycle(start, children, done, path);
      if (cycle != null) {
        nodes.get(cycle.get(cycle.size() - 2) + ">" + cycle.get(cycle.size() - 1))
            .problem("the tree has a cycle: " + String.join(" -> ", cycle));
        return;
      }
    }
  }

  private static List<String> findCycle(String node, Map<String, List<String>> children,
      Set<String> done, List<String> path) {
    if (path.contains(node)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    if (done.contains(node)) {
      return null;
    }
    path.add(node);
    for (String child : children.getOrDefault(node, List.of())) {
      List<String> cycle = findCycle(child, children, done, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return null;
  }
}
