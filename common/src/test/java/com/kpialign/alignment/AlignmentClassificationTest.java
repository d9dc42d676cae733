package com.kpialign.alignment;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.kpialign.testing.TestSpark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The classification rules on hand-made best lags, and the scores counted by hand. */
class AlignmentClassificationTest {
  static final StructType BEST = new StructType().add("grain", DataTypes.StringType)
      .add("metric_a", DataTypes.StringType).add("metric_b", DataTypes.StringType)
      .add("vertical_a", DataTypes.StringType).add("vertical_b", DataTypes.StringType)
      .add("pair_kind", DataTypes.StringType).add("edge", DataTypes.StringType)
      .add("both_totals", DataTypes.BooleanType).add("expected_sign", DataTypes.IntegerType)
      .add("slice", DataTypes.StringType).add("lag", DataTypes.IntegerType)
      .add("pearson_r", DataTypes.DoubleType).add("pearson_q", DataTypes.DoubleType)
      .add("significant", DataTypes.BooleanType);

  static Row best(String a, String b, String va, String vb, String kind, String edge,
      boolean totals, Integer expected, int lag, double r, boolean significant) {
    return RowFactory.create("day", a, b, va, vb, kind, edge, totals, expected, "all", lag, r,
        significant ? 0.001 : 0.4, significant);
  }

  static final List<Row> ROWS = List.of(
      // significant with the expected sign, same day
      best("csat", "ontime", "support", "ops", "tree_edge", "influence", false, 1, 0, 0.6, true),
      // b leads a by 7 days, with the expected sign
      best("csat", "late_share", "support", "ops", "cross_vertical", null, false, -1, -7, -0.4,
          true),
      // a leads b by 2 days
      best("ads", "csat", "marketing", "support", "cross_vertical", null, false, 1, 2, 0.3, true),
      // opposite of the expected sign between verticals
      best("conversion", "signups", "product", "marketing", "cross_vertical", null, false, 1, 0,
          -0.7, true),
      // opposite, but both are totals that grow with volume
      best("cogs", "revenue", "finance", "sales", "cross_vertical", null, true, -1, 0, 0.9, true),
      // opposite within one vertical, off the tree
      best("aov", "revenue", "sales", "sales", "objective_kpi", null, false, 1, 0, -0.5, true),
      // a band metric: no expected sign
      best("csat", "stock", "support", "ops", "cross_vertical", null, false, null, 0, 0.5, true),
      // nothing significant
      best("ads", "ontime", "marketing", "ops", "cross_vertical", null, false, 1, 3, 0.1, false));

  static Map<String, Row> pairs() {
    SparkSession spark = TestSpark.session();
    Map<String, Row> out = new HashMap<>();
    for (Row r : AlignmentClassification.pairs(spark.createDataFrame(ROWS, BEST))
        .collectAsList()) {
      out.put(r.getAs("subject_id"), r);
    }
    return out;
  }

  @Test
  void eachRule() {
    Map<String, Row> p = pairs();
    assertEquals("aligned", p.get("csat ~ ontime").getAs("classification"));
    Row lagging = p.get("csat ~ late_share");
    assertEquals("leading_indicator", lagging.getAs("classification"));
    assertEquals("late_share", lagging.getAs("leader"));
    assertEquals("csat", lagging.getAs("follower"));
    assertEquals(7, (int) lagging.getAs("lag"));
    assertEquals("late_share leads csat by 7: r = -0.40 at lag 7 (q = 0.0010)",
        lagging.getAs("detail"));
    Row leading = p.get("ads ~ csat");
    assertEquals("ads", leading.getAs("leader"));
    assertEquals(2, (int) leading.getAs("lag"));
    assertEquals("conflict", p.get("conversion ~ signups").getAs("classification"));
    assertEquals(-1, (int) p.get("conversion ~ signups").getAs("sign"));
    assertEquals("scale_linked", p.get("cogs ~ revenue").getAs("classification"));
    assertEquals("trade_off", p.get("aov ~ revenue").getAs("classification"));
    assertEquals("related", p.get("csat ~ stock").getAs("classification"));
    Row none = p.get("ads ~ ontime");
    assertEquals("unrelated", none.getAs("classification"));
    assertNull(none.getAs("leader"));
    assertNull(none.getAs("sign"));
  }

