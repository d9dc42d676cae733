package com.kpialign.benchmark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.metrics.Grain;
import com.kpialign.metrics.MetricComputation;
import com.kpialign.table.BenchmarksTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of benchmarking: {@link SeriesBenchmarks} per series on the executors, then
 * targets (with pacing), peers, the rank among sibling slices and the status, all as columns.
 *
 * <p><b>Targets</b> come per month and quarter. A period still running is paced: a total (sum,
 * count) is held against the target pro-rated by the days elapsed; a rate or average against the
 * target as it is. Attainment honours the direction: value / target for up, target / value for
 * down; a band metric attains 1 inside its band and value / low or high / value outside.
 *
 * <p><b>Status</b> ({@link BenchmarkSettings.StatusRules}): from attainment (green at
 * {@code >= green}, amber at {@code >= amber}, red below); from signals (red: an XmR point
 * outside the limits on the bad side; amber: another XmR signal on the bad side, or a value
 * outside the prediction interval on the bad side; green otherwise); with {@code both}, the worse
 * of the two where there is a target, else the signals. The bad side is low for up metrics, high
 * for down metrics, either for band metrics.
 */
public final class Benchmarks {
  static final String SEP = "\u0001";
  static final StructType SERIES = new StructType()
      .add("metric_id", DataTypes.StringType).add("grain", DataTypes.StringType)
      .add("slice_dims", DataTypes.StringType).add("slice", DataTypes.StringType)
      .add("period_start", DataTypes.DateType).add("value", DataTypes.DoubleType)
      .add("previous_value", DataTypes.DoubleType).add("previous_reason", DataTypes.StringType)
      .add("last_year_start", DataTypes.DateType).add("last_year_value", DataTypes.DoubleType)
      .add("last_year_reason", DataTypes.StringType)
      .add("history_periods", DataTypes.IntegerType).add("history_mean", DataTypes.DoubleType)
      .add("history_sd", DataTypes.DoubleType).add("history_median", DataTypes.DoubleType)
      .add("history_mad", DataTypes.DoubleType).add("robust_z", DataTypes.DoubleType)
      .add("percentile", DataTypes.DoubleType).add("history_reason", DataTypes.StringType)
      .add("expected", DataTypes.DoubleType).add("expected_low", DataTypes.DoubleType)
      .add("expected_high", DataTypes.DoubleType).add("expected_method", DataTypes.StringType)
      .add("expected_reason", DataTypes.StringType)
      .add("xmr_centre", DataTypes.DoubleType).add("xmr_lower", DataTypes.DoubleType)
      .add("xmr_upper", DataTypes.DoubleType).add("signal", DataTypes.StringType)
      .add("signal_side", DataTypes.StringType).add("signal_reason", DataTypes.StringType);

  private Benchmarks() {}

  /**
   * Every value of the periods touched by {@code from..to} (their days, weeks, months and
   * quarters, every slice) against its history, target and peers, with its status, in the
   * columns of {@code kpi.benchmarks} but its run id and run date; values without a value get
   * a row of nulls and the reason.
   *
   * @param stored {@code kpi.metric_values}, all of it: history is read whole per series
   * @param info {@link #metricInfo}
   */
  public static Dataset<Row> ofRun(Dataset<Row> stored, Dataset<Row> targets,
      Dataset<Row> peers, Dataset<Row> info, BenchmarkSettings settings, LocalDate from,
      LocalDate to) {
    Column touched = MetricComputation.touchedPartitions(from, to);
    Dataset<Row> values = stored.filter(col("value").isNotNull());
    // the catalog's totals: as many ids as metrics, to ship to the executors
    HashSet<String> totals = new HashSet<>(info.filter(col("total")).select("metric_id")
        .as(Encoders.STRING()).collectAsList());
    Dataset<Row> rows = withinRange(withPeriod(series(values, settings, totals, from, to),
        values.filter(touched)), info);
    rows = withTargets(rows, targets, info);
    rows = withPeers(rows, peers, settings.peerMaxAgeDays());
    rows = withSiblingRank(rows);
    return withStatus(rows, settings.status())
        .select(BenchmarksTable.CONTRACT.columns("run_id", "run_date"))
        .unionByName(withoutValue(stored.filter(touched), BenchmarksTable.SCHEMA));
  }

