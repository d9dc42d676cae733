package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.audit.AlignmentAudit;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.table.AlignmentAuditTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.ReferenceTables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Phase 1's review: the alignment audit of the KPI tree as of the run's last day, into
 * {@code kpi.alignment_audit} (see {@link AlignmentAudit}). Formula consistency is checked on the
 * periods the run touched; stale and coinciding values on the weeks and days before its last day.
 */
public final class AuditJob implements Job {
  static final String STAGE = "audit";

  private static final JobSpec SPEC = JobSpec.daily(STAGE,
      "audit the KPI tree's alignment as of the run date into kpi.alignment_audit",
      Requirement.CATALOG, Requirement.TREE);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    KpiTree tree = context.conf().requireTree();
    LocalDate asOf = dates.to();
    Set<String> withTargets = new HashSet<>();
    context.tables().readIfExists(ReferenceTables.TARGETS)
        .ifPresent(targets -> targets.select("metric_id").distinct().collectAsList()
            .forEach(r -> withTargets.add(r.getString(0))));
    List<Row> rows = new ArrayList<>();
    for (AlignmentAudit.Finding f : AlignmentAudit.ofDefinitions(tree, catalog, asOf,
        withTargets)) {
      rows.add(RowFactory.create(Date.valueOf(asOf), STAGE, f.finding(), f.severity(),
          f.subjectType(), f.subjectId(), f.detail(), f.value(), context.runId()));
    }
    Optional<Dataset<Row>> stored = context.tables().readIfExists(MetricValuesTable.CONTRACT);
    if (stored.isPresent()) {
      Dataset<Row> values = stored.get();
      Dataset<Row> overall = values.filter(col("slice").equalTo("all"));
      Dataset<Row> weekly = overall.filter(col("grain").equalTo("week")
          .and(col("period_end").leq(lit(Date.valueOf(asOf)))))
          .select("metric_id", "period_start", "value");
      Dataset<Row> lastWeeks = weekly.filter(col("period_start").gt(lit(Date.valueOf(
          asOf.minusWeeks(tree.audit().flatPeriods())))));
      Dataset<Row> halfYear = weekly.filter(col("period_start").gt(lit(Date.valueOf(
          asOf.minusWeeks(AlignmentAudit.DUPLICATE_WINDOW_WEEKS)))));
      Dataset<Row> touched = values.filter(MetricComputation.touchedPartitions(dates.from(),
          asOf));
      for (Dataset<Row> found : List.of(
          AlignmentAudit.flat(lastWeeks, tree.audit().flatPeriods()),
          AlignmentAudit.coinciding(halfYear), AlignmentAudit.formulaMismatches(touched, tree))) {
        found.collectAsList().forEach(r -> rows.add(RowFactory.create(Date.valueOf(asOf), STAGE,
            r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            r.isNullAt(5) ? null : r.getDouble(5), context.runId())));
      }
    }
    context.tables().replace(AlignmentAuditTable.CONTRACT,
        context.spark().createDataFrame(rows, AlignmentAuditTable.SCHEMA),
        col("run_date").equalTo(lit(Date.valueOf(asOf))).and(col("stage").equalTo(STAGE)));
    return new JobResult(Map.of("findings", rows.size()));
  }
}
