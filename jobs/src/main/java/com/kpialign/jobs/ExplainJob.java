package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trunc;

import com.kpialign.benchmark.Benchmarks;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.rca.Incidents;
import com.kpialign.rca.Localization;
import com.kpialign.rca.Movements;
import com.kpialign.rca.RootCauses;
import com.kpialign.table.AlertsTable;
import com.kpialign.table.BenchmarksTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.MovementsTable;
import com.kpialign.table.RootCausesTable;
import com.kpialign.table.TableIo;
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
import org.apache.spark.storage.StorageLevel;

/**
 * Phase 4: the movements of the periods the run touched ({@code kpi.movements}), what explains
 * each movement of a whole metric, by driver and by dimension ({@code kpi.root_causes}), and the
 * incidents worth a human, with owner, recurrence and a one-sentence summary
 * ({@code kpi.alerts}). Reads {@code kpi.benchmarks} and {@code kpi.metric_values}; every table
 * is replaced for the touched periods only.
 */
public final class ExplainJob implements Job {
  static final String STAGE = "explain";

  private static final JobSpec SPEC = JobSpec.daily(STAGE, "explain the run date(s)' movements by driver and "
      + "dimension into kpi.movements, kpi.root_causes and kpi.alerts", Requirement.CATALOG);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    SparkSession spark = context.spark();
    TableIo tables = context.tables();
    Column touched = MetricComputation.touchedPartitions(dates.from(), dates.to());
    // the periods just before the touched ones, for "turned red": a quarter starts 3 months back
    Dataset<Row> history = tables.read(BenchmarksTable.CONTRACT).filter(
        MetricComputation.touchedPartitions(dates.from().minusMonths(3), dates.to()));
    Dataset<Row> benchmarks = history.filter(touched);
    Dataset<Row> values = tables.read(MetricValuesTable.CONTRACT).filter(touched);
    Date runDate = Date.valueOf(dates.to());

    Dataset<Row> movements = Movements.of(benchmarks, history)
        .withColumn("run_id", lit(context.runId())).withColumn("run_date", lit(runDate))
        .select(MovementsTable.CONTRACT.columns())
        .persist(StorageLevel.MEMORY_AND_DISK());

    RootCauses.Edges edges = context.conf().tree().map(RootCauses.Edges::of)
        .orElseGet(RootCauses.Edges::none);
    RootCauses.Measures measures = RootCauses.Measures.of(catalog);
    Dataset<Row> causes = RootCauses.drivers(movements, benchmarks, edges)
        .unionByName(RootCauses.dimensions(movements, benchmarks, values, measures,
            Localization.Settings.DEFAULT))
        .withColumn("period_month", trunc(col("period_start"), "month"))
        .withColumn("run_id", lit(context.runId())).withColumn("run_date", lit(runDate))
        .select(RootCausesTable.CONTRACT.columns())
        .persist(StorageLevel.MEMORY_AND_DISK());

    int window = context.conf().benchmarks().recurrenceWindowDays();
    // earlier incidents, but not those of the periods this run replaces (a week that started
    // before the run date would otherwise count itself again on a re-run)
    Dataset<Row> prior = tables.read(AlertsTable.CONTRACT)
        .filter(col("period_start").geq(lit(Date.valueOf(dates.from().minusDays(window))))
            .and(col("period_start").lt(lit(Date.valueOf(dates.from()))))
            .and(not(touched)));
    Dataset<Row> alerts = Incidents.withRecurrence(
            Incidents.of(movements, causes, Benchmarks.metricInfo(spark, catalog),
                RootCauses.parts(measures, edges), context.conf().benchmarks().alerts()),
            prior, window)
        .withColumn("period_month", trunc(col("period_start"), "month"))
        .withColumn("run_date", lit(runDate));

    List<TableWrite> writes = new ArrayList<>();
    writes.add(tables.replace(MovementsTable.CONTRACT, movements, touched));
    writes.add(tables.replace(RootCausesTable.CONTRACT, causes, touched));
    writes.add(tables.replace(AlertsTable.CONTRACT, alerts, touched));
    movements.unpersist();
    causes.unpersist();
    Map<String, Object> details = new LinkedHashMap<>();
    for (TableWrite w : writes) {
      details.put(w.table().substring(w.table().indexOf('.') + 1), w.rows());
    }
    return new JobResult(details);
  }
}