  /**
   * The per-series benchmarks of the periods touched by {@code from..to}, from the whole history
   * of each series.
   *
   * @param values rows of {@code kpi.metric_values} with a value
   */
  public static Dataset<Row> series(Dataset<Row> values, BenchmarkSettings settings,
      HashSet<String> totals, LocalDate from, LocalDate to) {
    return values.select("metric_id", "grain", "slice_dims", "slice", "period_start", "value")
        .groupByKey((MapFunction<Row, String>) r -> String.join(SEP, r.getString(0),
            r.getString(1), r.getString(2), r.getString(3)), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) ->
            benchmark(key, rows, settings, totals, from, to), Encoders.row(SERIES));
  }

  private static Iterator<Row> benchmark(String key, Iterator<Row> rows,
      BenchmarkSettings settings, HashSet<String> totals, LocalDate from, LocalDate to) {
    String[] k = key.split(SEP, -1);
    Grain grain = Grain.valueOf(k[1].toUpperCase(java.util.Locale.ROOT));
    List<SeriesBenchmarks.Point> points = new ArrayList<>();
    rows.forEachRemaining(r -> points.add(new SeriesBenchmarks.Point(
        r.getDate(4).toLocalDate(), r.getDouble(5))));
    LocalDate first = grain.start(from);
    LocalDate last = grain.start(to);
    List<Row> out = new ArrayList<>();
    for (SeriesBenchmarks.Result b : SeriesBenchmarks.of(grain, points,
        settings.series(grain), settings.calendar(), totals.contains(k[0]))) {
      if (b.start().isBefore(first) || b.start().isAfter(last)) {
        continue;
      }
      out.add(RowFactory.create(k[0], k[1], k[2], k[3], Date.valueOf(b.start()), b.value(),
          b.previous(), b.previousReason(),
          b.lastYearStart() == null ? null : Date.valueOf(b.lastYearStart()), b.lastYear(),
          b.lastYearReason(), b.historyPeriods(), b.mean(), b.sd(), b.median(), b.mad(),
          b.robustZ(), b.percentile(), b.historyReason(), b.expected(), b.expectedLow(),
          b.expectedHigh(), b.expectedMethod(), b.expectedReason(), b.xmrCentre(),
          b.xmrLower(), b.xmrUpper(), b.signal(), b.signalSide(), b.signalReason()));
    }
    return out.iterator();
  }

  /**
   * Touched values that have no value (a zero or missing denominator): a row with every figure
   * null and the reason, in the columns of {@code schema}; never a fake 0.
   */
  public static Dataset<Row> withoutValue(Dataset<Row> touched, StructType schema) {
    Dataset<Row> empty = touched.filter(col("value").isNull())
        .withColumn("period_complete", col("run_date").geq(col("period_end")))
        .withColumn("elapsed_days", datediff(least(col("run_date"), col("period_end")),
            col("period_start")).plus(1))
        .withColumn("period_days", datediff(col("period_end"), col("period_start")).plus(1))
        .withColumn("history_periods", lit(0))
        .withColumn("status_reason", lit("no value for this period (a zero or missing "
            + "denominator): nothing to benchmark"));
    List<Column> columns = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      columns.add(java.util.Arrays.asList(empty.columns()).contains(name) && !name.equals(
          "run_date") && !name.equals("run_id") ? col(name).cast(schema.apply(name).dataType())
          : lit(null).cast(schema.apply(name).dataType()).as(name));
    }
    return empty.select(columns.toArray(Column[]::new)).drop("run_date", "run_id");
  }

  /**
   * {@code metric_id, metric_name, owner, direction, band_low, band_high, additive, range_min,
   * range_max, total} of the catalog; {@code additive}: additive over days, so a running period's
   * target is pro-rated.
   */
  public static Dataset<Row> metricInfo(SparkSession spark, MetricCatalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      rows.add(RowFactory.create(m.id(), m.name(), m.owner(), m.direction().spelling(),
          m.band().map(MetricDefinition.Band::low).orElse(null),
          m.band().map(MetricDefinition.Band::high).orElse(null),
          m.isAdditiveOverDays(), m.range().map(MetricDefinition.Range::min).orElse(null),
          m.range().map(MetricDefinition.Range::max).orElse(null), m.isTotal()));
    }
    return spark.createDataFrame(rows, new StructType().add("metric_id", DataTypes.StringType)
        .add("metric_name", DataTypes.StringType).add("owner", DataTypes.StringType)
        .add("direction", DataTypes.StringType).add("band_low", DataTypes.DoubleType)
        .add("band_high", DataTypes.DoubleType).add("additive", DataTypes.BooleanType)
        .add("range_min", DataTypes.DoubleType).add("range_max", DataTypes.DoubleType)
        .add("total", DataTypes.BooleanType));
  }

  /**
   * The expectation and its interval held inside the metric's declared {@code range}: a rate's
   * band never reaches above 1, a score's never below its lowest grade.
   */
  public static Dataset<Row> withinRange(Dataset<Row> rows, Dataset<Row> info) {
    Dataset<Row> ranges = info.select(col("metric_id").as("_r_metric"), col("range_min"),
        col("range_max"));
    Dataset<Row> out = rows.join(ranges, col("metric_id").equalTo(col("_r_metric")), "left");
    for (String c : List.of("expected", "expected_low", "expected_high")) {
      // greatest and least skip a null bound; a null expectation stays null
      out = out.withColumn(c, when(col(c).isNotNull(),
          least(greatest(col(c), col("range_min")), col("range_max"))));
    }
    return out.drop("_r_metric", "range_min", "range_max");
  }

  /**
   * The series benchmarks with the period's context and the changes.
   *
   * @param values the touched rows of {@code kpi.metric_values}: keys, {@code period_end},
   *     {@code run_date} (the last day of data), {@code period_month}
   */
  public static Dataset<Row> withPeriod(Dataset<Row> series, Dataset<Row> values) {
    Column lastDay = least(col("data_through"), col("period_end"));
    return series.join(values.select(col("metric_id"), col("grain"), col("slice"),
            col("period_start"), col("period_end"), col("run_date").as("data_through"),
            col("period_month")), new String[] {"metric_id", "grain", "slice", "period_start"})
        .withColumn("period_complete", col("data_through").geq(col("period_end")))
        .withColumn("elapsed_days", datediff(lastDay, col("period_start")).plus(1))
        .withColumn("period_days", datediff(col("period_end"), col("period_start")).plus(1))
        .withColumn("previous_change", col("value").minus(col("previous_value")))
        .withColumn("previous_change_pct", when(col("previous_value").notEqual(0),
            col("previous_change").divide(abs(col("previous_value")))))
        .withColumn("last_year_change", col("value").minus(col("last_year_value")))
        .withColumn("last_year_change_pct", when(col("last_year_value").notEqual(0),
            col("last_year_change").divide(abs(col("last_year_value")))))
        .withColumn("interval_position", when(col("expected_low").isNull(), lit(null))
            .when(col("value").lt(col("expected_low")), "below")
            .when(col("value").gt(col("expected_high")), "above").otherwise("inside"));
  }

  /**
   * Targets, pacing and attainment.
   *
   * @param targets {@code raw.targets}: {@code metric_id, period_grain, period_start, slice,
   *     target_value}
   * @param info from {@link #metricInfo}
   */
  public static Dataset<Row> withTargets(Dataset<Row> rows, Dataset<Row> targets,
      Dataset<Row> info) {
    Dataset<Row> t = targets.select(col("metric_id"), col("period_grain").as("grain"),
        col("period_start"), col("slice"), col("target_value").as("target"));
    Column paced = when(col("target").isNull(), lit(null))
        .when(col("period_complete").or(col("additive").equalTo(false)), col("target"))
        .otherwise(col("target").multiply(col("elapsed_days")).divide(col("period_days")));
    Column pacing = when(col("target").isNull(), lit(null))
        .when(col("period_complete"), "full")
        .when(col("additive"), "pro_rated_by_days").otherwise("as_is");
    Column band = when(col("value").lt(col("band_low")), col("value").divide(col("band_low")))
        .when(col("value").gt(col("band_high")), col("band_high").divide(col("value")))
        .otherwise(1.0);
    Column attainment = when(col("direction").equalTo("band").and(col("band_low").isNotNull()),
            band)
        .when(col("paced_target").isNull(), lit(null))
        .when(col("direction").equalTo("up"), when(col("paced_target").gt(0),
            col("value").divide(col("paced_target"))))
        .otherwise(when(col("value").gt(0), col("paced_target").divide(col("value"))));
    Column reason = when(col("attainment").isNotNull(), lit(null))
        .when(col("target").isNull().and(col("grain").isin("day", "week")),
            "targets are set per month and quarter")
        .when(col("target").isNull(), "no target for this period and slice")
        .otherwise("value or target at 0: attainment undefined");
    return rows.join(info, "metric_id")
        .join(t, new String[] {"metric_id", "grain", "period_start", "slice"}, "left")
        .withColumn("paced_target", paced).withColumn("pacing", pacing)
        .withColumn("attainment", attainment).withColumn("target_reason", reason);
  }

  /**
   * The latest industry quartiles published on or before the period, for month and quarter
   * values of slice {@code all}, and the company's quartile band.
   *
   * @param peers {@code raw.peer_benchmarks}
   */
  public static Dataset<Row> withPeers(Dataset<Row> rows, Dataset<Row> peers, int maxAgeDays) {
    Dataset<Row> p = peers.select(col("metric_id").as("peer_metric"),
        col("industry").as("peer_industry"), col("period_start").as("peer_period_start"),
        col("p25").as("peer_p25"), col("p50").as("peer_p50"), col("p75").as("peer_p75"));
    Column eligible = col("grain").isin("month", "quarter").and(col("slice").equalTo("all"));
    WindowSpec latest = Window.partitionBy("metric_id", "grain", "slice", "period_start")
        .orderBy(col("peer_period_start").desc_nulls_last());
    Dataset<Row> joined = rows.join(p, col("metric_id").equalTo(col("peer_metric"))
            .and(eligible).and(col("peer_period_start").leq(col("period_start"))), "left")
        .withColumn("_latest", row_number().over(latest))
        .filter(col("_latest").equalTo(1)).drop("_latest", "peer_metric");
    Column up = when(col("value").geq(col("peer_p75")), "top_quartile")
        .when(col("value").geq(col("peer_p50")), "second_quartile")
        .when(col("value").geq(col("peer_p25")), "third_quartile").otherwise("bottom_quartile");
    Column down = when(col("value").leq(col("peer_p25")), "top_quartile")
        .when(col("value").leq(col("peer_p50")), "second_quartile")
        .when(col("value").leq(col("peer_p75")), "third_quartile").otherwise("bottom_quartile");
    Column age = datediff(col("period_start"), col("peer_period_start"));
    return joined
        .withColumn("peer_band", when(col("peer_p50").isNull(), lit(null))
            .when(col("direction").equalTo("down"), down)
            .when(col("direction").equalTo("up"), up))
        .withColumn("peer_reason", when(org.apache.spark.sql.functions.not(eligible),
                "peers are compared for month and quarter values of slice all")
            .when(col("peer_p50").isNull(), "no peer benchmark for this KPI")
            .when(col("direction").equalTo("band"), "a band metric has no better quartile")
            .when(age.gt(maxAgeDays), format_string("stale: published %s, more than %d days "
                + "before the period", col("peer_period_start").cast("string"),
                lit(maxAgeDays))));
  }

  /**
   * Rank among sibling slices of one dimension (each region among regions), best first, ties
   * sharing the better rank; gaps to the best sibling and to the siblings' median.
   */
  public static Dataset<Row> withSiblingRank(Dataset<Row> rows) {
    Column single = col("slice_dims").notEqual("all").and(expr("instr(slice_dims, '&') = 0"))
        .and(col("direction").isin("up", "down"));
    WindowSpec siblings = Window.partitionBy("metric_id", "grain", "period_start", "slice_dims");
    Column goodness = when(col("direction").equalTo("up"), col("value"))
        .otherwise(col("value").multiply(-1));
    return rows
        .withColumn("_goodness", goodness)
        .withColumn("sibling_rank", when(single, rank().over(siblings.orderBy(
            col("_goodness").desc()))).cast("int"))
        .withColumn("siblings", when(single, count(lit(1)).over(siblings)).cast("int"))
        .withColumn("gap_to_best", when(single, when(col("direction").equalTo("up"),
            col("value").minus(max("value").over(siblings)))
            .otherwise(col("value").minus(min("value").over(siblings)))))
        .withColumn("gap_to_median", when(single, col("value").minus(
            expr("percentile(value, 0.5)").over(siblings))))
        .drop("_goodness");
  }

  /** The status and its reason, by {@code rules} (see the class comment). */
  public static Dataset<Row> withStatus(Dataset<Row> rows, BenchmarkSettings.StatusRules rules) {
    Column bad = when(col("direction").equalTo("up"), col("signal_side").equalTo("low"))
        .when(col("direction").equalTo("down"), col("signal_side").equalTo("high"))
        .otherwise(col("signal_side").isNotNull());
    Column badInterval = when(col("direction").equalTo("up"),
            col("interval_position").equalTo("below"))
        .when(col("direction").equalTo("down"), col("interval_position").equalTo("above"))
        .otherwise(col("interval_position").isin("below", "above"));
    Column bySignals = when(col("signal").equalTo("outside_limits").and(bad), "red")
        .when(col("signal").isNotNull().and(bad), "amber")
        .when(coalesce(badInterval, lit(false)), "amber")
        .when(col("xmr_centre").isNotNull().or(col("expected_low").isNotNull()), "green");
    Column signalReason = when(col("signal").isNotNull().and(bad), format_string(
            "XmR %s on the %s side (limits %.4g to %.4g)", col("signal"), col("signal_side"),
            col("xmr_lower"), col("xmr_upper")))
        .when(coalesce(badInterval, lit(false)), format_string(
            "%s the expected range %.4g to %.4g", col("interval_position"), col("expected_low"),
            col("expected_high")))
        .when(col("xmr_centre").isNotNull().or(col("expected_low").isNotNull()),
            "no signal on the bad side");
    Column byAttainment = when(col("attainment").isNull(), lit(null))
        .when(col("attainment").geq(rules.green()), "green")
        .when(col("attainment").geq(rules.amber()), "amber").otherwise("red");
    Column attainmentReason = when(col("attainment").isNotNull(), when(col("target").isNull(),
            format_string("attainment %.3f of the band", col("attainment")))
        .otherwise(format_string("attainment %.3f of the %s target %.4g", col("attainment"),
            col("pacing"), col("paced_target"))));
    Dataset<Row> judged = rows.withColumn("_a", byAttainment).withColumn("_ar", attainmentReason)
        .withColumn("_s", bySignals).withColumn("_sr", signalReason);
    Column status;
    Column reason;
    switch (rules.basis()) {
      case ATTAINMENT -> {
        status = col("_a");
        reason = coalesce(col("_ar"), col("target_reason"));
      }
      case SIGNALS -> {
        status = col("_s");
        reason = coalesce(col("_sr"), col("signal_reason"));
      }
      default -> {
        Column worse = when(severity(col("_a")).geq(severity(col("_s"))), col("_a"))
            .otherwise(col("_s"));
        status = when(col("_a").isNull(), col("_s")).when(col("_s").isNull(), col("_a"))
            .otherwise(worse);
        reason = when(col("_a").isNull().and(col("_s").isNull()), concat(
                coalesce(col("target_reason"), lit("no target")), lit("; "),
                coalesce(col("signal_reason"), lit("no history"))))
            .otherwise(concat_ws("; ", col("_ar"), col("_sr")));
      }
    }
    return judged.withColumn("status", status).withColumn("status_reason", coalesce(reason,
        lit("no target and not enough history"))).drop("_a", "_ar", "_s", "_sr");
  }

  static Column severity(Column status) {
    return when(status.equalTo("red"), 3).when(status.equalTo("amber"), 2)
        .when(status.equalTo("green"), 1).otherwise(0);
  }
}
