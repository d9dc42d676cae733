package com.kpialign.quality;

import com.kpialign.catalog.MetricCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which metrics are verified on a day: a failed {@code error} check on a source marks every metric
 * that reads that source (directly, or through a ratio or formula) unverified for the day, and
 * says which checks failed. Warnings do not unverify.
 */
public final class MetricVerification {
  /** A metric's verification on one day. */
  public record Status(LocalDate day, String metricId, boolean verified,
      List<String> failedChecks) {}

  private MetricVerification() {}

  public static List<Status> of(MetricCatalog catalog, List<LocalDate> days,
      List<DailyVerification.Outcome> outcomes) {
    Map<LocalDate, Map<String, Set<String>>> failedBySource = new TreeMap<>();
    for (DailyVerification.Outcome o : outcomes) {
      if (o.failedError()) {
        failedBySource.computeIfAbsent(o.day(), d -> new TreeMap<>())
            .computeIfAbsent(o.check().source(), s -> new TreeSet<>())
            .add(o.check().source() + ": " + o.check().constraint());
      }
    }
    List<Status> out = new ArrayList<>();
    Map<String, Set<String>> sources = catalog.sourcesByMetric();
    for (LocalDate day : days) {
      Map<String, Set<String>> failed = failedBySource.getOrDefault(day, Map.of());
      for (String metric : sources.keySet()) {
        List<String> checks = new ArrayList<>();
        for (String source : sources.get(metric)) {
          checks.addAll(failed.getOrDefault(source, Set.of()));
        }
        out.add(new Status(day, metric, checks.isEmpty(), checks));
      }
    }
    return out;
  }
}
