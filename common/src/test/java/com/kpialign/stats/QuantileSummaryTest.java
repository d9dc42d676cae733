package com.kpialign.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileSummaryTest {
  private static final double[] RANKS = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};

  static QuantileSummary of(double... values) {
    QuantileSummary s = new QuantileSummary();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  /** The nearest rank worked out by sorting: the ceil(q n)-th smallest, the first for q 0. */
  static double sortedNearestRank(double[] values, double rank) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int position = (int) Math.max(1, Math.ceil(rank * sorted.length - 1e-9));
    return sorted[position - 1];
  }

  /** 1..10: the p90 is the 9th value (0.9 x 10 is 9 in decimal, 9.000000000000002 in binary). */
  @Test
  void smallSummariesGiveTheNearestRank() {
    QuantileSummary s = of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertEquals(9.0, s.quantile(0.9));
    assertEquals(5.0, s.quantile(0.5));
    assertEquals(1.0, s.quantile(0.0));
    assertEquals(10.0, s.quantile(1.0));
    assertNull(new QuantileSummary().quantile(0.5));
    assertNull(of(Double.NaN).quantile(0.5), "NaN is not a value");
  }

  /** 100,000 delivery days with 30 distinct values stay exact, however many rows. */
  @Test
  void fewDistinctValuesAreExactAtAnyCount() {
    Random random = new Random(7);
    double[] days = new double[100_000];
    for (int i = 0; i < days.length; i++) {
      days[i] = random.nextInt(30);
    }
    QuantileSummary s = of(days);
    assertTrue(s.isExact());
    for (double rank : RANKS) {
      assertEquals(sortedNearestRank(days, rank), s.quantile(rank), "rank " + rank);
    }
  }

  /** Past the exact limit every answer is within 1% of the true value of its rank. */
  @Test
  void manyDistinctValuesStayWithinTheRelativeAccuracy() {
    Random random = new Random(11);
    double[] values = new double[50_000];
    for (int i = 0; i < values.length; i++) {
      double magnitude = Math.exp(random.nextGaussian() * 3);
      values[i] = i % 10 == 0 ? 0 : i % 3 == 0 ? -magnitude : magnitude;
    }
    QuantileSummary s = of(values);
    assertFalse(s.isExact());
    for (double rank : RANKS) {
      double truth = sortedNearestRank(values, rank);
      double answer = s.quantile(rank);
      assertTrue(Math.abs(answer - truth) <= QuantileSummary.RELATIVE_ACCURACY * Math.abs(truth),
          "rank " + rank + ": " + answer + " for " + truth);
    }
    assertEquals(90_000.0, of(range(1, 100_000)).quantile(0.9), 900.0);
  }

  /**
   * The same multiset, shuffled, cut into parts and merged in a different tree each time, gives
   * the same bytes: with values that stay exact, that switch to buckets only when parts merge,
   * and that span so wide a range that buckets fold.
   */
  @Test
  void theStateIsAFunctionOfTheMultisetAlone() {
    Random random = new Random(3);
    List<Double> mixed = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      mixed.add(i % 7 == 0 ? 0.0 : Math.round(random.nextGaussian() * 1e6) / 100.0);
    }
    List<Double> wide = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      wide.add(Math.pow(10, random.nextDouble() * 600 - 300));
    }
    List<Double> switching = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      switching.add((double) i);
    }
    for (List<Double> values : List.of(mixed, wide, switching)) {
      byte[] expected = null;
      for (int seed = 0; seed < 6; seed++) {
        byte[] bytes = mergedInRandomParts(values, new Random(seed)).toBytes();
        if (expected == null) {
          expected = bytes;
        }
        assertArrayEquals(expected, bytes, "seed " + seed);
      }
    }
    QuantileSummary folded = of(wide.stream().mapToDouble(Double::doubleValue).toArray());
    assertTrue(folded.buckets() <= QuantileSummary.MAX_BUCKETS, folded.buckets() + " buckets");
  }

  @Test
  void bytesReadBackToTheSameSummary() {
    for (QuantileSummary s : List.of(new QuantileSummary(), of(1, 2, 2, -0.0, 5.5),
        of(range(-1000, 1000)))) {
      byte[] bytes = s.toBytes();
      QuantileSummary read = QuantileSummary.fromBytes(bytes);
      assertArrayEquals(bytes, read.toBytes());
      assertEquals(s.count(), read.count());
      assertEquals(s.quantile(0.3), read.quantile(0.3));
    }
  }

  private static QuantileSummary mergedInRandomParts(List<Double> values, Random random) {
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, random);
    List<QuantileSummary> parts = new ArrayList<>();
    int at = 0;
    while (at < shuffled.size()) {
      int size = 1 + random.nextInt(300);
      QuantileSummary part = new QuantileSummary();
      shuffled.subList(at, Math.min(at + size, shuffled.size())).forEach(part::add);
      parts.add(part);
      at += size;
    }
    while (parts.size() > 1) {
      QuantileSummary a = parts.remove(random.nextInt(parts.size()));
      QuantileSummary b = parts.remove(random.nextInt(parts.size()));
      parts.add(a.merge(b));
    }
    return parts.get(0);
  }

  static double[] range(int from, int to) {
    double[] values = new double[to - from + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = from + i;
    }
    return values;
  }
}
