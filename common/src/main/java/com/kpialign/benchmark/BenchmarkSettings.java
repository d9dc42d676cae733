package com.kpialign.benchmark;

import com.kpialign.metrics.Grain;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code conf/benchmarks.yaml} configures: the business calendar, the trailing history of
 * the statistics per grain, the red / amber / green rules, the scorecard's trend, the target
 * review, how old a peer benchmark may be, the window in which a root cause found again is
 * recurring, and which movements become alerts.
 */
public record BenchmarkSettings(BusinessCalendar calendar, Map<Grain, Integer> history,
    int minHistory, StatusRules status, int trendPeriods, int targetReviewPeriods,
    int peerMaxAgeDays, int recurrenceWindowDays, AlertRules alerts) implements Serializable {

  /**
   * Status from {@code attainment} (of the target, direction-aware), from {@code signals} (XmR
   * signals and the prediction interval, on the bad side), or {@code both} (the worse of the
   * two where there is a target). Green at attainment {@code >= green}, amber at {@code >=
   * amber}, red below.
   */
  public record StatusRules(Basis basis, double green, double amber) implements Serializable {}

  /**
   * Which movements of whole metrics (outside their prediction interval) become alerts. A red one
   * always does: {@code critical} from {@code criticalDeviation} off (relative) or with three
   * metrics or more, else {@code high}. One that is not red does at a grain of
   * {@code noticeGrains} when it is at least {@code minDeviation} off and its leading dimension
   * element explains at least {@code minCauseShare} of the change: {@code medium} on the bad
   * side, {@code info} on the good side (a price rise that lifts the average order value is news
   * for its owner too). Daily values are too noisy for such notices by default.
   */
  public record AlertRules(double criticalDeviation, List<String> noticeGrains,
      double minDeviation, double minCauseShare) implements Serializable {
    public AlertRules {
      noticeGrains = List.copyOf(noticeGrains);
    }
  }

  public enum Basis {
    ATTAINMENT, SIGNALS, BOTH;

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final BenchmarkSettings DEFAULT = new BenchmarkSettings(BusinessCalendar.NONE,
      defaultHistory(), 6, new StatusRules(Basis.BOTH, 1.0, 0.95), 6, 6, 200, 28,
      new AlertRules(0.2, List.of("week", "month", "quarter"), 0.02, 0.8));

  public BenchmarkSettings {
    history = new EnumMap<>(history);
  }

  public static Map<Grain, Integer> defaultHistory() {
    Map<Grain, Integer> h = new EnumMap<>(Grain.class);
    h.put(Grain.DAY, 28);
    h.put(Grain.WEEK, 26);
    h.put(Grain.MONTH, 24);
    h.put(Grain.QUARTER, 8);
    return h;
  }

  public SeriesBenchmarks.Settings series(Grain grain) {
    return new SeriesBenchmarks.Settings(history.get(grain), minHistory);
  }

  public static List<String> keys() {
    return List.of("calendar", "history", "min_history", "status", "trend_periods",
        "target_review_periods", "peer_max_age_days", "recurrence_window_days", "alerts");
  }
}
