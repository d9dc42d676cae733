package com.kpialign.rca;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trunc;

import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.metrics.SliceSpec;
import com.kpialign.table.RootCausesTable;
import java.io.Serializable;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What explains each movement of a whole metric (slice {@code all}): its drivers in the KPI tree
 * and the dimension values where it happened. Plain-Java algorithms ({@link DriverAttribution},
 * {@link Localization}) run per group of rows: per period for drivers (every metric's value and
 * expected value of that period), per moved metric and period for dimensions (its slices).
 */
public final class RootCauses {
  /** Rows of {@code kpi.root_causes} without the run and partition columns. */
  public static final StructType SCHEMA = new StructType(Arrays.stream(
          RootCausesTable.SCHEMA.fields())
      .filter(f -> !List.of("run_id", "run_date", "period_month").contains(f.name()))
      .toArray(StructField[]::new));

  /**
   * Every cause of the movements of whole metrics: their drivers along the tree's edges and
   * their dimension causes over the slices, in {@link #SCHEMA} plus {@code period_month}.
   *
   * @param benchmarks benchmarks of the movements' periods
   * @param values {@code kpi.metric_values} of the same periods
   */
  public static Dataset<Row> of(Dataset<Row> movements, Dataset<Row> benchmarks,
      Dataset<Row> values, Edges edges, Measures measures) {
    return drivers(movements, benchmarks, edges)
        .unionByName(dimensions(movements, benchmarks, values, measures,
            Localization.Settings.DEFAULT))
        .withColumn("period_month", trunc(col("period_start"), "month"));
  }

  /** How far down the formula tree a movement's change is followed. */
  static final int MAX_DRIVER_DEPTH = 3;

  /** What one more cause costs a cut's score, and what the size of its causes costs. */
  static final double CAUSE_PENALTY = 0.2;
  static final double SIZE_PENALTY = 0.5;

  private RootCauses() {}

  /** The formula and influence edges of the tree, in a form Spark can ship to executors. */
  public record Edges(HashMap<String, String> formulas, HashMap<String, List<String>> influences)
      implements Serializable {
    /** No tree: no driver causes. */
    public static Edges none() {
      return new Edges(new HashMap<>(), new HashMap<>());
    }

    /** The tree's edges, or none without a tree. */
    public static Edges of(java.util.Optional<KpiTree> tree) {
      return tree.map(Edges::of).orElseGet(Edges::none);
    }

    public static Edges of(KpiTree tree) {
      HashMap<String, String> formulas = new HashMap<>();
      HashMap<String, List<String>> influences = new HashMap<>();
      for (KpiTree.Edge e : tree.edges()) {
        if (e.relation() == KpiTree.Relation.FORMULA) {
          formulas.put(e.parent(), e.expression().orElseThrow());
        } else if (e.relation() == KpiTree.Relation.INFLUENCE) {
          influences.computeIfAbsent(e.parent(), k -> new ArrayList<>())
              .add((e.sign() < 0 ? "-" : "+") + e.child());
        }
      }
      return new Edges(formulas, influences);
    }
  }

