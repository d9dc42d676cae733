package com.kpialign.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The balanced scorecard from the benchmarks, and the target review. An objective's status is
 * the worst of its KPIs' (red over amber over green): one KPI off track puts the objective off
 * track, which is what a review meeting needs to see first.
 */
public final class Scorecard {
  public static final List<String> GRAINS = List.of("week", "month", "quarter");

  private Scorecard() {}

  /**
   * {@code objective_id, objective, perspective, objective_owner, metric_id, metric_name,
   * vertical, owner}: each objective's KPIs.
   */
  public static Dataset<Row> kpis(SparkSession spark, KpiTree tree, MetricCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (KpiTree.Objective o : tree.objectives()) {
      for (String kpi : o.kpis()) {
        MetricDefinition m = catalog.metric(kpi).orElseThrow();
        rows.add(RowFactory.create(o.id(), o.statement(), o.perspective().spelling(), o.owner(),
            kpi, m.name(), m.vertical(), m.owner()));
      }
    }
    return spark.createDataFrame(rows, new StructType()
        .add("objective_id", DataTypes.StringType).add("objective", DataTypes.StringType)
        .add("perspective", DataTypes.StringType).add("objective_owner", DataTypes.StringType)
        .add("metric_id", DataTypes.StringType).add("metric_name", DataTypes.StringType)
        .add("vertical", DataTypes.StringType).add("owner", DataTypes.StringType));
  }

