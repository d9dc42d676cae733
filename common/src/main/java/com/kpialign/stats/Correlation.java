package com.kpialign.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Correlation statistics for pairs of KPI series, from sufficient statistics so that they can be
 * aggregated in Spark (n, sums, sums of squares and products) and finished here. Undefined
 * results (a constant series, fewer than {@value #MIN_N} points) are empty with a reason, never
 * NaN.
 */
public final class Correlation {
  /** Fewer points than this give no coefficient: the p-value needs n - 2 > 1 degrees of freedom. */
  public static final int MIN_N = 4;

  /** A coefficient with its two-sided p-value, or the reason there is none. */
  public record Result(long n, Optional<Double> r, Optional<Double> pValue,
      Optional<String> reason) {
    static Result none(long n, String reason) {
      return new Result(n, Optional.empty(), Optional.empty(), Optional.of(reason));
    }
  }

  private Correlation() {}

  /** Pearson's r from sums over n pairs (x, y), with the t-test p-value (n - 2 d.f.). */
  public static Result pearson(long n, double sumX, double sumY, double sumXx, double sumYy,
      double sumXy) {
    if (n < MIN_N) {
      return Result.none(n, "fewer than " + MIN_N + " points");
    }
    double sxx = sumXx - sumX * sumX / n;
    double syy = sumYy - sumY * sumY / n;
    double sxy = sumXy - sumX * sumY / n;
    // relative to the scale of the data: rounding leaves tiny residues on constant series
    if (sxx <= 1e-12 * Math.max(1, sumXx) || syy <= 1e-12 * Math.max(1, sumYy)) {
      return Result.none(n, "a constant series has no correlation");
    }
    double r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    return new Result(n, Optional.of(r), Optional.of(pValue(r, n)), Optional.empty());
  }

  public static Result pearson(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      sx += x[i];
      sy += y[i];
      sxx += x[i] * x[i];
      syy += y[i] * y[i];
      sxy += x[i] * y[i];
    }
    return pearson(x.length, sx, sy, sxx, syy, sxy);
  }

  /** Spearman's rho: Pearson's r of the ranks, ties getting their average rank. */
  public static Result spearman(double[] x, double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  /** 1-based ranks, tied values sharing the mean of their ranks. */
  public static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] out = new double[values.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        out[order[k]] = rank;
      }
      i = j + 1;
    }
    return out;
  }

  /** Two-sided p-value of r under no correlation: t = r sqrt((n-2) / (1-r^2)). */
  public static double pValue(double r, long n) {
    if (Math.abs(r) >= 1) {
      return 0;
    }
    double t = r * Math.sqrt((n - 2) / (1 - r * r));
    TDistribution distribution = new TDistribution(null, n - 2);
    return 2 * distribution.cumulativeProbability(-Math.abs(t));
  }

  /**
   * Benjamini-Hochberg q-values of p-values, in their input order: the step-up adjustment
   * q(i) = min over j >= i of p(j) m / j, with p sorted ascending and capped at 1.
   */
  public static double[] benjaminiHochberg(double[] pValues) {
    int m = pValues.length;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> pValues[i]));
    double[] q = new double[m];
    double running = 1;
    for (int k = m - 1; k >= 0; k--) {
      int i = order.get(k);
      running = Math.min(running, pValues[i] * m / (k + 1));
      q[i] = running;
    }
    return q;
  }
}
