package com.kpialign.audit;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.DefinitionVersions;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.catalog.Perspective;
import com.kpialign.metrics.MetricComputation;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The alignment audit of the KPI tree: everything a KPI council should review. Findings from the
 * definitions alone (no objective above a metric, an objective with no KPI, the perspective
 * balance, definitions not reviewed for long, two metrics defined identically, KPIs without a
 * target) and from the computed values (a metric that has not moved for weeks, two metrics whose
 * values coincide, a parent that does not equal the formula of its children).
 */
public final class AlignmentAudit {
  /** One finding; {@code subjectType} is {@code metric}, {@code objective} or {@code tree}. */
  public record Finding(String finding, String severity, String subjectType, String subjectId,
      String detail, Double value) {}

  /**
   * Weeks of weekly values compared to find metrics that measure the same thing (weeks, not
   * days: on one day an average over days equals its own numerator).
   */
  public static final int DUPLICATE_WINDOW_WEEKS = 26;
  /** Weeks both metrics need at least. */
  public static final int DUPLICATE_MIN_WEEKS = 8;
  /** Share of those weeks on which two metrics must agree within 0.1% to be duplicates. */
  public static final double DUPLICATE_SHARE = 0.9;

  private AlignmentAudit() {}

  public static List<Finding> ofDefinitions(KpiTree tree, MetricCatalog catalog,
      LocalDate runDate, Set<String> metricsWithTargets) {
    List<Finding> out = new ArrayList<>();
    List<String> reachable = tree.reachableMetrics();
    for (MetricDefinition m : catalog.metrics()) {
      if (!reachable.contains(m.id())) {
        out.add(new Finding("unreachable_metric", "warning", "metric", m.id(), "no objective "
            + "above it in the KPI tree: measured for measurement's sake, or a missing edge",
            null));
      }
    }
    for (KpiTree.Objective o : tree.objectives()) {
      if (o.kpis().isEmpty()) {
        out.add(new Finding("objective_without_kpi", "error", "objective", o.id(),
            "no KPI measures \"" + o.statement() + "\"", null));
      }
      for (String kpi : o.kpis()) {
        if (!metricsWithTargets.contains(kpi)) {
          out.add(new Finding("missing_target", "warning", "metric", kpi, "KPI of objective "
              + o.id() + " has no target in the targets extract", null));
        }
      }
    }
    out.addAll(perspectiveBalance(tree, catalog));
    int maxAge = tree.audit().reviewMaxAgeDays();
    for (MetricDefinition m : catalog.metrics()) {
      long age = m.reviewedOn().map(d -> ChronoUnit.DAYS.between(d, runDate)).orElse(-1L);
      if (age < 0 || age > maxAge) {
        out.add(new Finding("stale_definition", "warning", "metric", m.id(), age < 0
            ? "never reviewed (no reviewed_on)" : "last reviewed " + m.reviewedOn().get() + ", "
                + age + " days ago (more than " + maxAge + ")", age < 0 ? null : (double) age));
      }
    }
    Map<String, List<String>> sameDefinition = new LinkedHashMap<>();
    DefinitionVersions.of(catalog).forEach((id, version) -> sameDefinition
        .computeIfAbsent(version, v -> new ArrayList<>()).add(id));
    for (List<String> ids : sameDefinition.values()) {
      for (int i = 1; i < ids.size(); i++) {
        out.add(new Finding("duplicate_definition", "warning", "metric", ids.get(i),
            "defined exactly like " + ids.get(0), null));
      }
    }
    return out;
  }

  /** Share of the tree's metrics per perspective; one dominating or one missing is a finding. */
  static List<Finding> perspectiveBalance(KpiTree tree, MetricCatalog catalog) {
    Map<Perspective, Integer> counts = new EnumMap<>(Perspective.class);
    for (Perspective p : Perspective.values()) {
      counts.put(p, 0);
    }
    List<String> inTree = tree.reachableMetrics();
    inTree.forEach(id -> counts.merge(catalog.metric(id).orElseThrow().perspective(), 1,
        Integer::sum));
    List<Finding> out = new ArrayList<>();
    double limit = tree.audit().dominantPerspectiveShare();
    for (Map.Entry<Perspective, Integer> e : counts.entrySet()) {
      double share = inTree.isEmpty() ? 0 : (double) e.getValue() / inTree.size();
      String text = String.format(Locale.ROOT, "%d of the tree's %d KPIs (%.0f%%)",
          e.getValue(), inTree.size(), 100 * share);
      String finding = share > limit ? "unbalanced_perspective"
          : e.getValue() == 0 ? "empty_perspective" : "perspective_share";
      out.add(new Finding(finding, finding.equals("perspective_share") ? "info" : "warning",
          "tree", e.getKey().spelling(), text, share));
    }
    return out;
  }

  /**
   * The findings of the stored values as of {@code asOf}: flat metrics over the audit's last
   * weeks, coinciding metrics over the half year before, and formula mismatches in the periods
   * touched by {@code from..asOf}. Findings are few: they are collected.
   *
   * @param values {@code kpi.metric_values}
   */
  public static List<Finding> ofValues(Dataset<Row> values, KpiTree tree, LocalDate from,
      LocalDate asOf) {
    Dataset<Row> weekly = values.filter(col("slice").equalTo("all")
            .and(col("grain").equalTo("week"))
            .and(col("period_end").leq(lit(java.sql.Date.valueOf(asOf)))))
        .select("metric_id", "period_start", "value");
    Dataset<Row> lastWeeks = weekly.filter(col("period_start").gt(lit(java.sql.Date.valueOf(
        asOf.minusWeeks(tree.audit().flatPeriods())))));
    Dataset<Row> halfYear = weekly.filter(col("period_start").gt(lit(java.sql.Date.valueOf(
        asOf.minusWeeks(DUPLICATE_WINDOW_WEEKS)))));
    Dataset<Row> touched = values.filter(MetricComputation.touchedPartitions(from, asOf));
    List<Finding> out = new ArrayList<>();
    for (Dataset<Row> found : List.of(flat(lastWeeks, tree.audit().flatPeriods()),
        coinciding(halfYear), formulaMismatches(touched, tree))) {
      found.collectAsList().forEach(r -> out.add(new Finding(r.getString(0), r.getString(1),
          r.getString(2), r.getString(3), r.getString(4), r.isNullAt(5) ? null : r.getDouble(5))));
    }
    return out;
  }

