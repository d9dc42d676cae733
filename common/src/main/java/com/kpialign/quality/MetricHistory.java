package com.kpialign.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Daily values of data-quality metrics (Deequ's, e.g. {@code Size} of a source), as kept in
 * {@code quality.dq_metrics} plus those computed earlier in the same run. Anomaly checks read it
 * strictly before the day they judge, so a backfill judges each day against its own past.
 */
public final class MetricHistory {
  private final Map<String, NavigableMap<LocalDate, Double>> series = new HashMap<>();

  public static String key(String source, String name, String instance) {
    return source + "|" + name + "|" + instance;
  }

  public void add(String key, LocalDate day, double value) {
    series.computeIfAbsent(key, k -> new TreeMap<>()).put(day, value);
  }

  /**
   * The values of the same weekday in the {@code weeks} weeks before {@code day}, oldest first:
   * daily volumes follow the week, so a Monday is compared with Mondays.
   */
  public List<Map.Entry<LocalDate, Double>> sameWeekdayBefore(String key, LocalDate day,
      int weeks) {
    List<Map.Entry<LocalDate, Double>> out = new ArrayList<>();
    NavigableMap<LocalDate, Double> values = series.getOrDefault(key, new TreeMap<>());
    for (int w = weeks; w >= 1; w--) {
      LocalDate earlier = day.minusWeeks(w);
      Double value = values.get(earlier);
      if (value != null) {
        out.add(Map.entry(earlier, value));
      }
    }
    return out;
  }
}
