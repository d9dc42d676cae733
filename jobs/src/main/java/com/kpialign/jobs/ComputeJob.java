package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import com.kpialign.catalog.DefinitionVersions;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.config.SourceDefinition;
import com.kpialign.metrics.JoinedDimensions;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.table.MetricDayStateTable;
import com.kpialign.table.MetricStatusTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.RawTables;
import com.kpialign.table.TableWrite;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

  private static final JobSpec SPEC = JobSpec.daily("compute",
      "compute every metric for the run date(s) and their week, month and quarter",
      Requirement.CATALOG);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    Map<String, String> versions = DefinitionVersions.of(catalog);
    // a series never mixes two definitions: a metric whose stored version is not the current
    // one (and so every metric built on it) is recomputed over its whole history first
    Set<String> stale = staleMetrics(context, versions);
    if (!stale.isEmpty()) {
      LocalDate first = firstStateDay(context).orElse(dates.from());
      LOG.warn("definitions changed for {}: recomputing {}..{}", stale, first, dates.to());
      writeStates(context, catalog, versions, first, dates.to(), stale);
      writeValues(context, catalog, versions, first, dates.to(), stale);
    }
    writeStates(context, catalog, versions, dates.from(), dates.to(), Set.of());
    TableWrite values = writeValues(context, catalog, versions, dates.from(), dates.to(),
        Set.of());
    LOG.info("compute {}: {} metric value rows", dates, values.rows());
    return new JobResult(Map.of("metrics", catalog.metrics().size(),
        "recomputed_history", new ArrayList<>(stale)));
  }

  /**
   * Reads each source for [from, to] and replaces the day states of those days (of the
   * {@code only} metrics, or all when empty).
   */
  private static void writeStates(JobContext context, MetricCatalog catalog,
      Map<String, String> versions, LocalDate from, LocalDate to, Set<String> only) {
    Dataset<Row> states = null;
    for (SourceDefinition source : context.conf().sources()) {
      List<MetricDefinition> metrics = MetricComputation.metricsOf(catalog, source).stream()
          .filter(m -> only.isEmpty() || only.contains(m.id())).toList();
      Optional<Dataset<Row>> raw = metrics.isEmpty() ? Optional.empty()
          : context.tables().readIfExists(RawTables.contract(source));
      if (raw.isEmpty()) {
        continue;
      }
      Set<String> joined = JoinedDimensions.joined(catalog.sources(), source,
          MetricComputation.pathsOf(metrics, source));
      Dataset<Row> rows = JoinedDimensions.join(raw.get(), source, joined, catalog.sources(),
          (name, days) -> referenced(context, name, days, from, to));
      Dataset<Row> s = MetricComputation.dayStates(rows, source, metrics, catalog, from, to);
      states = states == null ? s : states.unionByName(s);
    }
    if (states == null) {
      return;
    }
    context.spark().sparkContext().setJobDescription("compute day states " + from + ".." + to);
    Column days = col("month").between(lit(Date.valueOf(from.withDayOfMonth(1))),
        lit(Date.valueOf(to.withDayOfMonth(1))))
        .and(col("day").between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
    context.tables().replace(MetricDayStateTable.CONTRACT, states
            .join(versionTable(context, versions), MetricComputation.METRIC_ID)
            .withColumn("month", org.apache.spark.sql.functions.trunc(col("day"), "MM")),
        only.isEmpty() ? days : days.and(col(MetricComputation.METRIC_ID).isin(only.toArray())));
  }

  /**
   * Rolls the day states up to the periods touched by [from, to], adds ratios and formulas, and
   * replaces those periods' values (of the {@code only} metrics, or all when empty).
   */
  private static TableWrite writeValues(JobContext context, MetricCatalog catalog,
      Map<String, String> versions, LocalDate from, LocalDate to, Set<String> only) {
    context.spark().sparkContext().setJobDescription("compute periods " + from + ".." + to);
    LocalDate[] needed = MetricComputation.stateDaysNeeded(from, to);
    Dataset<Row> dayStates = context.tables().read(MetricDayStateTable.CONTRACT)
        .filter(col("month").between(lit(Date.valueOf(needed[0].withDayOfMonth(1))),
            lit(Date.valueOf(needed[1].withDayOfMonth(1))))
            .and(col("day").between(lit(Date.valueOf(needed[0])), lit(Date.valueOf(needed[1])))));
    Dataset<Row> aggregates = MetricComputation.rollup(dayStates, catalog, from, to).cache();
    Dataset<Row> values = aggregates.unionByName(MetricComputation.derived(aggregates, catalog));
    if (!only.isEmpty()) {
      values = values.filter(col(MetricComputation.METRIC_ID).isin(only.toArray()));
    }
    Dataset<Row> out = values
        .join(verified(context, needed, from, to),
            seq(MetricComputation.METRIC_ID, MetricComputation.GRAIN,
                MetricComputation.PERIOD_START), "left")
        .join(versionTable(context, versions), MetricComputation.METRIC_ID)
        .join(MetricComputation.dataThrough(dayStates, from, to),
            seq(MetricComputation.GRAIN, MetricComputation.PERIOD_START))
        .withColumn(MetricComputation.PERIOD_MONTH,
            org.apache.spark.sql.functions.trunc(col(MetricComputation.PERIOD_START), "MM"));
    Column periods = MetricComputation.touchedPartitions(from, to);
    TableWrite write = context.tables().replace(MetricValuesTable.CONTRACT, out,
        only.isEmpty() ? periods
            : periods.and(col(MetricComputation.METRIC_ID).isin(only.toArray())));
    aggregates.unpersist();
    return write;
  }

  /**
   * The raw rows of a referenced source: a fact's extracts within {@code days} of [from, to] when
   * the references followed declare them (a partition range, so the cost follows the run, not
   * the history), else all; none, with a warning, before the source's first delivery (the
   * attributes read through it are then {@code (none)}).
   */
  private static Dataset<Row> referenced(JobContext context, String name,
      Optional<Integer> days, LocalDate from, LocalDate to) {
    SourceDefinition source = context.conf().source(name).orElseThrow();
    Optional<Dataset<Row>> raw = context.tables().readIfExists(RawTables.contract(source));
    if (raw.isEmpty()) {
      LOG.warn("compute: {} has no delivery yet; attributes read through it are (none)",
          context.tables().name(RawTables.contract(source)));
    }
    Dataset<Row> rows = raw.orElseGet(() -> context.tables().readOrEmpty(
        RawTables.contract(source)));
    return days.filter(d -> !source.isDimension())
        .map(d -> rows.filter(col(RawTables.EXTRACT_DATE).between(
            lit(Date.valueOf(from.minusDays(d))), lit(Date.valueOf(to.plusDays(d))))))
        .orElse(rows);
  }

  /** Metrics whose stored values were computed with another definition than the current one. */
  private static Set<String> staleMetrics(JobContext context, Map<String, String> versions) {
    Set<String> stale = new TreeSet<>();
    // quarter rows are few and carry the same version as every other row of the metric
    context.tables().read(MetricValuesTable.CONTRACT)
        .filter(col(MetricComputation.GRAIN).equalTo("quarter"))
        .select(MetricComputation.METRIC_ID, "definition_version").distinct().collectAsList()
        .forEach(r -> {
          String current = versions.get(r.getString(0));
          if (current != null && !current.equals(r.getString(1))) {
            stale.add(r.getString(0));
          }
        });
    return stale;
  }

  private static Optional<LocalDate> firstStateDay(JobContext context) {
    Row first = context.tables().read(MetricDayStateTable.CONTRACT)
        .agg(org.apache.spark.sql.functions.min("day")).first();
    return first.isNullAt(0) ? Optional.empty() : Optional.of(first.getDate(0).toLocalDate());
  }

  private static scala.collection.Seq<String> seq(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(columns)).toSeq();
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
  private static Dataset<Row> verified(JobContext context, LocalDate[] needed, LocalDate from,
      LocalDate to) {
    Dataset<Row> status = context.tables().readOrEmpty(MetricStatusTable.CONTRACT)
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
