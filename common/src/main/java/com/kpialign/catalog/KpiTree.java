package com.kpialign.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The KPI tree: strategic objectives (measurable goals) measured by corporate KPIs, and the
 * edges from each KPI down to the metrics that make it ({@code formula}: the parent is an
 * expression of its children) or drive it ({@code influence}, with the expected sign). Every edge
 * says what it aligns the child to: the strategy, a business process (outcome, output, in-process
 * driver) or a business unit.
 */
public record KpiTree(List<Objective> objectives, List<Edge> edges, AuditSettings audit,
    CorrelationSettings correlation) {

  /** What the alignment audit flags; see {@code audit} in {@code kpi_tree.yaml}. */
  public record AuditSettings(int reviewMaxAgeDays, int flatPeriods, double formulaTolerance,
      double dominantPerspectiveShare) {
    public static final AuditSettings DEFAULT = new AuditSettings(365, 8, 1e-6, 0.5);
  }

  /**
   * What {@code kpi correlate} tests; see {@code correlation} in {@code kpi_tree.yaml}. Windows
   * and lags count periods of their grain (days, ISO weeks). A relation is significant when its
   * q-value is at most {@code falseDiscoveryRate} and |r| at least {@code minAbsR}.
   */
  public record CorrelationSettings(int dayWindow, int dayMaxLag, int weekWindow, int weekMaxLag,
      double falseDiscoveryRate, double minAbsR, int subWindows, List<String> sliceDims) {
    public static final CorrelationSettings DEFAULT =
        new CorrelationSettings(182, 14, 52, 4, 0.05, 0.2, 3, List.of("region"));

    public CorrelationSettings {
      sliceDims = List.copyOf(sliceDims);
    }

    /** The fewest periods a window of a grain with this largest lag may have. */
    public static int minWindow(int maxLag) {
      return 4 * (maxLag + 1);
    }

    /**
     * The same settings over another window of days ({@code kpi correlate --window}): the weekly
     * window is as many whole weeks, and never fewer than its lags need.
     */
    public CorrelationSettings withWindowDays(int days) {
      if (days < minWindow(dayMaxLag)) {
        throw new IllegalArgumentException("the window must be at least " + minWindow(dayMaxLag)
            + " days for lags up to " + dayMaxLag + ", got " + days);
      }
      return new CorrelationSettings(days, dayMaxLag, Math.max(days / 7, minWindow(weekMaxLag)),
          weekMaxLag, falseDiscoveryRate, minAbsR, subWindows, sliceDims);
    }
  }

  /** A measurable goal; {@code kpis} are the metrics that say whether it is met. */
  public record Objective(String id, String statement, Perspective perspective, String owner,
      String target, Optional<LocalDate> horizon, List<String> kpis) {
    public Objective {
      kpis = List.copyOf(kpis);
    }
  }

  public enum Relation {
    /** An objective is measured by the KPI. */
    MEASURES,
    /** The parent is computed from its children by {@code expression}. */
    FORMULA,
    /** The child drives the parent in the direction of {@code sign}. */
    INFLUENCE;

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Alignment {
    STRATEGY, PROCESS_OUTCOME, PROCESS_OUTPUT, PROCESS_DRIVER, BUSINESS_UNIT;

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One parent-to-child edge; the parent is an objective id for {@code measures} edges and a
   * metric id otherwise. {@code sign} is +1 or -1 for influences, 0 otherwise.
   */
  public record Edge(String parent, String child, Relation relation, Optional<String> expression,
      int sign, Alignment alignment) {}

  public KpiTree {
    objectives = List.copyOf(objectives);
    edges = List.copyOf(edges);
  }

  public List<Edge> childrenOf(String parent) {
    return edges.stream().filter(e -> e.parent().equals(parent)).toList();
  }

  public List<Edge> parentsOf(String child) {
    return edges.stream().filter(e -> e.child().equals(child)).toList();
  }

  /** The metrics reachable downwards from any objective. */
  public List<String> reachableMetrics() {
    List<String> out = new ArrayList<>();
    List<String> frontier = new ArrayList<>(objectives.stream().map(Objective::id).toList());
    while (!frontier.isEmpty()) {
      String next = frontier.remove(0);
      for (Edge e : childrenOf(next)) {
        if (!out.contains(e.child())) {
          out.add(e.child());
          frontier.add(e.child());
        }
      }
    }
    return out;
  }
}