  /**
   * Scorecard rows: KPI rows and objective rows, for the benchmarks given.
   *
   * @param benchmarks rows of {@code kpi.benchmarks} (slice {@code all}, grains of
   *     {@link #GRAINS})
   * @param values {@code kpi.metric_values} of the same metrics, grains and slice, whole history
   *     (for the trend)
   */
  public static Dataset<Row> of(Dataset<Row> benchmarks, Dataset<Row> values, Dataset<Row> kpis,
      int trendPeriods) {
    Dataset<Row> trend = values
        .withColumn("trend", collect_list("value").over(Window.partitionBy("metric_id", "grain")
            .orderBy("period_start").rowsBetween(-(trendPeriods - 1), Window.currentRow())))
        .select("metric_id", "grain", "period_start", "trend");
    Dataset<Row> kpiRows = benchmarks.join(kpis, "metric_id")
        .join(trend, new String[] {"metric_id", "grain", "period_start"}, "left")
        .select(col("grain"), col("period_start"), col("period_end"), col("period_complete"),
            col("perspective"), col("objective_id"), col("objective"),
            lit("kpi").as("subject_type"), col("metric_id"), col("metric_name"),
            col("vertical"), col("owner"), col("value"), col("target"), col("attainment"),
            col("status"), col("status_reason"), col("trend"), col("period_month"),
            col("objective_owner"));
    Column severity = Benchmarks.severity(col("status"));
    Dataset<Row> objectives = kpiRows
        .groupBy("grain", "period_start", "perspective", "objective_id", "objective",
            "objective_owner", "period_month")
        .agg(max("period_end").as("period_end"),
            min(col("period_complete").cast("int")).cast("boolean").as("period_complete"),
            max(severity).as("worst"),
            sum(when(col("status").equalTo("red"), 1).otherwise(0)).as("red"),
            sum(when(col("status").equalTo("amber"), 1).otherwise(0)).as("amber"),
            sum(when(col("status").equalTo("green"), 1).otherwise(0)).as("green"),
            count(lit(1)).as("kpis"))
        .select(col("grain"), col("period_start"), col("period_end"), col("period_complete"),
            col("perspective"), col("objective_id"), col("objective"),
            lit("objective").as("subject_type"), lit(null).cast("string").as("metric_id"),
            lit(null).cast("string").as("metric_name"), lit(null).cast("string").as("vertical"),
            col("objective_owner").as("owner"), lit(null).cast("double").as("value"),
            lit(null).cast("double").as("target"), lit(null).cast("double").as("attainment"),
            when(col("worst").equalTo(3), "red").when(col("worst").equalTo(2), "amber")
                .when(col("worst").equalTo(1), "green").as("status"),
            format_string("worst of %d KPIs: %d red, %d amber, %d green, %d without status",
                col("kpis"), col("red"), col("amber"), col("green"),
                col("kpis").minus(col("red")).minus(col("amber")).minus(col("green")))
                .as("status_reason"),
            lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)).as("trend"),
            col("period_month"));
    return kpiRows.drop("objective_owner").unionByName(objectives);
  }

  /**
   * Target review as of {@code asOf}: KPIs whose monthly target (slice all) was met in each of
   * the last {@code periods} complete months that had one (too easy), or missed in each
   * (unrealistic); objectives' KPIs with no peer benchmark, or only one older than
   * {@code maxAgeDays}. Rows: {@code finding, severity, subject_type, subject_id, detail, value}.
   *
   * @param benchmarks {@code kpi.benchmarks}
   * @param peers {@code raw.peer_benchmarks} (may be empty)
   */
  public static Dataset<Row> targetReview(Dataset<Row> benchmarks, Dataset<Row> peers,
      Dataset<Row> kpis, LocalDate asOf, int periods, int maxAgeDays) {
    Dataset<Row> months = benchmarks.filter(col("grain").equalTo("month")
            .and(col("slice").equalTo("all")).and(col("period_complete"))
            .and(col("target").isNotNull()).and(col("attainment").isNotNull())
            .and(col("period_end").leq(lit(Date.valueOf(asOf)))))
        .withColumn("_recent", row_number().over(Window.partitionBy("metric_id")
            .orderBy(col("period_start").desc())))
        .filter(col("_recent").leq(periods))
        .groupBy("metric_id").agg(count(lit(1)).as("n"),
            sum(when(col("attainment").geq(1), 1).otherwise(0)).as("met"),
            min("attainment").as("lowest"), max("attainment").as("highest"))
        .filter(col("n").equalTo(periods));
    Dataset<Row> easy = months.filter(col("met").equalTo(periods))
        .select(lit("target_too_easy").as("finding"), lit("warning").as("severity"),
            lit("metric").as("subject_type"), col("metric_id").as("subject_id"),
            format_string("target met in each of the last %d months (attainment %.3f to "
                + "%.3f): revisit the target", col("n"), col("lowest"), col("highest"))
                .as("detail"), col("lowest").as("value"));
    Dataset<Row> unrealistic = months.filter(col("met").equalTo(0))
        .select(lit("target_unrealistic").as("finding"), lit("warning").as("severity"),
            lit("metric").as("subject_type"), col("metric_id").as("subject_id"),
            format_string("target missed in each of the last %d months (attainment %.3f to "
                + "%.3f): revisit the target", col("n"), col("lowest"), col("highest"))
                .as("detail"), col("highest").as("value"));
    Dataset<Row> latestPeer = peers.filter(col("period_start").leq(lit(Date.valueOf(asOf))))
        .groupBy("metric_id").agg(max("period_start").as("latest"));
    Dataset<Row> kpiIds = kpis.select("metric_id").distinct();
    Dataset<Row> withPeer = kpiIds.join(latestPeer, new String[] {"metric_id"}, "left");
    Dataset<Row> missing = withPeer.filter(col("latest").isNull())
        .select(lit("peer_benchmark_missing").as("finding"), lit("info").as("severity"),
            lit("metric").as("subject_type"), col("metric_id").as("subject_id"),
            lit("no industry benchmark for this objective's KPI: revisit benchmarks")
                .as("detail"), lit(null).cast("double").as("value"));
    Column age = org.apache.spark.sql.functions.datediff(lit(Date.valueOf(asOf)), col("latest"));
    Dataset<Row> stale = withPeer.filter(age.gt(maxAgeDays))
        .select(lit("peer_benchmark_stale").as("finding"), lit("warning").as("severity"),
            lit("metric").as("subject_type"), col("metric_id").as("subject_id"),
            format_string("latest industry benchmark from %s, %d days old: revisit benchmarks",
                col("latest").cast("string"), age).as("detail"),
            age.cast("double").as("value"));
    return easy.unionByName(unrealistic).unionByName(missing).unionByName(stale);
  }
}
