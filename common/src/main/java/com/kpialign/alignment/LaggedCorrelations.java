package com.kpialign.alignment;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.KpiTree;
import com.kpialign.metrics.Grain;
import com.kpialign.stats.Correlation;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lagged Pearson and Spearman correlations of metric pairs, computed in Spark over the pairs: the
 * series never leave the executors, only one row per test comes out.
 *
 * <p><b>Transform.</b> Levels of business metrics share trends and seasons, so their raw
 * correlation says little; correlations are of changes. A daily series is replaced by its residual
 * against the trailing mean of the 7 days before (level and trend, from the past only), minus
 * that residual's mean per weekday over the loaded span (the weekly season). Unlike a seasonal
 * difference, this leaves almost no echo at other lags (about -1/7 at lag 7 for white noise,
 * against -1/2), so a relation at lag k shows at lag k. A weekly series is first-differenced:
 * a weekly residual against a longer mean would keep weeks of the yearly season's slope, common
 * to every volume metric, and make unrelated series look related; differences keep one week of
 * it. Differences echo a relation at lag k with about -r/2 at k - 1 and k + 1: read the best
 * lag. P-values assume independent residuals; the sub-window stability guards against
 * relations that one stretch of the window makes.
 *
 * <p><b>Lags.</b> Lag k &gt; 0 pairs a at t - k with b at t (a leads b by k periods); k &lt; 0
 * pairs a at t with b at t + k (b leads a). Every sample takes the later of the two points from
 * the analysis window, so all lags have the same number of points when both series are complete.
 *
 * <p><b>Stability.</b> The window is split into consecutive sub-windows; a sub-window agrees when
 * its Pearson r has the sign of the whole window's and p &lt; 0.05.
 */
public final class LaggedCorrelations {
  /** Periods in the trailing average of the transform. */
  public static int trendPeriods(Grain grain) {
    return grain == Grain.DAY ? 7 : 1;
  }

  /** The transform's name, stored with every test. */
  public static String transform(Grain grain) {
    return grain == Grain.DAY ? "residual_ma7_weekday" : "difference_1";
  }

  static final double SUB_WINDOW_ALPHA = 0.05;
  private static final LocalDate MONDAY_EPOCH = LocalDate.of(1970, 1, 5);
  private static final String PEARSON_UDF = "kpi_pearson";
  private static final StructType RESULT = new StructType()
      .add("r", DataTypes.DoubleType).add("p", DataTypes.DoubleType)
      .add("reason", DataTypes.StringType);

  /** One grain's analysis: the last complete period and how many periods back. */
  public record Span(Grain grain, LocalDate asOf, int periods, int maxLag, int subWindows) {
    /** Index of the last complete period on or before {@code asOf}. */
    long lastIndex() {
      return grain == Grain.DAY ? asOf.toEpochDay()
          : Math.floorDiv(asOf.toEpochDay() - MONDAY_EPOCH.toEpochDay(), 7)
              - (asOf.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : 1);
    }

    long firstIndex() {
      return lastIndex() - periods + 1;
    }

    public LocalDate start() {
      return periodStart(firstIndex());
    }

    public LocalDate end() {
      return grain == Grain.DAY ? periodStart(lastIndex()) : periodStart(lastIndex()).plusDays(6);
    }

    /** First period start to read: the window, the lags before it, and the trend before them. */
    public LocalDate loadFrom() {
      return periodStart(firstIndex() - maxLag - trendPeriods(grain));
    }

    private LocalDate periodStart(long index) {
      return grain == Grain.DAY ? LocalDate.ofEpochDay(index) : MONDAY_EPOCH.plusWeeks(index);
    }
  }

  private LaggedCorrelations() {}

  /** The spans of a run as of {@code asOf}: daily and weekly, from the tree's settings. */
  public static List<Span> spans(KpiTree.CorrelationSettings settings, LocalDate asOf) {
    return List.of(
        new Span(Grain.DAY, asOf, settings.dayWindow(), settings.dayMaxLag(),
            settings.subWindows()),
        new Span(Grain.WEEK, asOf, settings.weekWindow(), settings.weekMaxLag(),
            settings.subWindows()));
  }

  /**
   * Every test of a run: each pair's cuts at each lag of each span, with the grain, transform
   * and window; {@link #register} first.
   *
   * @param values {@code metric_id, grain, slice_dims, slice, period_start, value} of
   *     {@code kpi.metric_values}
   * @param pairCuts {@link KpiPairs#cuts}
   */
  public static Dataset<Row> ofRun(Dataset<Row> values, Dataset<Row> pairCuts,
      List<Span> spans) {
    Dataset<Row> tests = null;
    for (Span span : spans) {
      Dataset<Row> series = residuals(
          values.filter(col("grain").equalTo(span.grain().spelling())), span);
      Dataset<Row> one = tests(series, pairCuts, span)
          .withColumn("grain", lit(span.grain().spelling()))
          .withColumn("transform", lit(transform(span.grain())))
          .withColumn("window_start", lit(Date.valueOf(span.start())))
          .withColumn("window_end", lit(Date.valueOf(span.end())));
      tests = tests == null ? one : tests.unionByName(one);
    }
    return tests;
  }

