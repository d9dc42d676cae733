package com.kpialign.jobs;

import com.kpialign.catalog.CatalogRows;
import com.kpialign.catalog.DefinitionHistory;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.table.DimMetricTable;
import com.kpialign.table.KpiTreeTables;
import com.kpialign.table.TableIo;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Phase 1: publishes the validated metric catalog as {@code kpi.dim_metric}, the current
 * definition of every metric, and the KPI tree as {@code kpi.dim_objective} and
 * {@code kpi.kpi_edges}, each replaced whole on every run.
 */
public final class CatalogJob implements Job {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatalogJob.class);

  private static final JobSpec SPEC = JobSpec.daily("catalog", "publish the metric catalog "
      + "and the KPI tree as kpi.dim_metric, kpi.dim_objective and kpi.kpi_edges",
      Requirement.CATALOG).withCommand("publish");

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    TableIo tables = context.tables();
    // the dimension is one row per metric and definition version: small, read whole
    List<Row> stored = tables.read(DimMetricTable.CONTRACT).collectAsList();
    DefinitionHistory.Merged merged = DefinitionHistory.merge(stored,
        CatalogRows.dimMetric(catalog, context.runId(), dates.from(), dates.to()), dates.from(),
        DimMetricTable.SCHEMA);
    if (!merged.changed().isEmpty()) {
      LOG.warn("definition changed for {}: their history is recomputed by the compute stage",
          merged.changed());
    }
    tables.replaceAll(DimMetricTable.CONTRACT, merged.rows());
    if (context.conf().tree().isPresent()) {
      KpiTree tree = context.conf().tree().get();
      tables.replaceAll(KpiTreeTables.OBJECTIVES_CONTRACT,
          KpiTreeTables.objectiveRows(tree, context.runId()));
      tables.replaceAll(KpiTreeTables.EDGES_CONTRACT, KpiTreeTables.edgeRows(tree,
          context.runId()));
    }
    return new JobResult(Map.of("metrics", catalog.metrics().size(),
        "verticals", catalog.verticals().size(), "changed_definitions", merged.changed()));
  }
}
