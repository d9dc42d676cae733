package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import com.kpialign.config.SourceDefinition;
import com.kpialign.ingest.ExpectedExtract;
import com.kpialign.ingest.ExtractDump;
import com.kpialign.ingest.ExtractLoad;
import com.kpialign.ingest.ExtractLocator;
import com.kpialign.ingest.ExtractParser;
import com.kpialign.ingest.ExtractReader;
import com.kpialign.ingest.MissingExtractException;
import com.kpialign.table.QuarantineTable;
import com.kpialign.table.RawTables;
import com.kpialign.table.TableContract;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2's first step: lands each source's extracts for the run dates in {@code raw.<source>}
 * with the declared schema enforced, and every rejected row in {@code raw.quarantine}. All
 * expected extracts are checked before anything is written; a re-run replaces its dates. A
 * dimension source's latest snapshot replaces its table.
 */
public final class IngestJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private static final JobSpec SPEC = JobSpec.daily("ingest",
      "load each source's extracts for the run date(s) into raw.<source> Delta tables");

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    Map<SourceDefinition, List<ExpectedExtract>> extracts = expectedExtracts(context, dates);
    Map<String, Long> quarantined = new LinkedHashMap<>();
    int loaded = 0;
    for (Map.Entry<SourceDefinition, List<ExpectedExtract>> entry : extracts.entrySet()) {
      SourceDefinition source = entry.getKey();
      List<ExpectedExtract> batch = source.isDimension()
          ? latestSnapshot(context, source, entry.getValue()) : entry.getValue();
      long rejected = batch.isEmpty() ? 0 : ingest(context, source, batch, dates);
      loaded += batch.size();
      quarantined.put(source.name(), rejected);
      LOG.info("ingest {}: {} extract(s) loaded, {} row(s) quarantined ({}/{} sources)",
          source.name(), batch.size(), rejected, quarantined.size(), extracts.size());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("extracts", loaded);
    details.put("quarantined", quarantined);
    return new JobResult(details);
  }

  /**
   * Every extract the run needs, by source: the delivered ones of sources whose extracts may be
   * absent ({@code on_arrival}), all of the others, and a dump whenever a run date is one of its
   * days; fails listing all missing ones before any write.
   */
  private static Map<SourceDefinition, List<ExpectedExtract>> expectedExtracts(
      JobContext context, RunDates dates) {
    ExtractLocator locator = new ExtractLocator(context.conf().environment().landing(),
        context.spark().sparkContext().hadoopConfiguration());
    Map<SourceDefinition, List<ExpectedExtract>> expected = new LinkedHashMap<>();
    List<ExpectedExtract> missing = new ArrayList<>();
    for (SourceDefinition source : context.conf().sources()) {
      List<ExpectedExtract> extracts = new ArrayList<>(locator.expected(source, dates.dates()));
      for (ExpectedExtract absent : locator.missing(extracts)) {
        // a dump holds days that have rows, so it is never optional
        if (source.schedule().isOptional() && !absent.dump()) {
          extracts.remove(absent);
        } else {
          missing.add(absent);
        }
      }
      if (!extracts.isEmpty()) {
        expected.put(source, extracts);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingExtractException(missing);
    }
    return expected;
  }

  /**
   * A dimension loads its latest snapshot of the run, unless a later one is loaded already (a
   * re-run of an earlier date leaves the newer snapshot in place).
   */
  private static List<ExpectedExtract> latestSnapshot(JobContext context,
      SourceDefinition source, List<ExpectedExtract> delivered) {
    ExpectedExtract latest = delivered.get(delivered.size() - 1);
    Optional<Row> stored = context.tables().readIfExists(RawTables.contract(source))
        .map(raw -> raw.agg(max(col(RawTables.EXTRACT_DATE))).first());
    if (stored.isPresent() && !stored.get().isNullAt(0)
        && stored.get().getDate(0).toLocalDate().isAfter(latest.date())) {
      LOG.info("ingest {}: the snapshot of {} is loaded, later than {}; left in place",
          source.name(), stored.get().getDate(0), latest.date());
      return List.of();
    }
    return List.of(latest);
  }

  /**
   * One source: read, parse, decide, then replace the run's dates in raw and quarantine (a
   * dimension: the whole raw table, Delta keeping the previous snapshot as a version); returns
   * the rows quarantined.
   */
  private static long ingest(JobContext context, SourceDefinition source,
      List<ExpectedExtract> extracts, RunDates dates) {
    TableContract contract = RawTables.contract(source);
    String table = context.tables().name(contract);
    Dataset<Row> stored = context.tables().read(contract);
    context.spark().sparkContext().setJobDescription("ingest " + table + " " + dates);
    // parsed once, read by both writes (measured: caching the parsed rows beats caching the
    // decided ones, and both at once, on the demo's 7 M sessions)
    Dataset<Row> parsed = parsed(context, source, extracts, dates)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> loadedKeys = source.isDimension()
          ? stored.limit(0).select(keyAndExtractDate(source))
          : loadedKeys(stored, source, parsed, dates);
      Dataset<Row> decided = ExtractLoad.decide(parsed, loadedKeys, source);
      // one file per extract date, whatever the number of dates in the run
      context.tables().replace(contract, ExtractLoad.loaded(decided, source, context.runId())
              .repartition(col(RawTables.EXTRACT_DATE)),
          source.isDimension() ? lit(true) : extractDates(RawTables.EXTRACT_DATE, dates));
      return context.tables().replace(QuarantineTable.CONTRACT,
          ExtractLoad.quarantined(decided, source, context.runId()),
          extractDates(QuarantineTable.EXTRACT_DATE, dates)
              .and(col(QuarantineTable.SOURCE).equalTo(source.name()))).rows();
    } finally {
      parsed.unpersist();
    }
  }

  /** The daily extracts' rows and the dump's rows of the run's days, parsed. */
  private static Dataset<Row> parsed(JobContext context, SourceDefinition source,
      List<ExpectedExtract> extracts, RunDates dates) {
    ExtractReader reader = new ExtractReader(context.spark());
    List<ExpectedExtract> daily = extracts.stream().filter(e -> !e.dump()).toList();
    List<ExpectedExtract> dump = extracts.stream().filter(ExpectedExtract::dump).toList();
    Dataset<Row> out = daily.isEmpty() ? null
        : ExtractParser.parse(reader.read(source, daily), source);
    if (!dump.isEmpty()) {
      Dataset<Row> days = ExtractDump.bucketed(ExtractParser.parse(reader.read(source, dump),
          source), source, dates.from(), dates.to());
      out = out == null ? days : out.unionByName(days);
    }
    return out;
  }

  private static Column[] keyAndExtractDate(SourceDefinition source) {
    List<String> keyAndDate = new ArrayList<>(source.rowKey());
    keyAndDate.add(RawTables.EXTRACT_DATE);
    return keyAndDate.stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static Column extractDates(String column, RunDates dates) {
    return col(column).between(lit(Date.valueOf(dates.from())), lit(Date.valueOf(dates.to())));
  }

  /**
   * Keys already loaded from extracts outside this run, limited to the event days present in the
   * batch so the lookup reads a few files (Delta data skipping), not the table's whole history.
   * When nothing is loaded outside the run (a first load, a full backfill), there is nothing to
   * look up and the batch is not read for its event days.
   */
  private static Dataset<Row> loadedKeys(Dataset<Row> stored, SourceDefinition source,
      Dataset<Row> parsed, RunDates dates) {
    Dataset<Row> outside = stored
        .filter(not(extractDates(RawTables.EXTRACT_DATE, dates)));
    Column[] keyColumns = keyAndExtractDate(source);
    if (outside.isEmpty()) {
      return outside.select(keyColumns);
    }
    Column eventDay = to_date(col(source.eventDate()));
    Object[] days = parsed.filter(col(ExtractParser.REASON).isNull())
        .select(eventDay).distinct().collectAsList().stream()
        .map(r -> r.get(0)).filter(d -> d != null).toArray();
    return outside.filter(eventDay.isin(days)).select(keyColumns);
  }
}
