package com.kpialign.rca;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change of a parent metric between two states (two periods, or expected and actual)
 * decomposed into contributions of the children of its formula, by Shapley values: each child's
 * contribution is its marginal effect of moving from the base to the current value, averaged
 * over every order in which the children can move. The contributions are symmetric (children
 * that play the same role get the same share) and add up exactly to the parent's change, for
 * sums, products, ratios and any formula of them; for a sum they are the children's own changes.
 */
public final class DriverAttribution {
  /** Children's contributions, in the formula's order; or the reason there are none. */
  public record Result(double change, Map<String, Double> contributions,
      Optional<String> reason) {}

  private DriverAttribution() {}

  /**
   * @param base the children's values in the base state
   * @param current their values in the current state
   */
  public static Result of(Formula formula, Map<String, Double> base, Map<String, Double> current) {
    List<String> children = formula.variables();
    int n = children.size();
    // f of every subset (bit i set: child i at its current value), computed once
    double[] f = new double[1 << n];
    for (int mask = 0; mask < f.length; mask++) {
      Map<String, Double> values = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String c = children.get(i);
        values.put(c, (mask & (1 << i)) != 0 ? current.get(c) : base.get(c));
      }
      f[mask] = formula.evaluate(values);
      if (Double.isNaN(f[mask]) || Double.isInfinite(f[mask])) {
        return new Result(Double.NaN, Map.of(), Optional.of("the formula " + formula
            + " is undefined (a zero denominator) on the way from base to current"));
      }
    }
    double[] weight = new double[n];
    for (int size = 0; size < n; size++) {
      // |S|! (n - |S| - 1)! / n!
      weight[size] = factorial(size) * factorial(n - size - 1) / factorial(n);
    }
    Map<String, Double> contributions = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double phi = 0;
      for (int mask = 0; mask < f.length; mask++) {
        if ((mask & (1 << i)) == 0) {
          phi += weight[Integer.bitCount(mask)] * (f[mask | (1 << i)] - f[mask]);
        }
      }
      contributions.put(children.get(i), phi);
    }
    return new Result(f[f.length - 1] - f[0], contributions, Optional.empty());
  }

  private static double factorial(int k) {
    double out = 1;
    for (int i = 2; i <= k; i++) {
      out *= i;
    }
    return out;
  }
}
