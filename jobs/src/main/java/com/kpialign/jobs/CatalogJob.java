package com.kpialign.jobs;

import com.kpialign.catalog.CatalogRows;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.table.DimMetricTable;
import com.kpialign.table.TableWrite;
import com.kpialign.table.Warehouse;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.functions;

/**
 * Phase 1: publishes the validated metric catalog as {@code kpi.dim_metric}, the current
 * definition of every metric, replaced whole on every run.
 */
public final class CatalogJob implements Job {
  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    Warehouse warehouse = context.warehouse();
    String kpiDb = context.conf().environment().databases().kpi();
    warehouse.ensureTable(kpiDb, DimMetricTable.TABLE, DimMetricTable.SCHEMA, List.of(),
        Map.of());
    TableWrite write = warehouse.replace(DimMetricTable.name(kpiDb),
        context.spark().createDataFrame(
            CatalogRows.dimMetric(catalog, context.runId(), dates.to()), DimMetricTable.SCHEMA),
        functions.lit(true));
    return new JobResult(Map.of(), List.of(write), Map.of("metrics", catalog.metrics().size(),
        "verticals", catalog.verticals().size()));
  }
}
