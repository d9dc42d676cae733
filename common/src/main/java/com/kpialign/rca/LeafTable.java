package com.kpialign.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaves of one metric for one movement: one row per combination of dimension values, with
 * the actual and the expected measure. For an additive metric the measure is the value (the
 * denominators are 1); for a ratio metric it is a numerator and a denominator, and the metric of
 * any group of leaves is the ratio of its summed numerator to its summed denominator. A leaf may
 * also carry its own prediction interval (of its value, or of its ratio), when the expected
 * values come from a model that knows each leaf's noise. Dimension values are dictionary-coded
 * so that localization works on int arrays.
 */
public final class LeafTable {
  private final List<String> dimensions;
  private final boolean ratio;
  private final List<List<String>> dictionaries;
  private final int[][] codes;
  private final double[] actualNumerator;
  private final double[] actualDenominator;
  private final double[] expectedNumerator;
  private final double[] expectedDenominator;
  private final double[] low;
  private final double[] high;
  private final double[] denominatorLow;
  private final double[] denominatorHigh;

  private LeafTable(Builder b) {
    dimensions = List.copyOf(b.dimensions);
    ratio = b.ratio;
    dictionaries = b.dictionaries.stream().map(List::copyOf).toList();
    int n = b.size;
    codes = new int[dimensions.size()][];
    for (int d = 0; d < codes.length; d++) {
      codes[d] = Arrays.copyOf(b.codes[d], n);
    }
    actualNumerator = Arrays.copyOf(b.actualNumerator, n);
    actualDenominator = Arrays.copyOf(b.actualDenominator, n);
    expectedNumerator = Arrays.copyOf(b.expectedNumerator, n);
    expectedDenominator = Arrays.copyOf(b.expectedDenominator, n);
    low = Arrays.copyOf(b.low, n);
    high = Arrays.copyOf(b.high, n);
    denominatorLow = Arrays.copyOf(b.denominatorLow, n);
    denominatorHigh = Arrays.copyOf(b.denominatorHigh, n);
  }

  public static Builder additive(List<String> dimensions) {
    return new Builder(dimensions, false);
  }

  public static Builder ratio(List<String> dimensions) {
    return new Builder(dimensions, true);
  }

  public List<String> dimensions() {
    return dimensions;
  }

  public boolean isRatio() {
    return ratio;
  }

  public int size() {
    return actualNumerator.length;
  }

  int code(int dimension, int leaf) {
    return codes[dimension][leaf];
  }

  int cardinality(int dimension) {
    return dictionaries.get(dimension).size();
  }

  String value(int dimension, int code) {
    return dictionaries.get(dimension).get(code);
  }

  double actualNumerator(int leaf) {
    return actualNumerator[leaf];
  }

  double actualDenominator(int leaf) {
    return actualDenominator[leaf];
  }

  double expectedNumerator(int leaf) {
    return expectedNumerator[leaf];
  }

  double expectedDenominator(int leaf) {
    return expectedDenominator[leaf];
  }

  /** Whether the leaf has a prediction interval of its own. */
  boolean hasInterval(int leaf) {
    return !Double.isNaN(low[leaf]) && !Double.isNaN(high[leaf]);
  }

  double low(int leaf) {
    return low[leaf];
  }

  double high(int leaf) {
    return high[leaf];
  }

  /** Whether the ratio leaf's denominator has a prediction interval of its own. */
  boolean hasDenominatorInterval(int leaf) {
    return !Double.isNaN(denominatorLow[leaf]) && !Double.isNaN(denominatorHigh[leaf]);
  }

  double denominatorLow(int leaf) {
    return denominatorLow[leaf];
  }

  double denominatorHigh(int leaf) {
    return denominatorHigh[leaf];
  }

  /** Collects leaves row by row. */
  public static final class Builder {
    private final List<String> dimensions;
    private final boolean ratio;
    private final List<List<String>> dictionaries = new ArrayList<>();
    private final List<Map<String, Integer>> lookups = new ArrayList<>();
    private int[][] codes;
    private double[] actualNumerator = new double[64];
    private double[] actualDenominator = new double[64];
    private double[] expectedNumerator = new double[64];
    private double[] expectedDenominator = new double[64];
    private double[] low = new double[64];
    private double[] high = new double[64];
    private double[] denominatorLow = new double[64];
    private double[] denominatorHigh = new double[64];
    private int size;

