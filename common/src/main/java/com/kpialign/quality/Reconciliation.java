package com.kpialign.quality;

import com.kpialign.catalog.CheckType;
import com.kpialign.catalog.MetricCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconcile checks: a metric and its reference metric, usually of another source (booked revenue
 * in the ledger against revenue from orders), must agree each day within a relative tolerance.
 * Both daily values come from the sources' Deequ runs ({@link DailyVerification.Result}).
 */
public final class Reconciliation {
  private Reconciliation() {}

  /**
   * @param results each source's verification result, by source name
   */
  public static List<DailyVerification.Outcome> outcomes(List<SourceChecks.Planned> plan,
      List<LocalDate> days, Map<String, DailyVerification.Result> results,
      MetricCatalog catalog) {
    List<DailyVerification.Outcome> out = new ArrayList<>();
    for (SourceChecks.Planned p : plan) {
      if (p.type() != CheckType.RECONCILE) {
        continue;
      }
      String metric = p.metricId().orElseThrow();
      String reference = p.definition().reference().orElseThrow();
      double tolerance = p.definition().tolerance().orElseThrow();
      for (LocalDate day : days) {
        Optional<Double> actual = dailyValue(results, catalog, metric, day);
        Optional<Double> expected = dailyValue(results, catalog, reference, day);
        if (actual.isEmpty() || expected.isEmpty()) {
          out.add(new DailyVerification.Outcome(day, p, DailyVerification.Status.NO_DATA,
              Optional.empty(), (actual.isEmpty() ? metric : reference)
                  + " has no rows this day"));
          continue;
        }
        double a = actual.get();
        double e = expected.get();
        double difference = relativeDifference(a, e);
        boolean passed = difference <= tolerance;
        out.add(new DailyVerification.Outcome(day, p, passed ? DailyVerification.Status.PASSED
            : DailyVerification.Status.FAILED, Optional.of(difference), String.format(
                java.util.Locale.ROOT, "%s %.2f vs %s %.2f: relative difference %.5f %s "
                    + "tolerance %s", metric, a, reference, e, difference, passed ? "within"
                    : "beyond", tolerance)));
      }
    }
    return out;
  }

  /** |a - e| / |e|; 0 when both are 0, infinite when only the reference is 0. */
  static double relativeDifference(double actual, double expected) {
    if (actual == expected) {
      return 0;
    }
    return expected == 0 ? Double.POSITIVE_INFINITY
        : Math.abs(actual - expected) / Math.abs(expected);
  }

  private static Optional<Double> dailyValue(Map<String, DailyVerification.Result> results,
      MetricCatalog catalog, String metric, LocalDate day) {
    String source = catalog.metric(metric).flatMap(m -> m.source()).orElseThrow();
    DailyVerification.Result result = results.get(source);
    return result == null ? Optional.empty() : result.dailyValue(day, metric);
  }
}
