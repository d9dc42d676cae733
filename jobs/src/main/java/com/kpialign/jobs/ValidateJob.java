package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.catalog.Severity;
import com.kpialign.config.SourceDefinition;
import com.kpialign.quality.DailyChecks;
import com.kpialign.quality.DataQualityFailure;
import com.kpialign.table.DqResultsTable;
import com.kpialign.table.RawTables;
import com.kpialign.table.TableWrite;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2's checks: runs the catalog's column checks on each source's rows of every run date
 * (Deequ, one fused scan per source and quarter) and records one row per check, metric and day in
 * {@code quality.dq_results}. A failed {@code error} check fails the job (exit 1) after its results
 * are recorded; a failed {@code warning} is recorded only. A day a source delivered no rows is
 * recorded as {@code no_data}, not judged.
 */
public final class ValidateJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateJob.class);

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    String qualityDb = context.conf().environment().databases().quality();
    String rawDb = context.conf().environment().databases().raw();
    context.warehouse().ensureTable(qualityDb, DqResultsTable.TABLE, DqResultsTable.SCHEMA,
        List.of(), Map.of());

    List<Row> results = new ArrayList<>();
    Map<String, Long> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, List<DailyChecks.MetricCheck>> entry : checksBySource(catalog)
        .entrySet()) {
      SourceDefinition source = context.conf().source(entry.getKey()).orElseThrow();
      String table = RawTables.name(rawDb, source);
      if (!context.spark().catalog().tableExists(table)) {
        continue;
      }
      inputs.put(table, context.warehouse().version(table));
      context.spark().sparkContext().setJobDescription("validate " + table + " " + dates);
      Dataset<Row> rows = context.spark().table(table).filter(col(RawTables.EXTRACT_DATE)
          .between(lit(Date.valueOf(dates.from())), lit(Date.valueOf(dates.to()))));
      Set<LocalDate> delivered = daysWithRows(rows);
      for (List<LocalDate> quarter : byQuarter(dates, source)) {
        List<LocalDate> judged = quarter.stream().filter(delivered::contains).toList();
        for (DailyChecks.Outcome o : DailyChecks.verify(rows, RawTables.EXTRACT_DATE, judged,
            entry.getValue())) {
          results.add(RowFactory.create(Date.valueOf(o.date()), source.name(), o.metricId(),
              o.check(), o.severity().spelling(), o.passed() ? "passed" : "failed",
              o.metric().orElse(null), o.message(), context.runId()));
        }
        for (LocalDate day : quarter) {
          if (!delivered.contains(day)) {
            for (DailyChecks.MetricCheck c : entry.getValue()) {
              results.add(RowFactory.create(Date.valueOf(day), source.name(), c.metricId(),
                  com.kpialign.catalog.CatalogRows.describe(c.check()),
                  c.check().severity().spelling(), "no_data", null,
                  "the extract of this day has no rows", context.runId()));
            }
          }
        }
      }
      LOG.info("validate {}: {} check(s) on {} day(s)", source.name(), entry.getValue().size(),
          dates.size());
    }
    TableWrite write = context.warehouse().replace(DqResultsTable.name(qualityDb),
        context.spark().createDataFrame(results, DqResultsTable.SCHEMA),
        col(DqResultsTable.RUN_DATE).between(lit(Date.valueOf(dates.from())),
            lit(Date.valueOf(dates.to()))));
    List<String> failed = new ArrayList<>();
    long warnings = 0;
    for (Row r : results) {
      if (r.getString(5).equals("failed")) {
        if (r.getString(4).equals(Severity.ERROR.spelling())) {
          failed.add(r.getString(1) + " " + r.getDate(0) + ": " + r.getString(3) + " (metric "
              + r.getString(2) + (r.isNullAt(6) ? ": " + r.getString(7) : ", value " + r.get(6))
              + ")");
        } else {
          warnings++;
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new DataQualityFailure(failed);
    }
    return new JobResult(inputs, List.of(write), Map.of("checks", results.size(),
        "failed_warnings", warnings));
  }

  /** Supported checks of aggregate metrics, grouped by the source they read. */
  static Map<String, List<DailyChecks.MetricCheck>> checksBySource(MetricCatalog catalog) {
    Map<String, List<DailyChecks.MetricCheck>> out = new TreeMap<>();
    for (MetricDefinition m : catalog.metrics()) {
      m.checks().stream().filter(DailyChecks::supports).forEach(c -> out
          .computeIfAbsent(m.source().orElseThrow(), s -> new ArrayList<>())
          .add(new DailyChecks.MetricCheck(m.id(), c)));
    }
    return out;
  }

  /** The extract dates that hold rows: a partition listing, not a scan of the data. */
  private static Set<LocalDate> daysWithRows(Dataset<Row> rows) {
    Set<LocalDate> out = new HashSet<>();
    rows.select(RawTables.EXTRACT_DATE).distinct().collectAsList()
        .forEach(r -> out.add(r.getDate(0).toLocalDate()));
    return out;
  }

  /**
   * The run's delivery days of the source, a quarter at a time: one Deequ scan per quarter
   * (a scan per day would be hundreds of passes in a backfill; a scan for a whole year would
   * make one aggregation of thousands of columns).
   */
  private static List<List<LocalDate>> byQuarter(RunDates dates, SourceDefinition source) {
    Map<YearMonth, List<LocalDate>> quarters = new TreeMap<>();
    for (LocalDate day : dates.dates()) {
      if (source.deliversOn(day)) {
        YearMonth start = YearMonth.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1);
        quarters.computeIfAbsent(start, m -> new ArrayList<>()).add(day);
      }
    }
    return new ArrayList<>(quarters.values());
  }
}
