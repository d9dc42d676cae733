package com.kpialign.jobs;

import com.kpialign.catalog.CatalogRows;
import com.kpialign.catalog.DefinitionHistory;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.table.DimMetricTable;
import com.kpialign.table.KpiTreeTables;
import com.kpialign.table.TableWrite;
import com.kpialign.table.Warehouse;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Phase 1: publishes the validated metric catalog as {@code kpi.dim_metric}, the current
 * definition of every metric, and the KPI tree as {@code kpi.dim_objective} and
 * {@code kpi.kpi_edges}, each replaced whole on every run.
 */
public final class CatalogJob implements Job {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatalogJob.class);

  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    Warehouse warehouse = context.warehouse();
    String kpiDb = context.conf().environment().databases().kpi();
    String table = DimMetricTable.name(kpiDb);
    List<Row> stored = context.spark().catalog().tableExists(table)
        ? context.spark().table(table).collectAsList() : List.of();
    warehouse.ensureTable(kpiDb, DimMetricTable.TABLE, DimMetricTable.SCHEMA, List.of(),
        Map.of());
    DefinitionHistory.Merged merged = DefinitionHistory.merge(stored,
        CatalogRows.dimMetric(catalog, context.runId(), dates.from(), dates.to()), dates.from(),
        DimMetricTable.SCHEMA);
    if (!merged.changed().isEmpty()) {
      LOG.warn("definition changed for {}: their history is recomputed by the compute stage",
          merged.changed());
    }
    TableWrite write = warehouse.replace(table,
        context.spark().createDataFrame(merged.rows(), DimMetricTable.SCHEMA),
        functions.lit(true));
    List<TableWrite> writes = new java.util.ArrayList<>(List.of(write));
    if (context.conf().tree().isPresent()) {
      KpiTree tree = context.conf().tree().get();
      writes.add(replaceWhole(context, kpiDb, KpiTreeTables.OBJECTIVES,
          KpiTreeTables.OBJECTIVE_SCHEMA, KpiTreeTables.objectiveRows(tree, context.runId())));
      writes.add(replaceWhole(context, kpiDb, KpiTreeTables.EDGES, KpiTreeTables.EDGE_SCHEMA,
          KpiTreeTables.edgeRows(tree, context.runId())));
    }
    return new JobResult(Map.of(), writes, Map.of("metrics", catalog.metrics().size(),
        "verticals", catalog.verticals().size(), "changed_definitions", merged.changed()));
  }

  private static TableWrite replaceWhole(JobContext context, String db, String table,
      StructType schema, List<Row> rows) {
    context.warehouse().ensureTable(db, table, schema, List.of(), Map.of());
    return context.warehouse().replace(db + "." + table,
        context.spark().createDataFrame(rows, schema), functions.lit(true));
  }
}