    private Builder(List<String> dimensions, boolean ratio) {
      if (dimensions.isEmpty()) {
        throw new IllegalArgumentException("a leaf table needs at least one dimension");
      }
      if (dimensions.stream().distinct().count() != dimensions.size()) {
        throw new IllegalArgumentException("dimensions named twice: " + dimensions);
      }
      this.dimensions = List.copyOf(dimensions);
      this.ratio = ratio;
      codes = new int[dimensions.size()][64];
      for (int d = 0; d < dimensions.size(); d++) {
        dictionaries.add(new ArrayList<>());
        lookups.add(new HashMap<>());
      }
    }

    /** A leaf of an additive metric. */
    public Builder add(List<String> values, double actual, double expected) {
      if (ratio) {
        throw new IllegalStateException("a ratio leaf has numerators and denominators");
      }
      return put(values, actual, 1, expected, 1);
    }

    /** A leaf of a ratio metric. */
    public Builder add(List<String> values, double actualNumerator, double actualDenominator,
        double expectedNumerator, double expectedDenominator) {
      if (!ratio) {
        throw new IllegalStateException("an additive leaf has one actual and one expected value");
      }
      return put(values, actualNumerator, actualDenominator, expectedNumerator,
          expectedDenominator);
    }

    /**
     * The prediction interval of the leaf added last (of its value; for a ratio, of its ratio):
     * the leaf is abnormal when it falls outside, instead of when it is far from the noise level
     * estimated from all leaves.
     */
    public Builder interval(double low, double high) {
      checkInterval(low, high);
      this.low[size - 1] = low;
      this.high[size - 1] = high;
      return this;
    }

    /**
     * The prediction interval of the denominator of the ratio leaf added last: a leaf whose
     * volume left it (a channel's sessions doubled) moves the total ratio by the mix even when
     * its own ratio is as usual.
     */
    public Builder denominatorInterval(double low, double high) {
      if (!ratio) {
        throw new IllegalStateException("only a ratio leaf has a denominator");
      }
      checkInterval(low, high);
      denominatorLow[size - 1] = low;
      denominatorHigh[size - 1] = high;
      return this;
    }

    private void checkInterval(double low, double high) {
      if (size == 0) {
        throw new IllegalStateException("an interval belongs to a leaf: add the leaf first");
      }
      if (!(low <= high)) {
        throw new IllegalArgumentException("an interval needs low <= high, not " + low + " and "
            + high);
      }
    }

    private Builder put(List<String> values, double an, double ad, double en, double ed) {
      if (values.size() != dimensions.size()) {
        throw new IllegalArgumentException("a leaf has " + values.size() + " values for "
            + dimensions.size() + " dimensions " + dimensions);
      }
      if (size == actualNumerator.length) {
        int capacity = size * 2;
        for (int d = 0; d < codes.length; d++) {
          codes[d] = Arrays.copyOf(codes[d], capacity);
        }
        actualNumerator = Arrays.copyOf(actualNumerator, capacity);
        actualDenominator = Arrays.copyOf(actualDenominator, capacity);
        expectedNumerator = Arrays.copyOf(expectedNumerator, capacity);
        expectedDenominator = Arrays.copyOf(expectedDenominator, capacity);
        low = Arrays.copyOf(low, capacity);
        high = Arrays.copyOf(high, capacity);
        denominatorLow = Arrays.copyOf(denominatorLow, capacity);
        denominatorHigh = Arrays.copyOf(denominatorHigh, capacity);
      }
      for (int d = 0; d < codes.length; d++) {
        List<String> dictionary = dictionaries.get(d);
        codes[d][size] = lookups.get(d).computeIfAbsent(values.get(d), v -> {
          dictionary.add(v);
          return dictionary.size() - 1;
        });
      }
      actualNumerator[size] = an;
      actualDenominator[size] = ad;
      expectedNumerator[size] = en;
      expectedDenominator[size] = ed;
      low[size] = Double.NaN;
      high[size] = Double.NaN;
      denominatorLow[size] = Double.NaN;
      denominatorHigh[size] = Double.NaN;
      size++;
      return this;
    }

    public LeafTable build() {
      return new LeafTable(this);
    }
  }
}