  /**
   * Metrics whose weekly overall value did not change over the last {@code weeks} weeks.
   *
   * @param weekly {@code metric_id, period_start, value}: weekly values, slice all
   */
  public static Dataset<Row> flat(Dataset<Row> weekly, int weeks) {
    return weekly.groupBy("metric_id").agg(count("value").as("n"), min("value").as("lo"),
            max("value").as("hi"))
        .filter(col("n").geq(weeks).and(col("lo").equalTo(col("hi"))))
        .select(lit("stale_values").as("finding"), lit("warning").as("severity"),
            lit("metric").as("subject_type"), col("metric_id").as("subject_id"),
            org.apache.spark.sql.functions.concat(lit("the same value every week for "
                + weeks + " weeks: "), col("lo").cast("string")).as("detail"),
            col("lo").as("value"));
  }

  /**
   * Pairs of metrics whose weekly overall values agree within 0.1% on at least
   * {@value #DUPLICATE_SHARE} of the weeks both have: two names for one number.
   *
   * @param weekly {@code metric_id, period_start, value}: weekly values, slice all
   */
  public static Dataset<Row> coinciding(Dataset<Row> weekly) {
    Dataset<Row> a = weekly.select(col("metric_id").as("a"), col("period_start"),
        col("value").as("va"));
    Dataset<Row> b = weekly.select(col("metric_id").as("b"), col("period_start").as("pb"),
        col("value").as("vb"));
    Column close = abs(col("va").minus(col("vb")))
        .leq(greatest(abs(col("va")), abs(col("vb"))).multiply(0.001));
    return a.join(b, a.col("period_start").equalTo(b.col("pb")).and(col("a").lt(col("b"))))
        .filter(col("va").notEqual(0).or(col("vb").notEqual(0)))
        .groupBy("a", "b").agg(count("*").as("weeks"),
            avg(when(close, 1.0).otherwise(0.0)).as("share"))
        .filter(col("weeks").geq(DUPLICATE_MIN_WEEKS).and(col("share").geq(DUPLICATE_SHARE)))
        .select(lit("duplicate_values").as("finding"), lit("warning").as("severity"),
            lit("metric").as("subject_type"), col("b").as("subject_id"),
            org.apache.spark.sql.functions.format_string("equals %s within 0.1%% in %.0f%% of "
                + "%d weeks: two names for one number?", col("a"), col("share").multiply(100),
                col("weeks")).as("detail"), col("share").as("value"));
  }

  /**
   * For every formula of the tree, the values (any grain, period and slice where the parent and
   * all children exist) where the parent differs from the formula of its children by more than
   * the tolerance, summarised per parent and grain.
   *
   * @param values rows of {@code kpi.metric_values}
   */
  public static Dataset<Row> formulaMismatches(Dataset<Row> values, KpiTree tree) {
    Map<String, String> formulas = new LinkedHashMap<>();
    tree.edges().stream().filter(e -> e.relation() == KpiTree.Relation.FORMULA)
        .forEach(e -> formulas.putIfAbsent(e.parent(), e.expression().orElseThrow()));
    Set<String> ids = new LinkedHashSet<>(formulas.keySet());
    tree.edges().stream().filter(e -> e.relation() == KpiTree.Relation.FORMULA)
        .forEach(e -> ids.add(e.child()));
    Dataset<Row> wide = values.filter(col("metric_id").isin(ids.toArray()))
        .groupBy("grain", "period_start", "slice").pivot("metric_id", new ArrayList<>(ids))
        .agg(first("value"));
    double tolerance = tree.audit().formulaTolerance();
    Dataset<Row> out = null;
    for (Map.Entry<String, String> f : formulas.entrySet()) {
      Column parent = col("`" + f.getKey() + "`");
      Column formula = expr(f.getValue()).cast("double");
      Column difference = abs(parent.minus(formula))
          .divide(greatest(abs(parent), lit(1e-12)));
      Dataset<Row> one = wide.filter(parent.isNotNull().and(formula.isNotNull()))
          .groupBy("grain").agg(count("*").as("n"),
              sum(when(difference.gt(tolerance), 1).otherwise(0)).as("bad"),
              max(difference).as("worst"))
          .filter(col("bad").gt(0))
          .select(lit("formula_mismatch").as("finding"), lit("error").as("severity"),
              lit("metric").as("subject_type"), lit(f.getKey()).as("subject_id"),
              org.apache.spark.sql.functions.format_string("%s is not " + f.getValue()
                  .replace("%", "%%") + " in %d of %d values of grain %s (worst by %.1f%%)",
                  lit(f.getKey()), col("bad"), col("n"), col("grain"),
                  col("worst").multiply(100)).as("detail"), col("worst").as("value"));
      out = out == null ? one : out.unionByName(one);
    }
    return out;
  }
}
