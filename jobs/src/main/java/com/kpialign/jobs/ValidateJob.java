package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.catalog.CheckType;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.config.SourceDefinition;
import com.kpialign.quality.DailyVerification;
import com.kpialign.quality.DataQualityFailure;
import com.kpialign.quality.DeliveredRows;
import com.kpialign.quality.MetricHistory;
import com.kpialign.quality.MetricVerification;
import com.kpialign.quality.Reconciliation;
import com.kpialign.quality.SourceChecks;
import com.kpialign.table.DqMetricsTable;
import com.kpialign.table.DqResultsTable;
import com.kpialign.table.MetricStatusTable;
import com.kpialign.table.QuarantineTable;
import com.kpialign.table.RawTables;
import com.kpialign.table.TableContract;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2's checks: judges every source's deliveries of the run dates with Deequ (checks from the
 * source schema and the catalog; one grouped scan per source for the whole range, see
 * {@link DailyVerification}), then the reconciliations between sources. Records
 * {@code quality.dq_results}, {@code quality.dq_metrics} and {@code quality.metric_status}; a
 * failed {@code error} check fails the job (exit 1) after everything is recorded, naming the
 * checks. A failed {@code warning} is recorded only.
 */
public final class ValidateJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateJob.class);
  private static final int LISTED_DAYS = 5;

  private static final JobSpec SPEC = JobSpec.daily("validate",
      "run the catalog's data-quality checks (Deequ) on the run date(s) of every source",
      Requirement.CATALOG);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    Map<String, DailyVerification.Result> results = new TreeMap<>();
    List<SourceChecks.Planned> allChecks = new ArrayList<>();
    Dataset<Row> quarantine = context.tables().readOrEmpty(QuarantineTable.CONTRACT)
        .filter(inRun(QuarantineTable.EXTRACT_DATE, dates));
    MetricHistory history = history(context, dates);
    for (SourceDefinition source : context.conf().sources()) {
      List<SourceChecks.Planned> plan = SourceChecks.plan(source, catalog);
      allChecks.addAll(plan);
      verify(context, source, plan, quarantine, history, dates)
          .ifPresent(result -> results.put(source.name(), result));
    }
    List<DailyVerification.Outcome> outcomes = new ArrayList<>();
    results.values().forEach(r -> outcomes.addAll(r.outcomes()));
    outcomes.addAll(Reconciliation.outcomes(allChecks, dates.dates(), results, catalog));
    outcomes.sort(Comparator.comparing(DailyVerification.Outcome::day)
        .thenComparing(o -> o.check().source()).thenComparing(o -> o.check().constraint()));
    write(context, catalog, outcomes, results.values(), dates);
    List<String> failed = failedErrors(outcomes);
    if (!failed.isEmpty()) {
      throw new DataQualityFailure(failed);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checks", outcomes.size());
    details.putAll(counts(outcomes));
    return new JobResult(details);
  }

  /** Outcomes by severity and status, e.g. {@code error_passed}, in name order. */
  private static Map<String, Long> counts(List<DailyVerification.Outcome> outcomes) {
    Map<String, Long> counts = new TreeMap<>();
    outcomes.forEach(o -> counts.merge(o.check().severity().spelling() + "_"
        + o.status().spelling(), 1L, Long::sum));
    return counts;
  }

  /** One source's deliveries of the run's days judged, or empty when it was never ingested. */
  private static Optional<DailyVerification.Result> verify(JobContext context,
      SourceDefinition source, List<SourceChecks.Planned> plan, Dataset<Row> quarantine,
      MetricHistory history, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    TableContract contract = RawTables.contract(source);
    Optional<Dataset<Row>> raw = context.tables().readIfExists(contract);
    if (raw.isEmpty()) {
      LOG.warn("validate {}: {} does not exist; run ingest first", source.name(),
          context.tables().name(contract));
      return Optional.empty();
    }
    context.spark().sparkContext().setJobDescription("validate " + source.name() + " " + dates);
    Dataset<Row> delivered = DeliveredRows.of(
        raw.get().filter(inRun(RawTables.EXTRACT_DATE, dates)), quarantine, source);
    Set<String> dailyValues = SourceChecks.dailyValueMetrics(source, catalog);
    Dataset<Row> prepared = SourceChecks.withDerivedColumns(delivered, plan, dailyValues,
        catalog, referenced(context, plan, dates));
    // a source delivered on arrival is judged on the days it delivered
    List<LocalDate> days = source.schedule().isOptional()
        ? delivered.select(RawTables.EXTRACT_DATE).distinct().collectAsList().stream()
            .map(r -> r.getDate(0).toLocalDate()).sorted().toList()
        : dates.dates().stream().filter(source::deliversOn).toList();
    LOG.info("validate {}: {} check(s) on {} day(s)", source.name(), plan.size(), days.size());
    return Optional.of(DailyVerification.verify(prepared, RawTables.EXTRACT_DATE,
        source.name(), days, plan, dailyValues, history));
  }

  /** The check results, the Deequ metrics and each metric's status of the run's days. */
  private static void write(JobContext context, MetricCatalog catalog,
      List<DailyVerification.Outcome> outcomes,
      java.util.Collection<DailyVerification.Result> results, RunDates dates) {
    replace(context, DqResultsTable.CONTRACT, resultRows(outcomes, context.runId()),
        DqResultsTable.RUN_DATE, dates);
    List<Row> metricRows = new ArrayList<>();
    results.forEach(r -> r.metrics().forEach(m -> metricRows.add(RowFactory.create(
        Date.valueOf(m.day()), m.source(), m.entity(), m.name(), m.instance(), m.value(),
        context.runId()))));
    replace(context, DqMetricsTable.CONTRACT, metricRows, DqMetricsTable.RUN_DATE, dates);
    List<Row> statusRows = new ArrayList<>();
    for (MetricVerification.Status s : MetricVerification.of(catalog, dates.dates(), outcomes)) {
      statusRows.add(RowFactory.create(Date.valueOf(s.day()), s.metricId(), s.verified(),
          s.failedChecks().toArray(String[]::new), context.runId()));
    }
    replace(context, MetricStatusTable.CONTRACT, statusRows, MetricStatusTable.RUN_DATE, dates);
  }

  private static Column inRun(String column, RunDates dates) {
    return col(column).between(lit(Date.valueOf(dates.from())), lit(Date.valueOf(dates.to())));
  }

  /**
   * Stored Size and Sum history of the weeks before the run: anomaly checks judge each day
   * against values strictly before it; later days of this run are added as they are judged.
   */
  private static MetricHistory history(JobContext context, RunDates dates) {
    MetricHistory history = new MetricHistory();
    LocalDate since = dates.from().minusWeeks(DailyVerification.HISTORY_WEEKS);
    context.tables().read(DqMetricsTable.CONTRACT)
        .filter(col(DqMetricsTable.RUN_DATE).geq(lit(Date.valueOf(since)))
            .and(col(DqMetricsTable.RUN_DATE).lt(lit(Date.valueOf(dates.from()))))
            .and(col(DqMetricsTable.NAME).isin("Size", "Sum")))
        .select(DqMetricsTable.RUN_DATE, DqMetricsTable.SOURCE, DqMetricsTable.NAME,
            DqMetricsTable.INSTANCE, DqMetricsTable.VALUE)
        .collectAsList().forEach(r -> history.add(MetricHistory.key(r.getString(1),
            r.getString(2), r.getString(3)), r.getDate(0).toLocalDate(), r.getDouble(4)));
    return history;
  }

  /**
   * The values each reference check looks up: everything the referenced source delivered up to
   * the run's last day, quarantined rows included (an order rejected for a missing amount was
   * still placed; its own check reports it). A re-run of an old date is judged by what existed
   * then, not by what arrived later.
   */
  private static Map<String, Dataset<Row>> referenced(JobContext context,
      List<SourceChecks.Planned> plan, RunDates dates) {
    Map<String, Dataset<Row>> out = new TreeMap<>();
    Column untilRunEnd = col(RawTables.EXTRACT_DATE).leq(lit(Date.valueOf(dates.to())));
    for (SourceChecks.Planned p : plan) {
      if (p.type() == CheckType.REFERENCE) {
        String reference = p.definition().reference().orElseThrow();
        String[] parts = reference.split("\\.", 2);
        SourceDefinition source = context.conf().source(parts[0]).orElseThrow();
        Optional<Dataset<Row>> raw = context.tables().readIfExists(RawTables.contract(source));
        out.put(reference, raw.isPresent()
            ? DeliveredRows.of(raw.get().filter(untilRunEnd),
                context.tables().readOrEmpty(QuarantineTable.CONTRACT).filter(
                    col(QuarantineTable.EXTRACT_DATE).leq(lit(Date.valueOf(dates.to())))),
                source).select(parts[1])
            : context.spark().emptyDataFrame().select(lit(null).cast("string").as(parts[1])));
      }
    }
    return out;
  }

  private static List<Row> resultRows(List<DailyVerification.Outcome> outcomes, String runId) {
    List<Row> rows = new ArrayList<>();
    for (DailyVerification.Outcome o : outcomes) {
      rows.add(RowFactory.create(Date.valueOf(o.day()), o.check().source(),
          o.check().metricId().orElse(null), o.check().type().spelling(),
          o.check().constraint(), o.check().severity().spelling(), o.status().spelling(),
          o.value().orElse(null), o.message(), runId));
    }
    return rows;
  }

  private static void replace(JobContext context, TableContract contract, List<Row> rows,
      String dateColumn, RunDates dates) {
    context.tables().replace(contract, context.spark().createDataFrame(rows, contract.schema()),
        inRun(dateColumn, dates));
  }

  /** Each failed error check once, with the days it failed (the first few). */
  static List<String> failedErrors(List<DailyVerification.Outcome> outcomes) {
    Map<String, List<LocalDate>> days = new TreeMap<>();
    for (DailyVerification.Outcome o : outcomes) {
      if (o.failedError()) {
        days.computeIfAbsent(o.check().source() + ": " + o.check().constraint(),
            k -> new ArrayList<>()).add(o.day());
      }
    }
    List<String> out = new ArrayList<>();
    days.forEach((check, failedOn) -> out.add(check + " failed on " + failedOn.size()
        + " day(s): " + String.join(", ", failedOn.stream().limit(LISTED_DAYS)
            .map(LocalDate::toString).toList()) + (failedOn.size() > LISTED_DAYS ? ", ..." : "")));
    return out;
  }
}
