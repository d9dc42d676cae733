package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.kpialign.alignment.AlignmentClassification;
import com.kpialign.alignment.KpiPairs;
import com.kpialign.alignment.LaggedCorrelations;
import com.kpialign.assembly.Conf;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.stats.FalseDiscovery;
import com.kpialign.table.AlignmentAuditTable;
import com.kpialign.table.AlignmentTable;
import com.kpialign.table.CorrelationsTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.TableIo;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 5's evidence: which KPIs move together across verticals. As of the run's last day, every
 * pair {@link KpiPairs} lists is correlated at daily and weekly grain, at every lag, overall and
 * per shared slice ({@link LaggedCorrelations}), with q-values over all tests of the run, into
 * {@code kpi.correlations}; the classification of each pair's best lag, the vanity metrics and
 * the alignment score per vertical go to {@code kpi.alignment}, and what a KPI council should
 * review to {@code kpi.alignment_audit} (stage {@code correlate}).
 *
 * <p>In {@code kpi nightly} the stage has a weekly cadence ({@link Cadence#WEEKLY}).
 */
public final class CorrelateJob implements Job {
  public static final String STAGE = "correlate";
  private static final Logger LOG = LoggerFactory.getLogger(CorrelateJob.class);

  static final String WINDOW = "window";
  private static final JobSpec SPEC = new JobSpec(STAGE, STAGE, "correlate KPIs across "
      + "verticals as of the run date into kpi.correlations and kpi.alignment", Cadence.WEEKLY,
      Set.of(Requirement.CATALOG, Requirement.TREE), List.of(new JobSpec.Option(WINDOW, "DAYS",
          "days of history to correlate (weekly: as many whole weeks, at least what its lags "
              + "need); default from kpi_tree.yaml's correlation section")));

  private final OptionalInt windowDays;

  public CorrelateJob() {
    this(OptionalInt.empty());
  }

  /** As of the run's last day, over {@code windowDays} of history if given. */
  public CorrelateJob(OptionalInt windowDays) {
    this.windowDays = windowDays;
  }

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Job withOptions(Conf conf, Map<String, String> values) {
    if (!values.containsKey(WINDOW)) {
      return this;
    }
    int days;
    try {
      days = Integer.parseInt(values.get(WINDOW));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + values.get(WINDOW) + "' is not a whole number");
    }
    conf.requireTree().correlation().withWindowDays(days);
    return new CorrelateJob(OptionalInt.of(days));
  }

  @Override
  public JobResult run(JobContext context, RunDates dates) {
    MetricCatalog catalog = context.conf().requireCatalog();
    KpiTree tree = context.conf().requireTree();
    KpiTree.CorrelationSettings settings = windowDays.isPresent()
        ? tree.correlation().withWindowDays(windowDays.getAsInt()) : tree.correlation();
    SparkSession spark = context.spark();
    LocalDate asOf = dates.to();
    KpiPairs kpiPairs = KpiPairs.of(catalog, tree, settings.sliceDims());
    LaggedCorrelations.register(spark);
    Dataset<Row> tests = LaggedCorrelations.ofRun(values(context.tables(), settings),
        kpiPairs.cuts(spark), LaggedCorrelations.spans(settings, asOf))
        .persist(StorageLevel.MEMORY_AND_DISK());
    // the second adjustment counts, sorts and re-reads the first one's result: keep it
    Dataset<Row> pearsonQ = FalseDiscovery.withQValues(tests, "pearson_p", "pearson_q")
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> judged = LaggedCorrelations.judged(
            FalseDiscovery.withQValues(pearsonQ, "spearman_p", "spearman_q"),
            settings.falseDiscoveryRate(), settings.minAbsR())
        .join(kpiPairs.info(spark), new String[] {"metric_a", "metric_b"})
        .persist(StorageLevel.MEMORY_AND_DISK());
    context.tables().replace(CorrelationsTable.CONTRACT, judged, runDateIs(asOf));
    writeAlignment(context, catalog, kpiPairs, judged, asOf);
    Row counts = judged.agg(count(lit(1)), sum(when(col("significant"), 1).otherwise(0)))
        .first();
    long testCount = counts.getLong(0);
    long significant = counts.isNullAt(1) ? 0 : counts.getLong(1);
    List.of(judged, pearsonQ, tests).forEach(Dataset::unpersist);
    LOG.info("correlate as of {}: {} tests of {} pairs, {} significant", asOf, testCount,
        kpiPairs.pairs().size(), significant);
    return new JobResult(Map.of("as_of", asOf.toString(), "pairs", kpiPairs.pairs().size(),
        "tests", testCount, "significant", significant));
  }

  /** The values correlated: overall and per configured slice dimension. */
  private static Dataset<Row> values(TableIo tables, KpiTree.CorrelationSettings settings) {
    List<String> cuts = new ArrayList<>(List.of("all"));
    cuts.addAll(settings.sliceDims());
    return tables.read(MetricValuesTable.CONTRACT)
        .filter(col("slice_dims").isin(cuts.toArray()))
        .select("metric_id", "grain", "slice_dims", "slice", "period_start", "value");
  }

  /**
   * Each pair's best lag classified, the vanity metrics and the alignment scores into
   * {@code kpi.alignment}; what a KPI council should review into {@code kpi.alignment_audit}.
   */
  private static void writeAlignment(JobContext context, MetricCatalog catalog,
      KpiPairs kpiPairs, Dataset<Row> judged, LocalDate asOf) {
    SparkSession spark = context.spark();
    TableIo tables = context.tables();
    Dataset<Row> pairs = AlignmentClassification.pairs(judged.filter(col("best_lag")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> grains = spark.createDataFrame(List.of(RowFactory.create("day"),
        RowFactory.create("week")), new StructType().add("grain", DataTypes.StringType));
    Dataset<Row> alignment = pairs
        .drop("vertical_a", "vertical_b", "pair_kind", "edge", "both_totals")
        .unionByName(AlignmentClassification.metrics(pairs, kpiPairs.metricInfo(spark, catalog),
            grains))
        .unionByName(AlignmentClassification.scores(pairs, KpiPairs.verticals(spark, catalog),
            grains));
    tables.replace(AlignmentTable.CONTRACT, alignment, runDateIs(asOf));
    Dataset<Row> findings = AlignmentClassification.findings(tables.read(AlignmentTable.CONTRACT)
            .filter(runDateIs(asOf)), pairs)
        .withColumn("stage", lit(STAGE));
    tables.replace(AlignmentAuditTable.CONTRACT, findings,
        runDateIs(asOf).and(col("stage").equalTo(STAGE)));
    pairs.unpersist();
  }

  private static Column runDateIs(LocalDate day) {
    return col("run_date").equalTo(lit(Date.valueOf(day)));
  }
}
