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

  private static final JobSpec SPEC = JobSpec.daily(STAGE, "benchmark every value of the run "
      + "date(s) against history, targets and peers into kpi.benchmarks and kpi.scorecard",
      Requirement.CATALOG);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    TableIo tables = context.tables();
    Dataset<Row> stored = tables.read(MetricValuesTable.CONTRACT);
    Dataset<Row> peers = tables.readOrEmpty(ReferenceTables.PEER_BENCHMARKS);
    Dataset<Row> rows = Benchmarks.ofRun(stored, tables.readOrEmpty(ReferenceTables.TARGETS),
            peers, Benchmarks.metricInfo(context.spark(), catalog), context.conf().benchmarks(),
            dates.from(), dates.to())
        .persist(StorageLevel.MEMORY_AND_DISK());
    tables.replace(BenchmarksTable.CONTRACT, rows,
        MetricComputation.touchedPartitions(dates.from(), dates.to()));
    Map<String, Object> details = new LinkedHashMap<>();
    for (Row r : rows.groupBy("status").count().collectAsList()) {
      details.put(r.isNullAt(0) ? "no_status" : r.getString(0), r.getLong(1));
    }
    if (context.conf().tree().isPresent()) {
      writeScorecard(context, catalog, context.conf().tree().get(), rows,
          stored.filter(col("value").isNotNull()), peers, dates);
    }
    rows.unpersist();
    LOG.info("benchmark {}: statuses {}", dates, details);
    return new JobResult(details);
  }

  /** The balanced scorecard of the touched periods and the target review as of the run date. */
  private static void writeScorecard(JobContext context, MetricCatalog catalog, KpiTree tree,
      Dataset<Row> benchmarks, Dataset<Row> values, Dataset<Row> peers, RunDates dates) {
    BenchmarkSettings settings = context.conf().benchmarks();
    TableIo tables = context.tables();
    Dataset<Row> kpis = Scorecard.kpis(context.spark(), tree, catalog);
    Column scorecardCut = col("slice").equalTo("all")
        .and(col("grain").isin(Scorecard.GRAINS.toArray()));
    Dataset<Row> scorecard = Scorecard.of(benchmarks.filter(scorecardCut),
        values.filter(scorecardCut), kpis, settings.trendPeriods());
    tables.replace(ScorecardTable.CONTRACT, scorecard,
        MetricComputation.touchedPartitions(dates.from(), dates.to()));
    Dataset<Row> review = Scorecard.targetReview(tables.read(BenchmarksTable.CONTRACT), peers,
            kpis, dates.to(), settings.targetReviewPeriods(), settings.peerMaxAgeDays())
        .withColumn("stage", lit(STAGE));
    tables.replace(AlignmentAuditTable.CONTRACT, review,
        col("run_date").equalTo(lit(Date.valueOf(dates.to()))).and(col("stage").equalTo(STAGE)));
  }
}
