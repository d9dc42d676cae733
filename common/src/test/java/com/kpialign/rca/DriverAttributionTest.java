package com.kpialign.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shapley contributions worked out by hand; they always add up to the parent's change. */
class DriverAttributionTest {
  static DriverAttribution.Result attribute(String formula, Map<String, Double> base,
      Map<String, Double> current) {
    return DriverAttribution.of(Formula.parse(formula), base, current);
  }

  @Test
  void aProduct() {
    // revenue 100 x 50 = 5000 -> 110 x 40 = 4400: orders (500 + 400) / 2 = 450,
    // order value (-1000 - 1100) / 2 = -1050
    DriverAttribution.Result r = attribute("orders * aov", Map.of("orders", 100.0, "aov", 50.0),
        Map.of("orders", 110.0, "aov", 40.0));
    assertEquals(-600, r.change(), 1e-9);
    assertEquals(450, r.contributions().get("orders"), 1e-9);
    assertEquals(-1050, r.contributions().get("aov"), 1e-9);
  }

  @Test
  void aRatio() {
    // conversion 100 / 1000 -> 90 / 1200: orders (-0.01 - 0.008333) / 2, sessions
    // (-0.016667 - 0.015) / 2
    DriverAttribution.Result r = attribute("orders / sessions",
        Map.of("orders", 100.0, "sessions", 1000.0), Map.of("orders", 90.0, "sessions", 1200.0));
    assertEquals(-0.025, r.change(), 1e-12);
    assertEquals((-0.01 - 10.0 / 1200) / 2, r.contributions().get("orders"), 1e-12);
    assertEquals((100.0 / 1200 - 0.1 + 0.075 - 0.09) / 2, r.contributions().get("sessions"),
        1e-12);
  }

  @Test
  void threeFactorsAndAnUnchangedOne() {
    // 2 x 3 x 4 = 24 -> 3 x 3 x 5 = 45; b does not move: a (12 + 15) / 2, c (6 + 9) / 2
    DriverAttribution.Result r = attribute("a * b * c", Map.of("a", 2.0, "b", 3.0, "c", 4.0),
        Map.of("a", 3.0, "b", 3.0, "c", 5.0));
    assertEquals(21, r.change(), 1e-9);
    assertEquals(13.5, r.contributions().get("a"), 1e-9);
    assertEquals(0, r.contributions().get("b"), 1e-9);
    assertEquals(7.5, r.contributions().get("c"), 1e-9);
  }

  @Test
  void aDifferenceIsTheChildrensOwnChanges() {
    DriverAttribution.Result r = attribute("revenue - cogs",
        Map.of("revenue", 100.0, "cogs", 60.0), Map.of("revenue", 120.0, "cogs", 80.0));
    assertEquals(0, r.change(), 1e-9);
    assertEquals(20, r.contributions().get("revenue"), 1e-9);
    assertEquals(-20, r.contributions().get("cogs"), 1e-9);
  }

  @Test
  void aFactorGoingToZero() {
    // 5 x 4 -> 0 x 6 = 0: a (-20 - 30) / 2 = -25, b (10 + 0) / 2 = 5
    DriverAttribution.Result r = attribute("a * b", Map.of("a", 5.0, "b", 4.0),
        Map.of("a", 0.0, "b", 6.0));
    assertEquals(-20, r.change(), 1e-9);
    assertEquals(-25, r.contributions().get("a"), 1e-9);
    assertEquals(5, r.contributions().get("b"), 1e-9);
  }

  @Test
  void aDenominatorGoingToZeroHasAReason() {
    DriverAttribution.Result r = attribute("orders / sessions",
        Map.of("orders", 10.0, "sessions", 100.0), Map.of("orders", 0.0, "sessions", 0.0));
    assertTrue(r.contributions().isEmpty());
    assertEquals("the formula orders / sessions is undefined (a zero denominator) on the way from"
        + " base to current", r.reason().orElseThrow());
  }

  @Test
  void contributionsAlwaysAddUpAndSymmetricChildrenShare() {
    Formula margin = Formula.parse("(gross_profit - operating_expense) / revenue");
    assertEquals(List.of("gross_profit", "operating_expense", "revenue"), margin.variables());
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      Map<String, Double> base = Map.of("gross_profit", random.nextDouble(-50, 100),
          "operating_expense", random.nextDouble(0, 80), "revenue", random.nextDouble(50, 300));
      Map<String, Double> current = Map.of("gross_profit", random.nextDouble(-50, 100),
          "operating_expense", random.nextDouble(0, 80), "revenue", random.nextDouble(50, 300));
      DriverAttribution.Result r = DriverAttribution.of(margin, base, current);
      double sum = r.contributions().values().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(r.change(), sum, 1e-9);
    }
    // x and y play the same role and move alike: equal shares
    DriverAttribution.Result same = attribute("x * y + 2", Map.of("x", 1.0, "y", 1.0),
        Map.of("x", 3.0, "y", 3.0));
    assertEquals(same.contributions().get("x"), same.contributions().get("y"), 1e-12);
    assertEquals(8, same.change(), 1e-12);
  }

  @Test
  void formulasThatDoNotParse() {
    assertEquals("missing ')' at 11 in (a + b * c",
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("(a + b * c"))
            .getMessage());
    assertEquals("unexpected ')' at 6 in a + b)",
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("a + b)"))
            .getMessage());
    assertEquals(-1.5, Formula.parse("-(a - 0.5) * 1.5").evaluate(Map.of("a", 1.5)), 1e-12);
  }
}
