package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.catalog.KpiTree;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.rca.Incidents;
import com.kpialign.rca.Localization;
import com.kpialign.rca.Movements;
import com.kpialign.rca.RootCauses;
import com.kpialign.table.AlertsTable;
import com.kpialign.table.BenchmarksTable;
import com.kpialign.table.ContractColumns;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.MovementsTable;
import com.kpialign.table.RootCausesTable;
import com.kpialign.table.TableWrite;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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

  @Override
  public String name() {
    return STAGE;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    var db = context.conf().environment().databases();
    SparkSession spark = context.spark();
    context.warehouse().ensureTable(db.kpi(), MovementsTable.TABLE, MovementsTable.SCHEMA,
        MovementsTable.PARTITION_COLUMNS, Map.of());
    context.warehouse().ensureTable(db.kpi(), RootCausesTable.TABLE, RootCausesTable.SCHEMA,
        RootCausesTable.PARTITION_COLUMNS, Map.of());
    context.warehouse().ensureTable(db.kpi(), AlertsTable.TABLE, AlertsTable.SCHEMA,
        AlertsTable.PARTITION_COLUMNS, Map.of());
    String benchmarksTable = BenchmarksTable.name(db.kpi());
    String valuesTable = MetricValuesTable.name(db.kpi());
    Map<String, Long> inputs = new LinkedHashMap<>();
    inputs.put(benchmarksTable, context.warehouse().version(benchmarksTable));
    inputs.put(valuesTable, context.warehouse().version(valuesTable));
    Column touched = MetricComputation.touchedPartitions(dates.from(), dates.to());
    Dataset<Row> history = spark.table(benchmarksTable);
    Dataset<Row> benchmarks = history.filter(touched);
    Dataset<Row> parts = spark.table(valuesTable).filter(touched)
        .select(col("metric_id").as("v_metric"), col("grain").as("v_grain"),
            col("period_start").as("v_start"), col("slice").as("v_slice"), col("numerator"),
            col("denominator"));
    Date runDate = Date.valueOf(dates.to());

    Dataset<Row> movements = Movements.of(benchmarks, history)
        .withColumn("run_id", lit(context.runId())).withColumn("run_date", lit(runDate))
        .select(ContractColumns.of(MovementsTable.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());

    RootCauses.Edges edges = context.conf().tree().map(RootCauses.Edges::of)
        .orElse(RootCauses.Edges.of(new KpiTree(List.of(), List.of(),
            KpiTree.AuditSettings.DEFAULT, KpiTree.CorrelationSettings.DEFAULT)));
    Set<String> totals = catalog.metrics().stream().filter(MetricDefinition::isTotal)
        .map(MetricDefinition::id).collect(Collectors.toSet());
    Dataset<Row> slices = benchmarks.join(parts, col("metric_id").equalTo(col("v_metric"))
        .and(col("grain").equalTo(col("v_grain")))
        .and(col("period_start").equalTo(col("v_start")))
        .and(col("slice").equalTo(col("v_slice"))), "left");
    Dataset<Row> causes = RootCauses.drivers(movements, benchmarks, edges)
        .unionByName(RootCauses.dimensions(movements, slices, totals,
            Localization.Settings.DEFAULT))
;
    causes = withPeriodMonth(causes)
        .withColumn("run_id", lit(context.runId())).withColumn("run_date", lit(runDate))
        .select(ContractColumns.of(RootCausesTable.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());

    int window = context.conf().benchmarks().recurrenceWindowDays();
    Dataset<Row> prior = spark.table(AlertsTable.name(db.kpi()))
        .filter(col("period_start").geq(lit(Date.valueOf(dates.from().minusDays(window))))
            .and(col("period_start").lt(lit(Date.valueOf(dates.from())))));
    Dataset<Row> alerts = withPeriodMonth(Incidents.withRecurrence(
            Incidents.of(movements, causes, metricInfo(spark, catalog)), prior, window))
        .withColumn("run_id", lit(context.runId())).withColumn("run_date", lit(runDate))
        .select(ContractColumns.of(AlertsTable.SCHEMA));

    List<TableWrite> writes = new ArrayList<>();
    writes.add(context.warehouse().replace(MovementsTable.name(db.kpi()), movements, touched));
    writes.add(context.warehouse().replace(RootCausesTable.name(db.kpi()), causes, touched));
    writes.add(context.warehouse().replace(AlertsTable.name(db.kpi()), alerts, touched));
    movements.unpersist();
    causes.unpersist();
    Map<String, Object> details = new LinkedHashMap<>();
    for (TableWrite w : writes) {
      details.put(w.table().substring(w.table().indexOf('.') + 1), w.rows());
    }
    return new JobResult(inputs, writes, details);
  }

  private static Dataset<Row> withPeriodMonth(Dataset<Row> rows) {
    return rows.withColumn("period_month",
        org.apache.spark.sql.functions.trunc(col("period_start"), "month"));
  }

  /** {@code metric_id, name, owner} of the catalog. */
  static Dataset<Row> metricInfo(SparkSession spark, MetricCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      rows.add(RowFactory.create(m.id(), m.name(), m.owner()));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_id", DataTypes.StringType)
        .add("name", DataTypes.StringType).add("owner", DataTypes.StringType));
  }
}
