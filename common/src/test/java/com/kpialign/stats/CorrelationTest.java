package com.kpialign.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.junit.jupiter.api.Test;

/** Checked against Apache Commons Math on the same series, and against hand-worked values. */
class CorrelationTest {
  @Test
  void pearsonAndItsPValueAgreeWithCommonsMath() {
    SplittableRandom random = new SplittableRandom(7);
    double[] x = new double[30];
    double[] y = new double[30];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble() * 10;
      y[i] = 0.4 * x[i] + random.nextGaussian() * 3;
    }
    Correlation.Result ours = Correlation.pearson(x, y);
    PearsonsCorrelation theirs = new PearsonsCorrelation(
        new Array2DRowRealMatrix(new double[][] {x, y}).transpose());
    assertEquals(theirs.getCorrelationMatrix().getEntry(0, 1), ours.r().orElseThrow(), 1e-12);
    assertEquals(theirs.getCorrelationPValues().getEntry(0, 1), ours.pValue().orElseThrow(),
        1e-9);
    assertEquals(30, ours.n());
  }

  @Test
  void spearmanWithTiesAgreesWithCommonsMath() {
    double[] x = {1, 2, 2, 3, 4, 4, 4, 5};
    double[] y = {2, 1, 3, 3, 5, 4, 6, 6};
    // ties share their mean rank: the three 4s of x rank (5 + 6 + 7) / 3 = 6
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 6, 6, 6, 8}, Correlation.ranks(x));
    assertEquals(new SpearmansCorrelation().correlation(x, y),
        Correlation.spearman(x, y).r().orElseThrow(), 1e-12);
  }

  @Test
  void aPerfectLineByHand() {
    // y = 2x + 1 on four points: r = 1, p = 0
    Correlation.Result r = Correlation.pearson(new double[] {1, 2, 3, 4},
        new double[] {3, 5, 7, 9});
    assertEquals(Optional.of(1.0), r.r());
    assertEquals(Optional.of(0.0), r.pValue());
  }

  @Test
  void constantAndShortSeriesHaveNoCoefficientButAReason() {
    Correlation.Result constant = Correlation.pearson(new double[] {1, 2, 3, 4, 5},
        new double[] {7, 7, 7, 7, 7});
    assertEquals(Optional.empty(), constant.r());
    assertEquals(Optional.of("a constant series has no correlation"), constant.reason());
    Correlation.Result shortSeries = Correlation.pearson(new double[] {1, 2, 3},
        new double[] {1, 3, 2});
    assertEquals(Optional.empty(), shortSeries.pValue());
    assertEquals(Optional.of("fewer than 4 points"), shortSeries.reason());
  }

  @Test
  void benjaminiHochbergOnAHandMadeList() {
    // sorted p: 0.01, 0.02, 0.03, 0.04, 0.20 with m = 5: p m / rank = 0.05, 0.05, 0.05, 0.05, 0.2
    double[] q = Correlation.benjaminiHochberg(new double[] {0.04, 0.01, 0.20, 0.03, 0.02});
    assertArrayEquals(new double[] {0.05, 0.05, 0.2, 0.05, 0.05}, q, 1e-12);
    // the step-up minimum: p m / rank is 0.04 * 2 / 1 = 0.08 and 0.045 * 2 / 2 = 0.045; the
    // smaller p cannot get the larger q, so both are 0.045
    assertArrayEquals(new double[] {0.045, 0.045},
        Correlation.benjaminiHochberg(new double[] {0.04, 0.045}), 1e-12);
  }
}