  /**
   * Driver causes of the movements of whole metrics.
   *
   * @param movements {@code kpi.movements} rows
   * @param periods benchmarks of slice {@code all} of the movements' periods: {@code metric_id,
   *     grain, period_start, value, expected}
   */
  public static Dataset<Row> drivers(Dataset<Row> movements, Dataset<Row> periods, Edges edges) {
    Dataset<Row> moved = movements.filter(col("slice").equalTo("all"))
        .select(col("metric_id").as("m_metric"), col("grain").as("m_grain"),
            col("period_start").as("m_start"), col("movement_id"));
    Dataset<Row> rows = periods.filter(col("slice").equalTo("all"))
        .join(moved.select("m_grain", "m_start").distinct(),
            col("grain").equalTo(col("m_grain")).and(col("period_start").equalTo(col("m_start"))),
            "left_semi")
        .join(moved, col("metric_id").equalTo(col("m_metric"))
            .and(col("grain").equalTo(col("m_grain")))
            .and(col("period_start").equalTo(col("m_start"))), "left")
        .select("metric_id", "grain", "period_start", "value", "expected", "movement_id");
    return rows.groupByKey((MapFunction<Row, String>) r -> r.getString(1) + "|" + r.getDate(2),
            Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, it) ->
            driverRows(it, edges).iterator(), Encoders.row(SCHEMA));
  }

  static List<Row> driverRows(java.util.Iterator<Row> it, Edges edges) {
    Map<String, Double> value = new HashMap<>();
    Map<String, Double> expected = new HashMap<>();
    Map<String, String> movement = new TreeMap<>();
    String grain = null;
    Date start = null;
    while (it.hasNext()) {
      Row r = it.next();
      grain = r.getString(1);
      start = r.getDate(2);
      if (!r.isNullAt(3)) {
        value.put(r.getString(0), r.getDouble(3));
      }
      if (!r.isNullAt(4)) {
        expected.put(r.getString(0), r.getDouble(4));
      }
      if (!r.isNullAt(5)) {
        movement.put(r.getString(0), r.getString(5));
      }
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, String> m : movement.entrySet()) {
      String metric = m.getKey();
      Map<String, Double> contributions = new LinkedHashMap<>();
      double change = attribute(metric, 1.0, "", value, expected, edges, contributions, 0);
      List<Map.Entry<String, Double>> ranked = new ArrayList<>(contributions.entrySet());
      ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) ->
          -Math.abs(e.getValue())).thenComparing(Map.Entry::getKey));
      int rank = 1;
      for (Map.Entry<String, Double> c : ranked) {
        out.add(RowFactory.create(m.getValue(), metric, grain, start, "driver", "formula",
            c.getKey(), c.getValue(), change == 0 ? null : c.getValue() / change, null, rank++));
      }
      Double own = deviation(metric, value, expected);
      List<Object[]> influence = new ArrayList<>();
      for (String signed : edges.influences().getOrDefault(metric, List.of())) {
        String driver = signed.substring(1);
        Double d = deviation(driver, value, expected);
        if (d != null && own != null && own != 0) {
          double sign = (signed.charAt(0) == '-' ? -1 : 1) * Math.signum(own);
          influence.add(new Object[] {driver, sign * d});
        }
      }
      influence.sort(Comparator.comparingDouble((Object[] o) -> -(double) o[1])
          .thenComparing(o -> (String) o[0]));
      rank = 1;
      for (Object[] i : influence) {
        out.add(RowFactory.create(m.getValue(), metric, grain, start, "driver", "influence",
            i[0], null, null, i[1], rank++));
      }
    }
    return out;
  }

  /**
   * Adds the Shapley contributions of {@code metric}'s formula children, scaled by
   * {@code scale}, under {@code prefix}; a child with a formula of its own is followed down
   * (its contribution split in proportion to its own children's). Returns the change the
   * formula explains at this level, or 0 when it cannot be attributed.
   */
  private static double attribute(String metric, double scale, String prefix,
      Map<String, Double> value, Map<String, Double> expected, Edges edges,
      Map<String, Double> out, int depth) {
    String expression = edges.formulas().get(metric);
    if (expression == null || depth == MAX_DRIVER_DEPTH) {
      return 0;
    }
    Formula formula = Formula.parse(expression);
    Map<String, Double> base = new HashMap<>();
    Map<String, Double> current = new HashMap<>();
    for (String child : formula.variables()) {
      if (!value.containsKey(child) || !expected.containsKey(child)) {
        return 0;
      }
      base.put(child, expected.get(child));
      current.put(child, value.get(child));
    }
    DriverAttribution.Result result = DriverAttribution.of(formula, base, current);
    if (result.reason().isPresent()) {
      return 0;
    }
    for (Map.Entry<String, Double> c : result.contributions().entrySet()) {
      String element = prefix + c.getKey();
      double contribution = c.getValue() * scale;
      double childChange = value.get(c.getKey()) - expected.get(c.getKey());
      Map<String, Double> nested = new LinkedHashMap<>();
      double explained = childChange == 0 ? 0 : attribute(c.getKey(),
          contribution / childChange, element + " > ", value, expected, edges, nested, depth + 1);
      out.put(element, contribution);
      if (explained != 0) {
        out.putAll(nested);
      }
    }
    return result.change();
  }

  private static Double deviation(String metric, Map<String, Double> value,
      Map<String, Double> expected) {
    Double v = value.get(metric);
    Double e = expected.get(metric);
    return v == null || e == null || e == 0 ? null : (v - e) / Math.abs(e);
  }

  /**
   * How each metric's slices make up its total, in a form Spark can ship to executors: the
   * metrics whose slices add up ({@code totals}; the others are ratios of their slices' summed
   * parts), the numerator and denominator metrics of each catalog ratio, and the cuts that are
   * no partition ({@code metric_id|slice_dims}: a multi-valued dimension's slices overlap), which
   * localization leaves out.
   */
  public record Measures(HashSet<String> totals, HashMap<String, List<String>> ratioParts,
      HashSet<String> overlappingCuts) implements Serializable {
    public static Measures of(MetricCatalog catalog) {
      HashSet<String> totals = new HashSet<>();
      HashMap<String, List<String>> parts = new HashMap<>();
      HashSet<String> overlapping = new HashSet<>();
      for (MetricDefinition m : catalog.metrics()) {
        if (m.isTotal()) {
          totals.add(m.id());
        } else {
          m.kind().localizedOnParts(m).ifPresent(p -> parts.put(m.id(), p));
        }
        Set<String> multi = catalog.multiValuedDimensions(m);
        SliceSpec.of(m).stream().filter(s -> s.dimensions().stream().anyMatch(multi::contains))
            .forEach(s -> overlapping.add(m.id() + "|" + s.name()));
      }
      return new Measures(totals, parts, overlapping);
    }
  }

  /** The metrics each metric is made of: a catalog ratio's parts, a formula's children. */
  public static Map<String, List<String>> parts(Measures measures, Edges edges) {
    Map<String, List<String>> parts = new TreeMap<>(measures.ratioParts());
    edges.formulas().forEach((parent, expression) -> parts.merge(parent,
        Formula.parse(expression).variables(), (a, b) -> Stream.concat(
            a.stream(), b.stream()).distinct().toList()));
    return parts;
  }

  /**
   * Dimension causes of the movements of whole metrics: each metric is localized on the leaves of
   * each of its finest cuts (a declared pair, or a dimension in no pair) and the cut whose causes
   * explain most of the change, with fewest and smallest elements, is kept. A slice is abnormal
   * when it left its own prediction interval. A ratio slice's expected numerator and denominator
   * are its parts' expected values when the parts are metrics of their own, so that a slice
   * whose volume fell away (a carrier's deliveries held back) counts by its expected weight.
   *
   * @param benchmarks benchmarks of the movements' periods
   * @param values {@code kpi.metric_values} of the same periods, for the slices' numerators and
   *     denominators
   */
  public static Dataset<Row> dimensions(Dataset<Row> movements, Dataset<Row> benchmarks,
      Dataset<Row> values, Measures measures, Localization.Settings settings) {
    Dataset<Row> parts = values.filter(col("slice").notEqual("all"))
        .select(col("metric_id").as("v_metric"), col("grain").as("v_grain"),
            col("period_start").as("v_start"), col("slice").as("v_slice"), col("numerator"),
            col("denominator"));
    Dataset<Row> moved = movements.filter(col("slice").equalTo("all"))
        .select(col("metric_id").as("m_metric"), col("grain").as("m_grain"),
            col("period_start").as("m_start"), col("movement_id"));
    Dataset<Row> rows = benchmarks.filter(col("slice").notEqual("all")
            .and(col("value").isNotNull()).and(col("expected").isNotNull())
            .and(not(concat_ws("|", col("metric_id"), col("slice_dims"))
                .isin(measures.overlappingCuts().toArray()))))
        .join(moved, col("metric_id").equalTo(col("m_metric"))
            .and(col("grain").equalTo(col("m_grain")))
            .and(col("period_start").equalTo(col("m_start"))))
        .join(parts, col("metric_id").equalTo(col("v_metric"))
            .and(col("grain").equalTo(col("v_grain")))
            .and(col("period_start").equalTo(col("v_start")))
            .and(col("slice").equalTo(col("v_slice"))), "left");
    List<Row> ratios = measures.ratioParts().entrySet().stream()
        .map(e -> RowFactory.create(e.getKey(), e.getValue().get(0), e.getValue().get(1)))
        .toList();
    rows = rows.join(rows.sparkSession().createDataFrame(ratios, new StructType()
                .add("r_metric", DataTypes.StringType).add("r_numerator", DataTypes.StringType)
                .add("r_denominator", DataTypes.StringType)),
            col("metric_id").equalTo(col("r_metric")), "left");
    rows = withExpectedPart(rows, benchmarks, "r_numerator", "expected_numerator");
    rows = withExpectedPart(rows, benchmarks, "r_denominator", "expected_denominator")
        .select("movement_id", "metric_id", "grain", "period_start", "slice_dims", "slice",
            "value", "expected", "numerator", "denominator", "expected_low", "expected_high",
            "expected_numerator", "expected_denominator", "expected_denominator_low",
            "expected_denominator_high");
    return rows.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (id, it) ->
            dimensionRows(id, it, measures, settings).iterator(), Encoders.row(SCHEMA));
  }

  /**
   * Adds the expected value and interval ({@code as}, {@code as_low}, {@code as_high}) of the
   * same slice of the metric named in {@code partColumn}.
   */
  private static Dataset<Row> withExpectedPart(Dataset<Row> rows, Dataset<Row> benchmarks,
      String partColumn, String as) {
    Dataset<Row> part = benchmarks.select(col("metric_id").as("_p_metric"),
        col("grain").as("_p_grain"), col("period_start").as("_p_start"),
        col("slice").as("_p_slice"), col("expected").as(as),
        col("expected_low").as(as + "_low"), col("expected_high").as(as + "_high"));
    return rows.join(part, col(partColumn).equalTo(col("_p_metric"))
            .and(col("grain").equalTo(col("_p_grain")))
            .and(col("period_start").equalTo(col("_p_start")))
            .and(col("slice").equalTo(col("_p_slice"))), "left")
        .drop("_p_metric", "_p_grain", "_p_start", "_p_slice");
  }

  static List<Row> dimensionRows(String movementId, java.util.Iterator<Row> it,
      Measures measures, Localization.Settings settings) {
    Map<String, List<Row>> byCut = new TreeMap<>();
    Row first = null;
    while (it.hasNext()) {
      Row r = it.next();
      first = first == null ? r : first;
      byCut.computeIfAbsent(r.getString(4), k -> new ArrayList<>()).add(r);
    }
    if (first == null) {
      return List.of();
    }
    boolean total = measures.totals().contains(first.getString(1));
    List<Localization.Cause> best = List.of();
    double bestScore = 0;
    for (Map.Entry<String, List<Row>> cut : byCut.entrySet()) {
      List<String> dims = Arrays.asList(cut.getKey().split("&"));
      boolean finest = byCut.keySet().stream().noneMatch(other -> !other.equals(cut.getKey())
          && Arrays.asList(other.split("&")).containsAll(dims));
      if (!finest) {
        continue;
      }
      LeafTable leaves = leaves(dims, cut.getValue(), total);
      if (leaves == null) {
        continue;
      }
      List<Localization.Cause> causes = Localization.localize(leaves, settings);
      double score = cutScore(causes);
      if (!causes.isEmpty() && score > bestScore) {
        best = causes;
        bestScore = score;
      }
    }
    List<Row> out = new ArrayList<>();
    int rank = 1;
    for (Localization.Cause c : best) {
      out.add(RowFactory.create(movementId, first.getString(1), first.getString(2),
          first.getDate(3), "dimension", "localization", c.text(), c.contribution(),
          Double.isNaN(c.share()) ? null : c.share(), c.score(), rank++));
    }
    return out;
  }

  /**
   * How well a cut's causes explain the change: the shares its leading causes explain, less a
   * penalty for every cause after the first and for the size of the population they cover, at
   * the number of leading causes where this is best (a tail of small, noisy causes does not
   * count against the cut). A cut that correlates with the true one (the warehouses that ship
   * with a delayed carrier) also explains the change, but with more and larger elements.
   */
  static double cutScore(List<Localization.Cause> causes) {
    double best = Double.NEGATIVE_INFINITY;
    double score = CAUSE_PENALTY;
    for (Localization.Cause c : causes) {
      score += (Double.isNaN(c.share()) ? 0 : Math.min(Math.abs(c.share()), 1.5))
          - SIZE_PENALTY * c.size() - CAUSE_PENALTY;
      best = Math.max(best, score);
    }
    return best;
  }

  /** The leaves of one cut; null when a ratio metric's leaves lack their parts. */
  private static LeafTable leaves(List<String> dims, List<Row> rows, boolean total) {
    LeafTable.Builder table = total ? LeafTable.additive(dims) : LeafTable.ratio(dims);
    for (Row r : rows) {
      List<String> values = new ArrayList<>();
      for (String pair : r.getString(5).split("&")) {
        values.add(pair.substring(pair.indexOf('=') + 1));
      }
      double v = r.getDouble(6);
      double e = r.getDouble(7);
      if (total) {
        table.add(values, v, e);
      } else {
        if (r.isNullAt(9)) {
          return null;
        }
        double denominator = r.getDouble(9);
        boolean parts = !r.isNullAt(12) && !r.isNullAt(13) && r.getDouble(13) > 0;
        table.add(values, v * denominator, denominator,
            parts ? r.getDouble(12) : e * denominator, parts ? r.getDouble(13) : denominator);
      }
      if (!r.isNullAt(10) && !r.isNullAt(11) && r.getDouble(10) <= r.getDouble(11)) {
        table.interval(r.getDouble(10), r.getDouble(11));
      }
      if (!total && !r.isNullAt(13) && !r.isNullAt(14) && !r.isNullAt(15)
          && r.getDouble(14) <= r.getDouble(15)) {
        table.denominatorInterval(r.getDouble(14), r.getDouble(15));
      }
    }
    return table.build();
  }
}
