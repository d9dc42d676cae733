package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trunc;

import com.kpialign.benchmark.BenchmarkSettings;
import com.kpialign.benchmark.Benchmarks;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.rca.Incidents;
import com.kpialign.rca.Movements;
import com.kpialign.rca.RootCauses;
import com.kpialign.table.AlertsTable;
import com.kpialign.table.BenchmarksTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.MovementsTable;
import com.kpialign.table.RootCausesTable;
import com.kpialign.table.TableIo;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  private static final JobSpec SPEC = JobSpec.daily(STAGE, "explain the run date(s)' movements "
      + "by driver and dimension into kpi.movements, kpi.root_causes and kpi.alerts",
      Requirement.CATALOG);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    TableIo tables = context.tables();
    Column touched = MetricComputation.touchedPartitions(dates.from(), dates.to());
    // the periods just before the touched ones, for "turned red": a quarter starts 3 months back
    Dataset<Row> history = tables.read(BenchmarksTable.CONTRACT).filter(
        MetricComputation.touchedPartitions(dates.from().minusMonths(3), dates.to()));
    Dataset<Row> benchmarks = history.filter(touched);
    RootCauses.Edges edges = RootCauses.Edges.of(context.conf().tree());
    RootCauses.Measures measures = RootCauses.Measures.of(catalog);
    Dataset<Row> movements = Movements.of(benchmarks, history)
        .select(MovementsTable.CONTRACT.columns("run_id", "run_date"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> causes = RootCauses.of(movements, benchmarks,
            tables.read(MetricValuesTable.CONTRACT).filter(touched), edges, measures)
        .persist(StorageLevel.MEMORY_AND_DISK());
    BenchmarkSettings settings = context.conf().benchmarks();
    Dataset<Row> alerts = Incidents.withRecurrence(Incidents.of(movements, causes,
            Benchmarks.metricInfo(context.spark(), catalog), RootCauses.parts(measures, edges),
            settings.alerts()), priorAlerts(tables, dates, settings.recurrenceWindowDays()),
            settings.recurrenceWindowDays())
        .withColumn("period_month", trunc(col("period_start"), "month"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("movements", tables.replace(MovementsTable.CONTRACT, movements, touched).rows());
    details.put("root_causes", tables.replace(RootCausesTable.CONTRACT, causes, touched).rows());
    details.put("alerts", tables.replace(AlertsTable.CONTRACT, alerts, touched).rows());
    movements.unpersist();
    causes.unpersist();
    return new JobResult(details);
  }

  /**
   * Earlier incidents within the recurrence window, but not those of the periods this run
   * replaces (a week that started before the run date would otherwise count itself again on a
   * re-run).
   */
  private static Dataset<Row> priorAlerts(TableIo tables, RunDates dates, int windowDays) {
    return tables.read(AlertsTable.CONTRACT)
        .filter(col("period_start").geq(lit(Date.valueOf(dates.from().minusDays(windowDays))))
            .and(col("period_start").lt(lit(Date.valueOf(dates.from()))))
            .and(not(MetricComputation.touchedPartitions(dates.from(), dates.to()))));
  }
}