  /** Registers the UDF that finishes a coefficient from sufficient statistics. */
  public static void register(SparkSession spark) {
    spark.udf().register(PEARSON_UDF, (UDF6<Long, Double, Double, Double, Double, Double, Row>)
        (n, sx, sy, sxx, syy, sxy) -> {
          Correlation.Result r = Correlation.pearson(n, sx, sy, sxx, syy, sxy);
          return RowFactory.create(r.r().orElse(null), r.pValue().orElse(null),
              r.reason().orElse(null));
        }, RESULT);
  }

  /**
   * Residual series of one grain.
   *
   * @param values {@code metric_id, slice_dims, slice, period_start, value} of that grain
   * @return {@code metric_id, slice_dims, slice, t, x}: t the period index, x the residual
   */
  public static Dataset<Row> residuals(Dataset<Row> values, Span w) {
    Column t = w.grain() == Grain.DAY
        ? datediff(col("period_start"), lit(Date.valueOf(LocalDate.EPOCH)))
        : floor(datediff(col("period_start"), lit(Date.valueOf(MONDAY_EPOCH))).divide(7));
    int k = trendPeriods(w.grain());
    WindowSpec trailing = Window.partitionBy("metric_id", "slice_dims", "slice").orderBy("t")
        .rangeBetween(-k, -1);
    Dataset<Row> detrended = values
        .filter(col("value").isNotNull()
            .and(col("period_start").geq(lit(Date.valueOf(w.loadFrom()))))
            .and(col("period_start").leq(lit(Date.valueOf(w.end())))))
        .select(col("metric_id"), col("slice_dims"), col("slice"), t.cast("long").as("t"),
            col("value"))
        .withColumn("_trend", avg("value").over(trailing))
        .withColumn("_k", count("value").over(trailing))
        .filter(col("_k").equalTo(k))
        .withColumn("x", col("value").minus(col("_trend")));
    if (w.grain() == Grain.DAY) {
      detrended = detrended.withColumn("x", col("x").minus(avg("x").over(
          Window.partitionBy(col("metric_id"), col("slice_dims"), col("slice"),
              pmod(col("t"), lit(7))))));
    }
    return detrended.select("metric_id", "slice_dims", "slice", "t", "x");
  }

