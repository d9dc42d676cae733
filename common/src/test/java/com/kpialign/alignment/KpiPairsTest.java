package com.kpialign.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pairs of the demo company's catalog and tree. */
class KpiPairsTest {
  static final Conf DEMO = ConfLoader.load(Path.of("../conf"), "local");
  static final KpiPairs PAIRS = KpiPairs.of(DEMO.requireCatalog(), DEMO.requireTree(),
      List.of("region"));
  static final Map<String, KpiPairs.Pair> BY_ID = PAIRS.pairs().stream()
      .collect(Collectors.toMap(p -> p.a() + "|" + p.b(), Function.identity()));

  @Test
  void everyPairOfDifferentVerticalsIsTestedOnce() {
    // verticals of the 51 metrics: sales 10, marketing 9, product 8, people 7, support 6,
    // operations 6, finance 5: (51^2 - (100 + 81 + 64 + 49 + 36 + 36 + 25)) / 2 = 1105
    long cross = PAIRS.pairs().stream().filter(p -> !p.verticalA().equals(p.verticalB()))
        .count();
    assertEquals(1105, cross);
    assertTrue(PAIRS.pairs().stream().allMatch(p -> p.a().compareTo(p.b()) < 0));
  }

  @Test
  void anInfluenceKeepsItsSignAndSharedSlicesAreListed() {
    KpiPairs.Pair p = BY_ID.get("csat|on_time_delivery_rate");
    assertEquals(KpiPairs.Kind.TREE_EDGE, p.kind());
    assertEquals("influence", p.edge());
    assertEquals(1, p.expectedSign());
    assertEquals(List.of("region"), p.sliceDims());
    // first response time (down is good) drives CSAT with sign -
    assertEquals(-1, BY_ID.get("csat|first_response_time").expectedSign());
  }

  @Test
  void otherPairsExpectTheSignOfTheirDirections() {
    KpiPairs.Pair signups = BY_ID.get("conversion_rate|signups");
    assertEquals(KpiPairs.Kind.CROSS_VERTICAL, signups.kind());
    assertEquals(1, signups.expectedSign());
    assertFalse(signups.bothTotals());
    // costs should fall while revenue rises; both are totals
    KpiPairs.Pair costs = BY_ID.get("cogs|revenue");
    assertEquals(-1, costs.expectedSign());
    assertTrue(costs.bothTotals());
  }

  @Test
  void sameVerticalPairsNeedAnEdgeOrAnObjectiveKpi() {
    // sales: revenue = orders * average_order_value, and revenue is a KPI of an objective
    assertEquals(KpiPairs.Kind.TREE_EDGE, BY_ID.get("orders|revenue").kind());
    assertEquals(KpiPairs.Kind.OBJECTIVE_KPI, BY_ID.get("gross_sales|revenue").kind());
    // two sales drivers, neither an objective's KPI nor on one edge
    assertFalse(BY_ID.containsKey("discounts|gross_sales"));
    assertTrue(PAIRS.objectiveKpis().contains("csat"));
  }
}
