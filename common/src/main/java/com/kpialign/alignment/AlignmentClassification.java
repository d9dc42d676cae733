package com.kpialign.alignment;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns the best lag of every pair into the rows of {@code kpi.alignment} (see
 * {@link com.kpialign.table.AlignmentTable} for the classes): pairs, metrics (vanity or related to
 * the strategy) and the alignment score per vertical and overall.
 */
public final class AlignmentClassification {
  public static final List<String> JUDGED = List.of("aligned", "leading_indicator", "conflict",
      "trade_off");

  private AlignmentClassification() {}

  /**
   * @param best best-lag rows of the tests: {@code grain, metric_a, metric_b, vertical_a,
   *     vertical_b, pair_kind, expected_sign, slice, lag, pearson_r, pearson_q, significant}
   * @return pair rows: {@code grain, subject_type, subject_id, metric_a, metric_b, slice,
   *     classification, sign, expected_sign, r, q, lag, leader, follower, related_kpis,
   *     judged_pairs, score, detail}, plus {@code vertical_a, vertical_b} for the scores
   */
  public static Dataset<Row> pairs(Dataset<Row> best) {
    Column sign = signum(col("pearson_r")).cast("int");
    Column classification = when(col("significant").equalTo(false), "unrelated")
        .when(col("expected_sign").isNull(), "related")
        .when(sign.equalTo(col("expected_sign")), when(col("lag").notEqual(0),
            "leading_indicator").otherwise("aligned"))
        .when(col("both_totals"), "scale_linked")
        .when(col("pair_kind").equalTo("tree_edge")
            .or(col("vertical_a").notEqual(col("vertical_b"))), "conflict")
        .otherwise("trade_off");
    Column related = col("significant").and(col("lag").notEqual(0));
    Column leader = when(related, when(col("lag").gt(0), col("metric_a"))
        .otherwise(col("metric_b")));
    Column follower = when(related, when(col("lag").gt(0), col("metric_b"))
        .otherwise(col("metric_a")));
    return best.select(col("grain"), lit("pair").as("subject_type"),
            concat(col("metric_a"), lit(" ~ "), col("metric_b")).as("subject_id"),
            col("metric_a"), col("metric_b"), col("slice"), classification.as("classification"),
            when(col("significant"), sign).as("sign"), col("expected_sign"),
            col("pearson_r").as("r"), col("pearson_q").as("q"), abs(col("lag")).as("lag"),
            leader.as("leader"), follower.as("follower"),
            lit(null).cast("int").as("related_kpis"), lit(null).cast("int").as("judged_pairs"),
            lit(null).cast("double").as("score"), col("vertical_a"), col("vertical_b"),
            col("pair_kind"), col("edge"))
        .withColumn("detail", detail());
  }

  private static Column detail() {
    Column relation = format_string("r = %.2f at lag %d (q = %.2g)", col("r"), col("lag"),
        col("q"));
    Column lead = format_string("%s leads %s by %d", col("leader"), col("follower"), col("lag"));
    return when(col("r").isNull(), "no coefficient")
        .when(col("classification").equalTo("unrelated"),
            concat(lit("no significant relation; strongest "), relation))
        .when(col("leader").isNotNull(), concat(lead, lit(": "), relation))
        .otherwise(relation);
  }

  /**
   * One row per metric and grain: an objective's KPI, related to at least one (how many), an
   * input other metrics are computed from, or a vanity metric: none of these.
   *
   * @param pairs rows from {@link #pairs}
   * @param metrics {@code metric_id, vertical, objective_kpi, input_of} of every catalog metric
   *     ({@link KpiPairs#metricInfo})
   * @param grains {@code grain}: the grains of the run
   */
  public static Dataset<Row> metrics(Dataset<Row> pairs, Dataset<Row> metrics,
      Dataset<Row> grains) {
    Dataset<Row> objectiveKpis = metrics.filter(col("objective_kpi"))
        .select(col("metric_id").as("other"));
    Dataset<Row> significant = pairs.filter(col("slice").equalTo("all")
        .and(col("classification").notEqual("unrelated")));
    Dataset<Row> ends = significant.select(col("grain"), col("metric_a").as("metric_id"),
            col("metric_b").as("other"))
        .unionByName(significant.select(col("grain"), col("metric_b").as("metric_id"),
            col("metric_a").as("other")))
        .join(objectiveKpis, "other")
        .groupBy("grain", "metric_id").agg(countDistinct("other").cast("int").as("related"));
    Column related = coalesce(col("related"), lit(0));
    // a metric other metrics are computed from (a rate's numerator) is judged through them
    Column classification = when(col("objective_kpi"), "objective_kpi")
        .when(related.gt(0), "related").when(col("input_of").isNotNull(), "input")
        .otherwise("vanity");
    return metrics.crossJoin(grains).join(ends, new String[] {"grain", "metric_id"}, "left")
        .select(col("grain"), lit("metric").as("subject_type"), col("metric_id").as("subject_id"),
            col("metric_id").as("metric_a"), lit(null).cast("string").as("metric_b"),
            lit("all").as("slice"), classification.as("classification"),
            lit(null).cast("int").as("sign"), lit(null).cast("int").as("expected_sign"),
            lit(null).cast("double").as("r"), lit(null).cast("double").as("q"),
            lit(null).cast("int").as("lag"), lit(null).cast("string").as("leader"),
            lit(null).cast("string").as("follower"), related.as("related_kpis"),
            lit(null).cast("int").as("judged_pairs"), lit(null).cast("double").as("score"),
            when(col("objective_kpi"), "a KPI of an objective")
                .when(related.gt(0), format_string("significantly related to %d objective "
                    + "KPI(s)", related))
                .when(col("input_of").isNotNull(), format_string("an input of %s: judged "
                    + "through the metrics computed from it",
                    regexp_replace(col("input_of"), ",", ", ")))
                .otherwise("no significant relation to any objective's KPI").as("detail"));
  }

