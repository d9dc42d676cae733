package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import com.kpialign.catalog.DefinitionVersions;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.config.SourceDefinition;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.table.MetricDayStateTable;
import com.kpialign.table.MetricStatusTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.RawTables;
import com.kpialign.table.TableWrite;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2's numbers: every catalog metric for the run's days and for the ISO weeks, months and
 * quarters containing them, overall and per allowed slice, into {@code kpi.metric_values}.
 * Sources are read for the run's days only and reduced to day states
 * ({@code kpi.metric_day_state}); the touched periods are rolled up from day states, so a nightly
 * run costs one day of raw data whatever the length of history, and a range run computes all its
 * days in one pass. See {@link MetricComputation} for the semantics.
 */
public final class ComputeJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(ComputeJob.class);

  @Override
  public String name() {
    return "compute";
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    var db = context.conf().environment().databases();
    context.warehouse().ensureTable(db.kpi(), MetricDayStateTable.TABLE,
        MetricDayStateTable.SCHEMA, MetricDayStateTable.PARTITION_COLUMNS, Map.of());
    context.warehouse().ensureTable(db.kpi(), MetricValuesTable.TABLE, MetricValuesTable.SCHEMA,
        MetricValuesTable.PARTITION_COLUMNS, Map.of());
    Map<String, String> versions = DefinitionVersions.of(catalog);
    LocalDate from = dates.from();
    LocalDate to = dates.to();

    Map<String, Long> inputs = new LinkedHashMap<>();
    Dataset<Row> states = null;
    for (SourceDefinition source : context.conf().sources()) {
      List<MetricDefinition> metrics = MetricComputation.metricsOf(catalog, source);
      String table = RawTables.name(db.raw(), source);
      if (metrics.isEmpty() || !context.spark().catalog().tableExists(table)) {
        continue;
      }
      inputs.put(table, context.warehouse().version(table));
      Dataset<Row> rows = context.spark().table(table);
      Dataset<Row> s = MetricComputation.dayStates(rows, source, metrics, catalog, from, to);
      states = states == null ? s : states.unionByName(s);
    }
    List<TableWrite> writes = new ArrayList<>();
    String stateTable = MetricDayStateTable.name(db.kpi());
    if (states != null) {
      context.spark().sparkContext().setJobDescription("compute day states " + dates);
      writes.add(context.warehouse().replace(stateTable, states
              .join(versionTable(context, versions), MetricComputation.METRIC_ID)
              .withColumn("run_id", lit(context.runId()))
              .withColumn("month", org.apache.spark.sql.functions.trunc(col("day"), "MM"))
              .select(MetricDayStateTable.SCHEMA.fieldNames()[0],
                  java.util.Arrays.copyOfRange(MetricDayStateTable.SCHEMA.fieldNames(), 1,
                      MetricDayStateTable.SCHEMA.fieldNames().length)),
          col("month").between(lit(Date.valueOf(from.withDayOfMonth(1))),
              lit(Date.valueOf(to.withDayOfMonth(1))))
              .and(col("day").between(lit(Date.valueOf(from)), lit(Date.valueOf(to))))));
    }

    context.spark().sparkContext().setJobDescription("compute periods " + dates);
    LocalDate[] needed = MetricComputation.stateDaysNeeded(from, to);
    Dataset<Row> dayStates = context.spark().table(stateTable)
        .filter(col("month").between(lit(Date.valueOf(needed[0].withDayOfMonth(1))),
            lit(Date.valueOf(needed[1].withDayOfMonth(1))))
            .and(col("day").between(lit(Date.valueOf(needed[0])), lit(Date.valueOf(needed[1])))));
    Dataset<Row> aggregates = MetricComputation.rollup(dayStates, catalog, from, to).cache();
    Dataset<Row> values = aggregates.unionByName(MetricComputation.derived(aggregates, catalog));
    Dataset<Row> out = values
        .join(verified(context, db.quality(), needed, from, to),
            scala.collection.JavaConverters.asScalaBuffer(List.of(MetricComputation.METRIC_ID,
                MetricComputation.GRAIN, MetricComputation.PERIOD_START)).toSeq(), "left")
        .join(versionTable(context, versions), MetricComputation.METRIC_ID)
        .withColumn("run_id", lit(context.runId()))
        .join(MetricComputation.dataThrough(dayStates, from, to),
            scala.collection.JavaConverters.asScalaBuffer(List.of(MetricComputation.GRAIN,
                MetricComputation.PERIOD_START)).toSeq())
        .withColumn(MetricComputation.PERIOD_MONTH,
            org.apache.spark.sql.functions.trunc(col(MetricComputation.PERIOD_START), "MM"))
        .select(columns());
    TableWrite write = context.warehouse().replace(MetricValuesTable.name(db.kpi()), out,
        MetricComputation.touchedPartitions(from, to));
    aggregates.unpersist();
    writes.add(write);
    LOG.info("compute {}: {} metric value rows", dates, write.rows());
    return new JobResult(inputs, writes, Map.of("metrics", catalog.metrics().size()));
  }

  private static Column[] columns() {
    return java.util.Arrays.stream(MetricValuesTable.SCHEMA.fieldNames()).map(c -> col(c))
        .toArray(Column[]::new);
  }

  private static Dataset<Row> versionTable(JobContext context, Map<String, String> versions) {
    List<Row> rows = new ArrayList<>();
    versions.forEach((id, v) -> rows.add(RowFactory.create(id, v)));
    return context.spark().createDataFrame(rows, DataTypes.createStructType(List.of(
        DataTypes.createStructField(MetricComputation.METRIC_ID, DataTypes.StringType, false),
        DataTypes.createStructField("definition_version", DataTypes.StringType, false))));
  }

  /**
   * Whether every validated day of each touched period passed the error checks of the metric's
   * sources: false as soon as one day failed; null when no day of the period was validated.
   */
  private static Dataset<Row> verified(JobContext context, String qualityDb, LocalDate[] needed,
      LocalDate from, LocalDate to) {
    String table = MetricStatusTable.name(qualityDb);
    if (!context.spark().catalog().tableExists(table)) {
      return context.spark().emptyDataFrame().select(lit(null).cast("string")
          .as(MetricComputation.METRIC_ID), lit(null).cast("string").as(MetricComputation.GRAIN),
          lit(null).cast("date").as(MetricComputation.PERIOD_START),
          lit(null).cast("boolean").as("verified"));
    }
    Dataset<Row> status = context.spark().table(table)
        .filter(col(MetricStatusTable.RUN_DATE).between(lit(Date.valueOf(needed[0])),
            lit(Date.valueOf(needed[1]))))
        .select(col("metric_id"), col("verified"), col(MetricStatusTable.RUN_DATE));
    return MetricComputation.byPeriod(status, MetricStatusTable.RUN_DATE)
        .filter(MetricComputation.touchedPeriods(from, to))
        .groupBy(MetricComputation.METRIC_ID, MetricComputation.GRAIN,
            MetricComputation.PERIOD_START)
        .agg(min(col("verified")).as("verified"));
  }
}
