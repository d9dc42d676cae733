package com.kpialign.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The KPI tree as indented text: each objective, then each KPI below it with its current value
 * when known, {@code = formula} when it is computed from the metrics below it, and {@code (+)} or
 * {@code (-)} before a driver, the expected sign of its influence. A metric shown once is not expanded again ("see above").
 */
public final class KpiTreeText {
  private final KpiTree tree;
  private final MetricCatalog catalog;
  private final Map<String, String> values;
  private final StringBuilder out = new StringBuilder();
  private final Set<String> expanded = new HashSet<>();

  /** @param values metric id to a readable current value (may be empty) */
  public KpiTreeText(KpiTree tree, MetricCatalog catalog, Map<String, String> values) {
    this.tree = tree;
    this.catalog = catalog;
    this.values = values;
  }

  public String whole() {
    for (KpiTree.Objective o : tree.objectives()) {
      objectiveLine(o, 0);
      below(o.id(), 1);
    }
    return out.toString();
  }

  /** The paths from {@code metric} up to its objectives, then everything below it. */
  public String branch(String metric) {
    out.append("above ").append(metric).append(":\n");
    List<List<String>> paths = new ArrayList<>();
    pathsUp(metric, new ArrayList<>(List.of(metric)), paths);
    if (paths.isEmpty()) {
      out.append("  (no objective: this metric is not in the tree)\n");
    }
    for (List<String> path : paths) {
      out.append("  ").append(String.join(" <- ", path)).append('\n');
    }
    out.append("below:\n");
    metricLine(metric, "", 1);
    below(metric, 2);
    return out.toString();
  }

  private void pathsUp(String node, List<String> path, List<List<String>> paths) {
    List<KpiTree.Edge> parents = tree.parentsOf(node);
    if (parents.isEmpty() && path.size() > 1) {
      paths.add(List.copyOf(path));
    }
    for (KpiTree.Edge e : parents) {
      if (!path.contains(e.parent())) {
        path.add(e.parent());
        pathsUp(e.parent(), path, paths);
        path.remove(path.size() - 1);
      }
    }
  }

  private void below(String node, int depth) {
    for (KpiTree.Edge e : tree.childrenOf(node)) {
      String how = switch (e.relation()) {
        case MEASURES -> "";
        case FORMULA -> "";
        case INFLUENCE -> e.sign() > 0 ? "(+) " : "(-) ";
      };
      metricLine(e.child(), how, depth);
      if (expanded.add(e.child())) {
        below(e.child(), depth + 1);
      } else if (!tree.childrenOf(e.child()).isEmpty()) {
        indent(depth + 1).append("(see above)\n");
      }
    }
  }

  private void objectiveLine(KpiTree.Objective o, int depth) {
    indent(depth).append("objective ").append(o.id()).append(": ").append(o.statement())
        .append(" [").append(o.perspective() == null ? "" : o.perspective().spelling())
        .append(", ").append(o.owner())
        .append(o.horizon().map(h -> ", by " + h).orElse("")).append("]\n");
    if (o.kpis().isEmpty()) {
      indent(depth + 1).append("(no KPI measures this objective)\n");
    }
  }

  private void metricLine(String id, String how, int depth) {
    MetricDefinition m = catalog.metric(id).orElseThrow();
    indent(depth).append(how).append(id).append(" - ").append(m.name()).append(" (")
        .append(m.vertical()).append(", ").append(m.owner()).append(')');
    if (values.containsKey(id)) {
      out.append(": ").append(values.get(id)).append(' ').append(m.unit());
    }
    tree.childrenOf(id).stream().filter(e -> e.relation() == KpiTree.Relation.FORMULA)
        .findFirst().ifPresent(e -> out.append("  = ").append(e.expression().orElse("")));
    out.append('\n');
  }

  private StringBuilder indent(int depth) {
    return out.append("  ".repeat(depth));
  }
}