  /**
   * The alignment score per vertical and overall: aligned and leading pairs over the judged pairs
   * (those plus conflicts and trade-offs) on slice {@code all}.
   *
   * @param pairs rows from {@link #pairs}
   * @param verticals {@code vertical}: every vertical of the catalog
   * @param grains {@code grain}: the grains of the run
   */
  public static Dataset<Row> scores(Dataset<Row> pairs, Dataset<Row> verticals,
      Dataset<Row> grains) {
    Dataset<Row> judged = pairs.filter(col("slice").equalTo("all")
            .and(col("classification").isin(JUDGED.toArray())))
        .withColumn("good", when(col("classification").isin("aligned", "leading_indicator"), 1)
            .otherwise(0));
    Dataset<Row> perVertical = judged
        .withColumn("vertical", explode(array_distinct(array(col("vertical_a"),
            col("vertical_b")))))
        .groupBy("grain", "vertical").agg(count(lit(1)).as("judged"), sum("good").as("good"));
    Dataset<Row> overall = judged.groupBy("grain").agg(count(lit(1)).as("judged"),
        sum("good").as("good")).withColumn("vertical", lit("overall"));
    Dataset<Row> all = verticals.unionByName(verticals.sparkSession().sql(
        "SELECT 'overall' AS vertical"));
    Column judgedPairs = coalesce(col("judged"), lit(0L)).cast("int");
    Column score = when(judgedPairs.gt(0), col("good").divide(col("judged")));
    return all.crossJoin(grains)
        .join(perVertical.unionByName(overall), new String[] {"grain", "vertical"}, "left")
        .select(col("grain"), when(col("vertical").equalTo("overall"), "overall")
                .otherwise("vertical").as("subject_type"), col("vertical").as("subject_id"),
            lit(null).cast("string").as("metric_a"), lit(null).cast("string").as("metric_b"),
            lit("all").as("slice"), lit("score").as("classification"),
            lit(null).cast("int").as("sign"), lit(null).cast("int").as("expected_sign"),
            lit(null).cast("double").as("r"), lit(null).cast("double").as("q"),
            lit(null).cast("int").as("lag"), lit(null).cast("string").as("leader"),
            lit(null).cast("string").as("follower"), lit(null).cast("int").as("related_kpis"),
            judgedPairs.as("judged_pairs"), score.as("score"),
            when(judgedPairs.gt(0), format_string("%d of %d significant pairs aligned",
                col("good"), judgedPairs)).otherwise("no significant pair to judge")
                .as("detail"));
  }

  /** A grain as an adverb: daily, weekly, monthly, quarterly. */
  static Column adverb(Column grain) {
    return when(grain.equalTo("day"), lit("daily")).otherwise(concat(grain, lit("ly")));
  }

  /**
   * What a KPI council should review: conflicts and leading indicators on slice {@code all},
   * vanity metrics, and influences of the tree that no grain confirms: rows of
   * {@code kpi.alignment_audit} without run date, stage and run id.
   *
   * @param alignment this run's rows of {@code kpi.alignment}
   * @param pairs rows from {@link #pairs}
   */
  public static Dataset<Row> findings(Dataset<Row> alignment, Dataset<Row> pairs) {
    Dataset<Row> overall = alignment.filter(col("slice").equalTo("all"));
    Dataset<Row> conflicts = overall.filter(col("classification").equalTo("conflict"))
        .select(lit("kpi_conflict").as("finding"), lit("warning").as("severity"),
            lit("metric_pair").as("subject_type"), col("subject_id"),
            concat(adverb(col("grain")), lit(": "), col("detail"),
                lit(", against the expected sign")).as("detail"), col("r").as("value"));
    Dataset<Row> leading = overall.filter(col("classification").equalTo("leading_indicator"))
        .select(lit("leading_indicator").as("finding"), lit("info").as("severity"),
            lit("metric_pair").as("subject_type"), col("subject_id"),
            concat(adverb(col("grain")), lit(": "), col("detail"))
                .as("detail"), col("lag").cast("double").as("value"));
    Dataset<Row> vanity = overall.filter(col("classification").equalTo("vanity"))
        .groupBy("subject_id").agg(count(lit(1)).as("grains"))
        .filter(col("grains").equalTo(2))
        .select(lit("vanity_metric").as("finding"), lit("warning").as("severity"),
            lit("metric").as("subject_type"), col("subject_id"),
            lit("no significant relation to any objective's KPI, daily or weekly").as("detail"),
            lit(null).cast("double").as("value"));
    Dataset<Row> unconfirmed = pairs.filter(col("edge").equalTo("influence")
            .and(col("slice").equalTo("all")))
        .groupBy("subject_id").agg(sum(
            when(col("classification").isin("aligned", "leading_indicator"), 1)
                .otherwise(0)).as("confirmed"))
        .filter(col("confirmed").equalTo(0))
        .select(lit("unconfirmed_edge").as("finding"), lit("info").as("severity"),
            lit("metric_pair").as("subject_type"), col("subject_id"),
            lit("an influence of the tree the data does not confirm with the expected sign at "
                + "any lag, daily or weekly").as("detail"), lit(null).cast("double").as("value"));
    return conflicts.unionByName(leading).unionByName(vanity).unionByName(unconfirmed);
  }
}
