package com.kpialign.alignment;

import com.kpialign.catalog.Direction;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The pairs of metrics {@code kpi correlate} tests, each once with {@code a < b}: every tree edge
 * between two metrics, every pair of metrics of different verticals, and every metric with every
 * objective's KPI (the evidence that a metric serves the strategy).
 *
 * <p>{@code expectedSign} is what alignment means for the pair: for an influence edge its sign;
 * for a formula edge and for any other pair, +1 when both metrics are good in the same direction
 * (both up, or both down) and -1 when one should rise and the other fall, so that a positive
 * "goodness" correlation is alignment. Null when either metric has a band direction.
 */
public record KpiPairs(List<Pair> pairs, Set<String> objectiveKpis) {

  /** Why a pair is tested, the first that applies. */
  public enum Kind {
    TREE_EDGE, CROSS_VERTICAL, OBJECTIVE_KPI;

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * {@code sliceDims}: the configured slice dimensions both metrics have. {@code bothTotals}:
   * both are totals (sums, counts, sums and differences of them) that grow with the business, so
   * that moving together says little about incentives.
   */
  public record Pair(String a, String b, String verticalA, String verticalB, Kind kind,
      String edge, Integer expectedSign, List<String> sliceDims, boolean bothTotals) {}

  /** Each pair's {@code metric_a, metric_b, vertical_a, vertical_b, pair_kind, edge,
   * expected_sign, both_totals}. */
  public Dataset<Row> info(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Pair p : pairs) {
      rows.add(RowFactory.create(p.a(), p.b(), p.verticalA(), p.verticalB(),
          p.kind().spelling(), p.edge(), p.expectedSign(), p.bothTotals()));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_a", DataTypes.StringType)
        .add("metric_b", DataTypes.StringType).add("vertical_a", DataTypes.StringType)
        .add("vertical_b", DataTypes.StringType).add("pair_kind", DataTypes.StringType)
        .add("edge", DataTypes.StringType).add("expected_sign", DataTypes.IntegerType)
        .add("both_totals", DataTypes.BooleanType));
  }

  /** Each pair once per cut it is tested on: {@code all} and each shared slice dimension. */
  public Dataset<Row> cuts(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Pair p : pairs) {
      rows.add(RowFactory.create(p.a(), p.b(), "all"));
      p.sliceDims().forEach(d -> rows.add(RowFactory.create(p.a(), p.b(), d)));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_a", DataTypes.StringType)
        .add("metric_b", DataTypes.StringType).add("slice_dims", DataTypes.StringType));
  }

  /**
   * {@code metric_id, vertical, objective_kpi, input_of} of every catalog metric;
   * {@code input_of}: the metrics computed from it (a ratio's numerator, a formula's term),
   * sorted and comma-separated, or null.
   */
  public Dataset<Row> metricInfo(SparkSession spark, MetricCatalog catalog) {
    Map<String, java.util.TreeSet<String>> inputOf = new LinkedHashMap<>();
    catalog.metrics().forEach(m -> m.parts().forEach(part ->
        inputOf.computeIfAbsent(part, k -> new java.util.TreeSet<>()).add(m.id())));
    List<Row> rows = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      rows.add(RowFactory.create(m.id(), m.vertical(), objectiveKpis.contains(m.id()),
          inputOf.containsKey(m.id()) ? String.join(",", inputOf.get(m.id())) : null));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_id", DataTypes.StringType)
        .add("vertical", DataTypes.StringType).add("objective_kpi", DataTypes.BooleanType)
        .add("input_of", DataTypes.StringType));
  }

  /** {@code vertical}: every vertical of the catalog, sorted. */
  public static Dataset<Row> verticals(SparkSession spark, MetricCatalog catalog) {
    List<Row> rows = catalog.metrics().stream().map(MetricDefinition::vertical).distinct()
        .sorted().map(v -> (Row) RowFactory.create(v)).toList();
    return spark.createDataFrame(rows, new StructType().add("vertical", DataTypes.StringType));
  }

  public static KpiPairs of(MetricCatalog catalog, KpiTree tree, List<String> sliceDims) {
    Map<String, MetricDefinition> metrics = new LinkedHashMap<>();
    catalog.metrics().forEach(m -> metrics.put(m.id(), m));
    Set<String> objectiveKpis = new LinkedHashSet<>();
    tree.objectives().forEach(o -> objectiveKpis.addAll(o.kpis()));
    Map<String, KpiTree.Edge> edges = new LinkedHashMap<>();
    for (KpiTree.Edge e : tree.edges()) {
      if (e.relation() != KpiTree.Relation.MEASURES && metrics.containsKey(e.parent())) {
        edges.putIfAbsent(key(e.parent(), e.child()), e);
      }
    }
    List<String> ids = metrics.keySet().stream().sorted().toList();
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        MetricDefinition a = metrics.get(ids.get(i));
        MetricDefinition b = metrics.get(ids.get(j));
        KpiTree.Edge edge = edges.get(key(a.id(), b.id()));
        Kind kind = edge != null ? Kind.TREE_EDGE
            : !a.vertical().equals(b.vertical()) ? Kind.CROSS_VERTICAL
            : objectiveKpis.contains(a.id()) || objectiveKpis.contains(b.id()) ? Kind.OBJECTIVE_KPI
            : null;
        if (kind == null) {
          continue;
        }
        Integer expected = edge != null && edge.relation() == KpiTree.Relation.INFLUENCE
            ? Integer.valueOf(edge.sign()) : goodnessSign(a, b);
        List<String> dims = sliceDims.stream()
            .filter(d -> a.dimensions().contains(d) && b.dimensions().contains(d)).toList();
        pairs.add(new Pair(a.id(), b.id(), a.vertical(), b.vertical(), kind,
            edge == null ? null : edge.relation().spelling(), expected, dims,
            a.isTotal() && b.isTotal()));
      }
    }
    return new KpiPairs(pairs, objectiveKpis);
  }

  private static String key(String x, String y) {
    return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
  }

  private static Integer goodnessSign(MetricDefinition a, MetricDefinition b) {
    if (a.direction() == Direction.BAND || b.direction() == Direction.BAND) {
      return null;
    }
    return a.direction() == b.direction() ? 1 : -1;
  }
}
