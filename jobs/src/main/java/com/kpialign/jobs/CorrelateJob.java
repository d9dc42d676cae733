package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.kpialign.alignment.AlignmentClassification;
import com.kpialign.alignment.KpiPairs;
import com.kpialign.alignment.LaggedCorrelations;
import com.kpialign.assembly.Conf;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.metrics.Grain;
import com.kpialign.stats.FalseDiscovery;
import com.kpialign.table.AlignmentAuditTable;
import com.kpialign.table.AlignmentTable;
import com.kpialign.table.CorrelationsTable;
import com.kpialign.table.MetricValuesTable;
import com.kpialign.table.TableIo;
import com.kpialign.table.TableWrite;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.spark.sql.Dataset;
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
    LocalDate asOf = dates.to();
    MetricCatalog catalog = context.conf().requireCatalog();
    KpiTree tree = context.conf().requireTree();
    KpiTree.CorrelationSettings settings = windowDays.isPresent()
        ? tree.correlation().withWindowDays(windowDays.getAsInt()) : tree.correlation();
    var db = context.conf().environment().databases();
    var spark = context.spark();
    Date runDate = Date.valueOf(asOf);
    TableIo tables = context.tables();

    KpiPairs kpiPairs = KpiPairs.of(catalog, tree, settings.sliceDims());
    Dataset<Row> pairInfo = pairInfo(spark, kpiPairs);
    Dataset<Row> pairCuts = pairCuts(spark, kpiPairs);
    List<String> cuts = new ArrayList<>(List.of("all"));
    cuts.addAll(settings.sliceDims());
    Dataset<Row> values = tables.read(MetricValuesTable.CONTRACT)
        .filter(col("slice_dims").isin(cuts.toArray()))
        .select("metric_id", "grain", "slice_dims", "slice", "period_start", "value");
    LaggedCorrelations.register(spark);

    Dataset<Row> tests = null;
    for (Grain grain : List.of(Grain.DAY, Grain.WEEK)) {
      LaggedCorrelations.Span span = grain == Grain.DAY
          ? new LaggedCorrelations.Span(grain, asOf, settings.dayWindow(),
              settings.dayMaxLag(), settings.subWindows())
          : new LaggedCorrelations.Span(grain, asOf, settings.weekWindow(),
              settings.weekMaxLag(), settings.subWindows());
      Dataset<Row> series = LaggedCorrelations.residuals(
          values.filter(col("grain").equalTo(grain.spelling())), span);
      Dataset<Row> one = LaggedCorrelations.tests(series, pairCuts, span)
          .withColumn("grain", lit(grain.spelling()))
          .withColumn("transform", lit(LaggedCorrelations.transform(grain)))
          .withColumn("window_start", lit(Date.valueOf(span.start())))
          .withColumn("window_end", lit(Date.valueOf(span.end())));
      tests = tests == null ? one : tests.unionByName(one);
    }
    tests = tests.persist(StorageLevel.MEMORY_AND_DISK());
    // the second adjustment counts, sorts and re-reads the first one's result: keep it
    Dataset<Row> pearsonQ = FalseDiscovery.withQValues(tests, "pearson_p", "pearson_q")
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> withQ = FalseDiscovery.withQValues(pearsonQ, "spearman_p", "spearman_q");
    Dataset<Row> judged = LaggedCorrelations.judged(withQ, settings.falseDiscoveryRate(),
            settings.minAbsR())
        .join(pairInfo, new String[] {"metric_a", "metric_b"})
        .withColumn("run_date", lit(runDate))
        .withColumn("run_id", lit(context.runId()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    tables.replace(CorrelationsTable.CONTRACT, judged, col("run_date").equalTo(lit(runDate)));

    Dataset<Row> pairs = AlignmentClassification.pairs(judged.filter(col("best_lag")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> grains = spark.createDataFrame(List.of(RowFactory.create("day"),
        RowFactory.create("week")), new StructType().add("grain", DataTypes.StringType));
    Dataset<Row> alignment = pairs
        .drop("vertical_a", "vertical_b", "pair_kind", "edge", "both_totals")
        .unionByName(AlignmentClassification.metrics(pairs, metricInfo(spark, catalog, kpiPairs),
            grains))
        .unionByName(AlignmentClassification.scores(pairs, verticals(spark, catalog), grains))
        .withColumn("run_date", lit(runDate)).withColumn("run_id", lit(context.runId()));
    TableWrite alignmentWrite = tables.replace(AlignmentTable.CONTRACT, alignment,
        col("run_date").equalTo(lit(runDate)));

    Dataset<Row> findings = AlignmentClassification.findings(tables.read(AlignmentTable.CONTRACT)
            .filter(col("run_date").equalTo(lit(runDate))), pairs)
        .withColumn("run_date", lit(runDate)).withColumn("stage", lit(STAGE));
    tables.replace(AlignmentAuditTable.CONTRACT, findings,
        col("run_date").equalTo(lit(runDate)).and(col("stage").equalTo(STAGE)));
    long significant = judged.filter(col("significant")).count();
    long testCount = judged.count();
    judged.unpersist();
    pairs.unpersist();
    pearsonQ.unpersist();
    tests.unpersist();
    LOG.info("correlate as of {}: {} tests of {} pairs, {} significant", asOf, testCount,
        kpiPairs.pairs().size(), significant);
    return new JobResult(Map.of("as_of", asOf.toString(), "pairs",
        kpiPairs.pairs().size(), "tests", testCount, "significant", significant));
  }

  private static Dataset<Row> pairInfo(org.apache.spark.sql.SparkSession spark, KpiPairs pairs) {
    List<Row> rows = new ArrayList<>();
    for (KpiPairs.Pair p : pairs.pairs()) {
      rows.add(RowFactory.create(p.a(), p.b(), p.verticalA(), p.verticalB(),
          p.kind().spelling(), p.edge(), p.expectedSign(), p.bothTotals()));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_a", DataTypes.StringType)
        .add("metric_b", DataTypes.StringType).add("vertical_a", DataTypes.StringType)
        .add("vertical_b", DataTypes.StringType).add("pair_kind", DataTypes.StringType)
        .add("edge", DataTypes.StringType).add("expected_sign", DataTypes.IntegerType)
        .add("both_totals", DataTypes.BooleanType));
  }

  /** Each pair once per cut it is tested on: {@code all} and each shared slice dimension. */
  private static Dataset<Row> pairCuts(org.apache.spark.sql.SparkSession spark, KpiPairs pairs) {
    List<Row> rows = new ArrayList<>();
    for (KpiPairs.Pair p : pairs.pairs()) {
      rows.add(RowFactory.create(p.a(), p.b(), "all"));
      p.sliceDims().forEach(d -> rows.add(RowFactory.create(p.a(), p.b(), d)));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_a", DataTypes.StringType)
        .add("metric_b", DataTypes.StringType).add("slice_dims", DataTypes.StringType));
  }

  private static Dataset<Row> metricInfo(org.apache.spark.sql.SparkSession spark,
      MetricCatalog catalog, KpiPairs pairs) {
    List<Row> rows = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      rows.add(RowFactory.create(m.id(), m.vertical(), pairs.objectiveKpis().contains(m.id())));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_id", DataTypes.StringType)
        .add("vertical", DataTypes.StringType).add("objective_kpi", DataTypes.BooleanType));
  }

  private static Dataset<Row> verticals(org.apache.spark.sql.SparkSession spark,
      MetricCatalog catalog) {
    List<Row> rows = catalog.metrics().stream().map(MetricDefinition::vertical).distinct()
        .sorted().map(v -> (Row) RowFactory.create(v)).toList();
    return spark.createDataFrame(rows, new StructType().add("vertical", DataTypes.StringType));
  }

}
