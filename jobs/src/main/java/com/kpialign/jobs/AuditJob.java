package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.audit.AlignmentAudit;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.table.AlignmentAuditTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.ReferenceTables;
import com.kpialign.table.TableIo;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    List<AlignmentAudit.Finding> findings = new ArrayList<>(AlignmentAudit.ofDefinitions(tree,
        catalog, asOf, metricsWithTargets(context.tables())));
    context.tables().readIfExists(MetricValuesTable.CONTRACT).ifPresent(values ->
        findings.addAll(AlignmentAudit.ofValues(values, tree, dates.from(), asOf)));
    List<Row> rows = findings.stream().map(f -> RowFactory.create(Date.valueOf(asOf), STAGE,
        f.finding(), f.severity(), f.subjectType(), f.subjectId(), f.detail(), f.value(),
        context.runId())).toList();
    context.tables().replace(AlignmentAuditTable.CONTRACT,
        context.spark().createDataFrame(rows, AlignmentAuditTable.SCHEMA),
        col("run_date").equalTo(lit(Date.valueOf(asOf))).and(col("stage").equalTo(STAGE)));
    return new JobResult(Map.of("findings", rows.size()));
  }

  private static Set<String> metricsWithTargets(TableIo tables) {
    Set<String> out = new HashSet<>();
    tables.readIfExists(ReferenceTables.TARGETS).ifPresent(targets -> targets
        .select("metric_id").distinct().collectAsList().forEach(r -> out.add(r.getString(0))));
    return out;
  }
}