  @Test
  void vanityMetricsAndScores() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> pairs = AlignmentClassification.pairs(spark.createDataFrame(ROWS, BEST));
    Dataset<Row> metrics = spark.createDataFrame(List.of(
        RowFactory.create("csat", "support", true, null),
        RowFactory.create("ontime", "ops", false, null),
        RowFactory.create("ads", "marketing", false, null),
        RowFactory.create("stock", "ops", false, null),
        RowFactory.create("idle", "ops", false, null),
        RowFactory.create("late_deliveries", "ops", false, "late_rate,ontime")), new StructType()
        .add("metric_id", DataTypes.StringType).add("vertical", DataTypes.StringType)
        .add("objective_kpi", DataTypes.BooleanType).add("input_of", DataTypes.StringType));
    Dataset<Row> grains = spark.createDataFrame(List.of(RowFactory.create("day")),
        new StructType().add("grain", DataTypes.StringType));
    Map<String, Row> m = new HashMap<>();
    AlignmentClassification.metrics(pairs, metrics, grains).collectAsList()
        .forEach(r -> m.put(r.getAs("subject_id"), r));
    assertEquals("objective_kpi", m.get("csat").getAs("classification"));
    // ads leads csat; stock relates to csat; ontime is aligned with it: one objective KPI each
    assertEquals(1, (int) m.get("ads").getAs("related_kpis"));
    assertEquals("related", m.get("stock").getAs("classification"));
    assertEquals("vanity", m.get("idle").getAs("classification"));
    assertEquals(0, (int) m.get("idle").getAs("related_kpis"));
    // a numerator related to no KPI itself is judged through the rates computed from it
    assertEquals("input", m.get("late_deliveries").getAs("classification"));
    assertEquals("an input of late_rate, ontime: judged through the metrics computed from it",
        m.get("late_deliveries").getAs("detail"));

    Dataset<Row> verticals = spark.createDataFrame(List.of(RowFactory.create("support"),
        RowFactory.create("ops"), RowFactory.create("marketing"), RowFactory.create("product"),
        RowFactory.create("finance"), RowFactory.create("sales"), RowFactory.create("people")),
        new StructType().add("vertical", DataTypes.StringType));
    Map<String, Row> s = new HashMap<>();
    AlignmentClassification.scores(pairs, verticals, grains).collectAsList()
        .forEach(r -> s.put(r.getAs("subject_id"), r));
    // judged: aligned, leading x2, conflict, trade_off (scale_linked, related, unrelated are not)
    assertEquals(5, (int) s.get("overall").getAs("judged_pairs"));
    assertEquals(3.0 / 5, s.get("overall").<Double>getAs("score"), 1e-12);
    // support: aligned (csat~ontime), leading (csat~late_share), leading (ads~csat): 3 of 3
    assertEquals(1.0, s.get("support").<Double>getAs("score"), 1e-12);
    // marketing: leading (ads~csat) and the conflict (conversion~signups): 1 of 2
    assertEquals(0.5, s.get("marketing").<Double>getAs("score"), 1e-12);
    // sales: the trade-off only (cogs~revenue is scale): 0 of 1
    assertEquals(0.0, s.get("sales").<Double>getAs("score"), 1e-12);
    assertEquals(0, (int) s.get("people").getAs("judged_pairs"));
    assertNull(s.get("people").getAs("score"));
    assertEquals("no significant pair to judge", s.get("people").getAs("detail"));
    assertEquals(0L, spark.createDataFrame(List.copyOf(s.values()), s.get("people").schema())
        .filter(col("classification").notEqual("score")).count());
  }
}
