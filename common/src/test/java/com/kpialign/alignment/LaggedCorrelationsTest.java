package com.kpialign.alignment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.metrics.Grain;
import com.kpialign.stats.FalseDiscovery;
import com.kpialign.testing.TestSpark;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark computation against a second one in plain Java with Commons Math on the same
 * series: the residual transform written out loop by loop, the lagged samples, Pearson's and
 * Spearman's coefficients and their p-values, and the sub-window stability.
 */
class LaggedCorrelationsTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
  static final LaggedCorrelations.Span SPAN =
      new LaggedCorrelations.Span(Grain.DAY, AS_OF, 60, 5, 3);
  static final int LEAD = 3;

  static SparkSession spark;
  /** Raw daily values per metric, indexed from {@code SPAN.loadFrom()}. */
  static final Map<String, double[]> VALUES = new HashMap<>();
  static Map<String, Row> tests;

  @BeforeAll
  static void run() {
    spark = TestSpark.session();
    LaggedCorrelations.register(spark);
    int days = (int) (AS_OF.toEpochDay() - SPAN.loadFrom().toEpochDay() + 1);
    Random random = new Random(42);
    double[] shock = new double[days];
    for (int i = 0; i < days; i++) {
      shock[i] = random.nextGaussian();
    }
    double[] a = new double[days];
    double[] b = new double[days];
    double[] c = new double[days];
    double[] d = new double[days];
    for (int i = 0; i < days; i++) {
      int weekday = SPAN.loadFrom().plusDays(i).getDayOfWeek().getValue();
      a[i] = 100 + 0.5 * i + 8 * weekday + 5 * shock[i];
      // b follows a's shocks three days later, in another unit, with its own noise
      b[i] = 40 - 3 * weekday + (i >= LEAD ? 2 * shock[i - LEAD] : 0) + random.nextGaussian();
      c[i] = 5;
      // few distinct values: many ties for Spearman
      d[i] = Math.round(shock[i] + 0.5 * random.nextGaussian());
    }
    VALUES.put("a", a);
    VALUES.put("b", b);
    VALUES.put("c", c);
    VALUES.put("d", d);
    List<Row> rows = new ArrayList<>();
    VALUES.forEach((id, v) -> {
      for (int i = 0; i < v.length; i++) {
        rows.add(RowFactory.create(id, "all", "all", Date.valueOf(SPAN.loadFrom().plusDays(i)),
            v[i]));
      }
    });
    Dataset<Row> values = values(rows);
    Dataset<Row> pairs = pairs(RowFactory.create("a", "b", "all"),
        RowFactory.create("a", "c", "all"), RowFactory.create("b", "d", "all"));
    Dataset<Row> series = LaggedCorrelations.residuals(values, SPAN);
    tests = new HashMap<>();
    for (Row r : LaggedCorrelations.tests(series, pairs, SPAN).collectAsList()) {
      tests.put(r.getAs("metric_a") + "|" + r.getAs("metric_b") + "|" + r.getAs("lag"), r);
    }
  }

  /** {@code metric_id, slice_dims, slice, period_start, value} rows as metric values. */
  static Dataset<Row> values(List<Row> rows) {
    return spark.createDataFrame(rows, new StructType()
        .add("metric_id", DataTypes.StringType).add("slice_dims", DataTypes.StringType)
        .add("slice", DataTypes.StringType).add("period_start", DataTypes.DateType)
        .add("value", DataTypes.DoubleType));
  }

  static Dataset<Row> pairs(Row... pairs) {
    return spark.createDataFrame(List.of(pairs), new StructType()
        .add("metric_a", DataTypes.StringType).add("metric_b", DataTypes.StringType)
        .add("slice_dims", DataTypes.StringType));
  }

  /** The transform written out: minus the mean of the 7 days before, minus the weekday mean. */
  static Double[] residuals(double[] v) {
    Double[] first = new Double[v.length];
    for (int t = 7; t < v.length; t++) {
      double mean = 0;
      for (int k = 1; k <= 7; k++) {
        mean += v[t - k] / 7;
      }
      first[t] = v[t] - mean;
    }
    double[] sum = new double[7];
    int[] count = new int[7];
    for (int t = 7; t < v.length; t++) {
      int weekday = SPAN.loadFrom().plusDays(t).getDayOfWeek().getValue() - 1;
      sum[weekday] += first[t];
      count[weekday]++;
    }
    Double[] out = new Double[v.length];
    for (int t = 7; t < v.length; t++) {
      int weekday = SPAN.loadFrom().plusDays(t).getDayOfWeek().getValue() - 1;
      out[t] = first[t] - sum[weekday] / count[weekday];
    }
    return out;
  }

  /** Pairs (a at t - lag, b at t) whose later day is in the window, and that day's offset. */
  static List<double[]> sample(String a, String b, int lag) {
    Double[] x = residuals(VALUES.get(a));
    Double[] y = residuals(VALUES.get(b));
    int first = (int) (SPAN.start().toEpochDay() - SPAN.loadFrom().toEpochDay());
    List<double[]> out = new ArrayList<>();
    for (int tb = 0; tb < y.length; tb++) {
      int ta = tb - lag;
      int later = Math.max(ta, tb);
      if (ta >= 0 && ta < x.length && later >= first && later < first + SPAN.periods()
          && x[ta] != null && y[tb] != null) {
        out.add(new double[] {x[ta], y[tb], later - first});
      }
    }
    return out;
  }

  static double[][] columns(List<double[]> rows) {
    double[][] m = new double[rows.size()][2];
    for (int i = 0; i < rows.size(); i++) {
      m[i][0] = rows.get(i)[0];
      m[i][1] = rows.get(i)[1];
    }
    return m;
  }

  /** Average ranks of values to 10 significant digits (the job's definition of a tie). */
  static double[][] ranks(double[][] m) {
    BlockRealMatrix matrix = new BlockRealMatrix(m);
    NaturalRanking ranking = new NaturalRanking();
    double[][] out = new double[m.length][2];
    for (int j = 0; j < 2; j++) {
      double[] r = ranking.rank(java.util.Arrays.stream(matrix.getColumn(j))
          .map(v -> new BigDecimal(v).round(new MathContext(10)).doubleValue()).toArray());
      for (int i = 0; i < m.length; i++) {
        out[i][j] = r[i];
      }
    }
    return out;
  }

  @Test
  void everyLagMatchesCommonsMathOnTheSameSample() {
    for (String pair : List.of("a|b", "b|d")) {
      String[] ab = pair.split("\\|");
      for (int lag = -SPAN.maxLag(); lag <= SPAN.maxLag(); lag++) {
        Row row = tests.get(pair + "|" + lag);
        List<double[]> sample = sample(ab[0], ab[1], lag);
        double[][] m = columns(sample);
        PearsonsCorrelation pearson = new PearsonsCorrelation(m);
        PearsonsCorrelation spearman = new PearsonsCorrelation(ranks(m));
        String at = pair + " lag " + lag;
        assertEquals(sample.size(), (long) row.getAs("n"), at);
        assertEquals(pearson.getCorrelationMatrix().getEntry(0, 1), row.getAs("pearson_r"), 1e-9,
            at);
        assertEquals(pearson.getCorrelationPValues().getEntry(0, 1), row.getAs("pearson_p"),
            1e-9, at);
        assertEquals(spearman.getCorrelationMatrix().getEntry(0, 1), row.getAs("spearman_r"),
            1e-9, at);
        assertEquals(spearman.getCorrelationPValues().getEntry(0, 1), row.getAs("spearman_p"),
            1e-9, at);
        assertEquals(stableSubWindows(sample, pearson.getCorrelationMatrix().getEntry(0, 1)),
            (int) row.getAs("stable_sub_windows"), at);
      }
    }
  }

  static int stableSubWindows(List<double[]> sample, double r) {
    int stable = 0;
    for (int sub = 0; sub < SPAN.subWindows(); sub++) {
      final int s = sub;
      double[][] m = columns(sample.stream()
          .filter(p -> Math.floor(p[2] * SPAN.subWindows() / SPAN.periods()) == s).toList());
      PearsonsCorrelation within = new PearsonsCorrelation(m);
      if (Math.signum(within.getCorrelationMatrix().getEntry(0, 1)) == Math.signum(r)
          && within.getCorrelationPValues().getEntry(0, 1) < 0.05) {
        stable++;
      }
    }
    return stable;
  }

  @Test
  void completeSeriesHaveTheWholeWindowAtEveryLag() {
    for (int lag = -SPAN.maxLag(); lag <= SPAN.maxLag(); lag++) {
      assertEquals(60L, (long) tests.get("a|b|" + lag).getAs("n"));
    }
  }

  @Test
  void aSeriesShiftedByThreeDaysIsFoundAtLagThree() {
    Dataset<Row> all = spark.createDataFrame(new ArrayList<>(tests.values()),
        tests.values().iterator().next().schema()).withColumn("grain", lit("day"));
    Dataset<Row> withQ = FalseDiscovery.withQValues(FalseDiscovery.withQValues(all,
        "pearson_p", "pearson_q"), "spearman_p", "spearman_q");
    List<Row> best = LaggedCorrelations.judged(withQ, 0.05, 0.2)
        .filter(col("best_lag").and(col("metric_a").equalTo("a"))
            .and(col("metric_b").equalTo("b")))
        .collectAsList();
    assertEquals(1, best.size());
    assertEquals(LEAD, (int) best.get(0).getAs("lag"));
    assertTrue(best.get(0).<Boolean>getAs("significant"));
    assertTrue(best.get(0).<Double>getAs("pearson_r") > 0.8, best.get(0).toString());
    // the transform leaves little echo at the other lags
    for (int lag : new int[] {0, LEAD - 1, LEAD + 1}) {
      Row other = tests.get("a|b|" + lag);
      assertTrue(Math.abs(other.<Double>getAs("pearson_r")) < 0.3, other.toString());
    }
  }

  @Test
  void aConstantSeriesHasNoCoefficientButAReason() {
    Row constant = tests.get("a|c|0");
    assertNull(constant.getAs("pearson_r"));
    assertNull(constant.getAs("pearson_p"));
    assertNull(constant.getAs("spearman_r"));
    assertNull(constant.getAs("stable_sub_windows"));
    assertEquals("a constant series has no correlation", constant.getAs("reason"));
  }

  @Test
  void tooShortASeriesHasNoCoefficientButAReason() {
    LaggedCorrelations.Span week = new LaggedCorrelations.Span(Grain.WEEK, AS_OF, 3, 0, 2);
    List<Row> rows = new ArrayList<>();
    for (int w = 0; w < 7; w++) {
      LocalDate monday = week.loadFrom().plusWeeks(w);
      rows.add(RowFactory.create("a", "all", "all", Date.valueOf(monday), (double) w * w));
      rows.add(RowFactory.create("b", "all", "all", Date.valueOf(monday), (double) w % 3));
    }
    Dataset<Row> values = values(rows);
    Dataset<Row> pairs = pairs(RowFactory.create("a", "b", "all"));
    Row only = LaggedCorrelations.tests(LaggedCorrelations.residuals(values, week), pairs, week)
        .first();
    assertEquals(3L, (long) only.getAs("n"));
    assertNull(only.getAs("pearson_r"));
    assertEquals("fewer than 4 points", only.getAs("reason"));
  }

  @Test
  void weeklySeriesAreFirstDifferences() {
    LaggedCorrelations.Span week = new LaggedCorrelations.Span(Grain.WEEK, AS_OF, 12, 1, 2);
    double[] a = {3, 5, 4, 8, 7, 7, 10, 12, 11, 15, 13, 18, 20, 19};
    double[] b = {1, 2, 2, 4, 3, 6, 5, 5, 9, 8, 9, 12, 11, 13};
    List<Row> rows = new ArrayList<>();
    for (int w = 0; w < a.length; w++) {
      Date monday = Date.valueOf(week.loadFrom().plusWeeks(w));
      rows.add(RowFactory.create("a", "all", "all", monday, a[w]));
      rows.add(RowFactory.create("b", "all", "all", monday, b[w]));
    }
    Dataset<Row> values = values(rows);
    Dataset<Row> pairs = pairs(RowFactory.create("a", "b", "all"));
    Row lagOne = LaggedCorrelations.tests(LaggedCorrelations.residuals(values, week), pairs,
        week).filter(col("lag").equalTo(1)).first();
    // a's differences of weeks 1..12 against b's of weeks 2..13: the window is weeks 2..13
    double[] da = new double[12];
    double[] db = new double[12];
    for (int i = 0; i < 12; i++) {
      da[i] = a[i + 1] - a[i];
      db[i] = b[i + 2] - b[i + 1];
    }
    assertEquals(12L, (long) lagOne.getAs("n"));
    assertEquals(new PearsonsCorrelation().correlation(da, db), lagOne.getAs("pearson_r"), 1e-12);
  }

  @Test
  void weeksEndOnTheLastCompleteSunday() {
    LaggedCorrelations.Span sunday = new LaggedCorrelations.Span(Grain.WEEK, AS_OF, 4, 1, 2);
    assertEquals(LocalDate.of(2024, 6, 30), sunday.end());
    assertEquals(LocalDate.of(2024, 6, 3), sunday.start());
    // 1 week of lag and 1 for the difference before the window
    assertEquals(LocalDate.of(2024, 5, 20), sunday.loadFrom());
    LaggedCorrelations.Span saturday =
        new LaggedCorrelations.Span(Grain.WEEK, AS_OF.minusDays(1), 4, 1, 2);
    assertEquals(LocalDate.of(2024, 6, 23), saturday.end());
    assertEquals(AS_OF.minusDays(59), SPAN.start());
  }
}
