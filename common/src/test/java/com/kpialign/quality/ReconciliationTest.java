package com.kpialign.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReconciliationTest {
  @Test
  void relativeDifferenceIsAgainstTheReference() {
    assertEquals(0.05, Reconciliation.relativeDifference(105, 100), 1e-12);
    assertEquals(0.05, Reconciliation.relativeDifference(95, 100), 1e-12);
    assertEquals(0.5, Reconciliation.relativeDifference(-50, -100), 1e-12);
    assertEquals(0.0, Reconciliation.relativeDifference(0, 0));
    assertEquals(Double.POSITIVE_INFINITY, Reconciliation.relativeDifference(1, 0));
  }
}