  /**
   * Every test of every pair at every lag of one grain, overall and per shared slice.
   *
   * @param series residuals, as from {@link #residuals}
   * @param pairs {@code metric_a, metric_b, slice_dims}: which cuts each pair is tested on
   * @return one row per pair, slice and lag: {@code metric_a, metric_b, slice_dims, slice, lag,
   *     n, pearson_r, pearson_p, spearman_r, spearman_p, reason, sub_windows,
   *     stable_sub_windows}
   */
  public static Dataset<Row> tests(Dataset<Row> series, Dataset<Row> pairs, Span w) {
    SparkSession spark = series.sparkSession();
    List<Row> lagRows = new ArrayList<>();
    for (int lag = -w.maxLag(); lag <= w.maxLag(); lag++) {
      lagRows.add(RowFactory.create(lag));
    }
    Dataset<Row> lags = spark.createDataFrame(lagRows,
        new StructType().add("lag", DataTypes.IntegerType));
    Dataset<Row> b = series.select(col("metric_id").as("metric_b"), col("slice_dims"),
        col("slice"), col("t").as("tb"), col("x").as("y"));
    Dataset<Row> a = series.select(col("metric_id").as("metric_a"), col("slice_dims"),
        col("slice"), col("t").as("ta"), col("x"));
    long first = w.firstIndex();
    Column later = greatest(col("ta"), col("tb"));
    Dataset<Row> samples = broadcast(pairs.crossJoin(lags))
        .join(b, new String[] {"metric_b", "slice_dims"})
        .withColumn("ta", col("tb").minus(col("lag")))
        .filter(later.between(first, w.lastIndex()))
        .join(a, new String[] {"metric_a", "slice_dims", "slice", "ta"})
        .withColumn("sub", floor(later.minus(first).multiply(w.subWindows())
            .divide(w.periods())).cast("int"));
    String[] test = {"metric_a", "metric_b", "slice_dims", "slice", "lag"};
    WindowSpec byX = Window.partitionBy(cols(test)).orderBy(significant("x"));
    WindowSpec byY = Window.partitionBy(cols(test)).orderBy(significant("y"));
    // average ranks: (rank + rows up to and including the ties) / 2 is the mean of the tied ranks
    Dataset<Row> ranked = samples
        .withColumn("rx", rank().over(byX).plus(count(lit(1)).over(byX)).divide(2.0))
        .withColumn("ry", rank().over(byY).plus(count(lit(1)).over(byY)).divide(2.0));
    Dataset<Row> perSub = ranked.groupBy(cols(test, "sub")).agg(count(lit(1)).as("n"),
            sum("x").as("sx"), sum("y").as("sy"), sum(col("x").multiply(col("x"))).as("sxx"),
            sum(col("y").multiply(col("y"))).as("syy"), sum(col("x").multiply(col("y"))).as("sxy"),
            sum("rx").as("srx"), sum("ry").as("sry"), sum(col("rx").multiply(col("rx"))).as("srxx"),
            sum(col("ry").multiply(col("ry"))).as("sryy"),
            sum(col("rx").multiply(col("ry"))).as("srxy"))
        .withColumn("sub_pearson", pearson("n", "sx", "sy", "sxx", "syy", "sxy"));
    Dataset<Row> whole = perSub.groupBy(cols(test)).agg(sum("n").as("n"), sum("sx").as("sx"),
            sum("sy").as("sy"), sum("sxx").as("sxx"), sum("syy").as("syy"),
            sum("sxy").as("sxy"), sum("srx").as("srx"), sum("sry").as("sry"),
            sum("srxx").as("srxx"), sum("sryy").as("sryy"), sum("srxy").as("srxy"),
            collect_list(struct(col("sub_pearson.r").as("r"), col("sub_pearson.p").as("p")))
                .as("subs"))
        .withColumn("pearson", pearson("n", "sx", "sy", "sxx", "syy", "sxy"))
        .withColumn("spearman", pearson("n", "srx", "sry", "srxx", "sryy", "srxy"));
    Column agreeing = expr("size(filter(subs, s -> s.p < " + SUB_WINDOW_ALPHA
        + " AND signum(s.r) = signum(pearson.r)))");
    return whole.select(col("metric_a"), col("metric_b"), col("slice_dims"), col("slice"),
        col("lag"), col("n"), col("pearson.r").as("pearson_r"), col("pearson.p").as("pearson_p"),
        col("spearman.r").as("spearman_r"), col("spearman.p").as("spearman_p"),
        col("pearson.reason").as("reason"), lit(w.subWindows()).as("sub_windows"),
        when(col("pearson.r").isNull(), lit(null)).otherwise(agreeing).cast("int")
            .as("stable_sub_windows"));
  }

  /**
   * Marks each test {@code significant} (both q-values at most the false discovery rate, Pearson
   * and Spearman of one sign, |r| at least {@code minAbsR}, and the same sign significant in most
   * sub-windows) and each pair's {@code best_lag}: the
   * significant lag with the largest |r|, the shortest lag on a tie; for a pair with no
   * significant lag, its largest |r|.
   */
  public static Dataset<Row> judged(Dataset<Row> tests, double fdr, double minAbsR) {
    Column significant = col("pearson_q").leq(fdr).and(col("spearman_q").leq(fdr))
        .and(signum(col("pearson_r")).equalTo(signum(col("spearman_r"))))
        .and(abs(col("pearson_r")).geq(minAbsR))
        .and(col("stable_sub_windows").multiply(2).gt(col("sub_windows")));
    WindowSpec pair = Window.partitionBy("grain", "metric_a", "metric_b", "slice")
        .orderBy(col("significant").desc(), abs(col("pearson_r")).desc_nulls_last(),
            abs(col("lag")), col("lag"));
    return tests.withColumn("significant", when(significant, true).otherwise(false))
        .withColumn("best_lag", row_number().over(pair).equalTo(1));
  }

  /**
   * The value to 10 significant digits, for ranking: residuals that are equal in exact arithmetic
   * (counts often are) can differ in the last bits, and must still tie.
   */
  private static Column significant(String name) {
    Column unit = expr("pow(10D, floor(log10(abs(" + name + "))) - 9)");
    return when(col(name).equalTo(0), lit(0.0))
        .otherwise(expr("rint(" + name + " / pow(10D, floor(log10(abs(" + name + "))) - 9))")
            .multiply(unit));
  }

  private static Column pearson(String n, String sx, String sy, String sxx, String syy,
      String sxy) {
    return call_udf(PEARSON_UDF, col(n), col(sx), col(sy), col(sxx), col(syy), col(sxy));
  }

  private static Column[] cols(String[] names, String... more) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(col(n));
    }
    for (String n : more) {
      out.add(col(n));
    }
    return out.toArray(Column[]::new);
  }
}
