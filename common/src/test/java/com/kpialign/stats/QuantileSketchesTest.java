package com.kpialign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class QuantileSketchesTest {
  static byte[] sketchOf(int from, int to) {
    KllDoublesSketch s = KllDoublesSketch.newHeapInstance(QuantileSketches.K);
    for (int v = from; v <= to; v++) {
      s.update(v);
    }
    return s.toByteArray();
  }

  /** 1..10: the p90 is the 9th value (0.9 x 10 is 9 in decimal, 9.000000000000002 in binary). */
  @Test
  void smallSketchesGiveTheNearestRankExactly() {
    byte[] s = sketchOf(1, 10);
    assertEquals(9.0, QuantileSketches.quantile(s, 0.9));
    assertEquals(5.0, QuantileSketches.quantile(s, 0.5));
    assertEquals(1.0, QuantileSketches.quantile(s, 0.0));
    assertEquals(10.0, QuantileSketches.quantile(s, 1.0));
    assertNull(QuantileSketches.quantile(sketchOf(1, 0), 0.5));
  }

  /**
   * 100,000 values 1..100000, past the sketch's exact capacity: the p90's rank is within the
   * stated rank error (1.33% of 100,000 = 1,330 ranks) of 90,000.
   */
  @Test
  void largeSketchesStayWithinTheRankError() {
    double p90 = QuantileSketches.quantile(sketchOf(1, 100_000), 0.9);
    double error = QuantileSketches.rankError();
    assertTrue(error > 0.01 && error < 0.015, "rank error " + error);
    assertTrue(Math.abs(p90 - 90_000) <= error * 100_000, "p90 " + p90);
  }
}
