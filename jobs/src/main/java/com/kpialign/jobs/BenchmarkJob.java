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
import com.kpialign.table.ReferenceTables;
import com.kpialign.table.ScorecardTable;
import com.kpialign.table.TableIo;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

  private static final JobSpec SPEC = JobSpec.daily(STAGE, "benchmark every value of the run date(s) against "
      + "history, targets and peers into kpi.benchmarks and kpi.scorecard", Requirement.CATALOG);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    BenchmarkSettings settings = context.conf().benchmarks();
    SparkSession spark = context.spark();
    TableIo tables = context.tables();
    Dataset<Row> all = tables.read(MetricValuesTable.CONTRACT);
    Dataset<Row> values = all.filter(col("value").isNotNull());
    Dataset<Row> touched = values.filter(MetricComputation.touchedPartitions(dates.from(),
        dates.to()));
    Dataset<Row> withoutValue = Benchmarks.withoutValue(all.filter(
        MetricComputation.touchedPartitions(dates.from(), dates.to())), BenchmarksTable.SCHEMA);
    Dataset<Row> targets = tables.readOrEmpty(ReferenceTables.TARGETS);
    Dataset<Row> peers = tables.readOrEmpty(ReferenceTables.PEER_BENCHMARKS);
    Dataset<Row> info = Benchmarks.metricInfo(spark, catalog);

    Dataset<Row> series = Benchmarks.series(values, settings, dates.from(), dates.to());
    Dataset<Row> rows = Benchmarks.withPeriod(series, touched);
    rows = Benchmarks.withTargets(rows, targets, info);
    rows = Benchmarks.withPeers(rows, peers, settings.peerMaxAgeDays());
    rows = Benchmarks.withSiblingRank(rows);
    rows = Benchmarks.withStatus(rows, settings.status())
        .select(BenchmarksTable.CONTRACT.columns("run_id", "run_date"))
        .unionByName(withoutValue)
        .withColumn("run_id", lit(context.runId()))
        .withColumn("run_date", lit(Date.valueOf(dates.to())))
        .select(BenchmarksTable.CONTRACT.columns())
        .persist(StorageLevel.MEMORY_AND_DISK());
    tables.replace(BenchmarksTable.CONTRACT, rows,
        MetricComputation.touchedPartitions(dates.from(), dates.to()));
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
          .withColumn("run_date", lit(Date.valueOf(dates.to())));
      tables.replace(ScorecardTable.CONTRACT, scorecard,
          MetricComputation.touchedPartitions(dates.from(), dates.to()));
      Date asOf = Date.valueOf(dates.to());
      Dataset<Row> review = Scorecard.targetReview(tables.read(BenchmarksTable.CONTRACT),
              peers, kpis, dates.to(), settings.targetReviewPeriods(),
              settings.peerMaxAgeDays())
          .withColumn("run_date", lit(asOf)).withColumn("stage", lit(STAGE));
      tables.replace(AlignmentAuditTable.CONTRACT, review,
          col("run_date").equalTo(lit(asOf)).and(col("stage").equalTo(STAGE)));
    }
    rows.unpersist();
    LOG.info("benchmark {}: statuses {}", dates, details);
    return new JobResult(details);
  }
}
