package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.benchmark.BenchmarkSettings;
import com.kpialign.benchmark.Benchmarks;
import com.kpialign.benchmark.Scorecard;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.table.AlignmentAuditTable;
import com.kpialign.table.BenchmarksTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.ScorecardTable;
import com.kpialign.table.ContractColumns;
import com.kpialign.table.TableWrite;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 3: every value the run touched (the run's days and their weeks, months and quarters,
 * every slice) against its history, target and peers, with a status, into
 * {@code kpi.benchmarks}; the balanced scorecard of the objectives' KPIs into
 * {@code kpi.scorecard}; the target review into {@code kpi.alignment_audit} (stage
 * {@code benchmark}). History is read whole per series, so a nightly run judges its day against
 * everything before it. See {@link Benchmarks} and {@link com.kpialign.benchmark.SeriesBenchmarks}.
 */
public final class BenchmarkJob implements Job {
  static final String STAGE = "benchmark";
  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkJob.class);

  @Override
  public String name() {
    return STAGE;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    BenchmarkSettings settings = context.conf().benchmarks();
    var db = context.conf().environment().databases();
    SparkSession spark = context.spark();
    context.warehouse().ensureTable(db.kpi(), BenchmarksTable.TABLE, BenchmarksTable.SCHEMA,
        BenchmarksTable.PARTITION_COLUMNS, Map.of());
    context.warehouse().ensureTable(db.kpi(), ScorecardTable.TABLE, ScorecardTable.SCHEMA,
        ScorecardTable.PARTITION_COLUMNS, Map.of());
    String valuesTable = MetricValuesTable.name(db.kpi());
    Map<String, Long> inputs = new LinkedHashMap<>();
    inputs.put(valuesTable, context.warehouse().version(valuesTable));
    Dataset<Row> all = spark.table(valuesTable);
    Dataset<Row> values = all.filter(col("value").isNotNull());
    Dataset<Row> touched = values.filter(MetricComputation.touchedPartitions(dates.from(),
        dates.to()));
    Dataset<Row> withoutValue = Benchmarks.withoutValue(all.filter(
        MetricComputation.touchedPartitions(dates.from(), dates.to())), BenchmarksTable.SCHEMA);
    Dataset<Row> targets = optional(context, db.raw() + ".targets", inputs);
    Dataset<Row> peers = optional(context, db.raw() + ".peer_benchmarks", inputs);
    Dataset<Row> info = Benchmarks.metricInfo(spark, catalog);

    Dataset<Row> series = Benchmarks.series(values, settings, dates.from(), dates.to());
    Dataset<Row> rows = Benchmarks.withPeriod(series, touched);
    rows = Benchmarks.withTargets(rows, targets, info);
    rows = Benchmarks.withPeers(rows, peers, settings.peerMaxAgeDays());
    rows = Benchmarks.withSiblingRank(rows);
    rows = Benchmarks.withStatus(rows, settings.status())
        .select(ContractColumns.of(BenchmarksTable.SCHEMA, "run_id", "run_date"))
        .unionByName(withoutValue)
        .withColumn("run_id", lit(context.runId()))
        .withColumn("run_date", lit(Date.valueOf(dates.to())))
        .select(ContractColumns.of(BenchmarksTable.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<TableWrite> writes = new ArrayList<>();
    writes.add(context.warehouse().replace(BenchmarksTable.name(db.kpi()), rows,
        MetricComputation.touchedPartitions(dates.from(), dates.to())));
    Map<String, Object> details = new LinkedHashMap<>();
    for (Row r : rows.groupBy("status").count().collectAsList()) {
      details.put(r.isNullAt(0) ? "no_status" : r.getString(0), r.getLong(1));
    }

    if (context.conf().tree().isPresent()) {
      KpiTree tree = context.conf().tree().get();
      Dataset<Row> kpis = Scorecard.kpis(spark, tree, catalog);
      Column scorecardCut = col("slice").equalTo("all")
          .and(col("grain").isin(Scorecard.GRAINS.toArray()));
      Dataset<Row> scorecard = Scorecard.of(rows.filter(scorecardCut), values.filter(
              scorecardCut), kpis, settings.trendPeriods())
          .withColumn("run_id", lit(context.runId()))
          .withColumn("run_date", lit(Date.valueOf(dates.to())));
      writes.add(context.warehouse().replace(ScorecardTable.name(db.kpi()),
          scorecard.select(ContractColumns.of(ScorecardTable.SCHEMA)),
          MetricComputation.touchedPartitions(dates.from(), dates.to())));
      context.warehouse().ensureTable(db.kpi(), AlignmentAuditTable.TABLE,
          AlignmentAuditTable.SCHEMA, List.of(), Map.of());
      Date asOf = Date.valueOf(dates.to());
      Dataset<Row> review = Scorecard.targetReview(spark.table(BenchmarksTable.name(db.kpi())),
              peers, kpis, dates.to(), settings.targetReviewPeriods(),
              settings.peerMaxAgeDays())
          .withColumn("run_date", lit(asOf)).withColumn("stage", lit(STAGE))
          .withColumn("run_id", lit(context.runId()));
      writes.add(context.warehouse().replace(AlignmentAuditTable.name(db.kpi()),
          review.select(ContractColumns.of(AlignmentAuditTable.SCHEMA)),
          col("run_date").equalTo(lit(asOf)).and(col("stage").equalTo(STAGE))));
    }
    rows.unpersist();
    LOG.info("benchmark {}: statuses {}", dates, details);
    return new JobResult(inputs, writes, details);
  }

  /** A table the benchmarks can do without: empty (with the columns used) when absent. */
  private static Dataset<Row> optional(JobContext context, String name,
      Map<String, Long> inputs) {
    if (context.spark().catalog().tableExists(name)) {
      inputs.put(name, context.warehouse().version(name));
      return context.spark().table(name);
    }
    StructType schema = name.endsWith(".targets")
        ? new StructType().add("metric_id", "string").add("period_grain", "string")
            .add("period_start", "date").add("slice", "string").add("target_value", "double")
        : new StructType().add("metric_id", "string").add("industry", "string")
            .add("period_start", "date").add("p25", "double").add("p50", "double")
            .add("p75", "double");
    return context.spark().createDataFrame(List.of(), schema);
  }

}
