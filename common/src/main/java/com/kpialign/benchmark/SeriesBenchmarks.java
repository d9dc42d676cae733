package com.kpialign.benchmark;

import com.kpialign.metrics.Grain;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every period of one series (a metric at one grain and slice) against its own history: the
 * previous period, the same period last year, trailing statistics, a seasonal expectation with a
 * prediction interval, and the XmR process-behaviour chart. Pure Java over one series at a time,
 * so Spark runs it per series on the executors.
 *
 * <p><b>Same period last year</b>: a day 52 weeks earlier (the same weekday), the same ISO week
 * number of the previous ISO year (week 53 has none when that year had 52), the same month or
 * quarter a year earlier.
 *
 * <p><b>Expected value</b>: for days, the median of the same weekday over the 4 weeks before
 * (ordinary days only), times the day's calendar effect: the median ratio of value to baseline
 * over the last 3 earlier days with the same calendar event, or the calendar's planned effect
 * before there is one. For weeks, months and quarters, a seasonal naive forecast with growth:
 * the same period last year times the ratio of the last k periods to the same k periods a year
 * earlier (k = 4 weeks, 3 months, 2 quarters); with less than a year of history, the mean of the
 * last k periods. The prediction interval is empirical (split-conformal): the expectation
 * widened by the 5% and 95% quantiles of the method's own relative errors on the series' last
 * {@value #INTERVAL_ERRORS} periods without a special cause (outside the XmR limits), so its
 * coverage is what the method achieved here on routine variation.
 *
 * <p><b>XmR</b>: the central line is the mean and the natural process limits the mean plus or
 * minus 2.66 average moving ranges of the phase's first {@value #XMR_BASELINE} points (fewer
 * while the phase is young, never the point judged). Signals, strongest first: a point outside
 * the limits; 8 points in a row on one side of the central line; 3 of the last 4 on one side and
 * beyond half way to the limit. A run of 8 confirms a shift: a new phase, with new limits, starts
 * at the run's first point.
 */
public final class SeriesBenchmarks {
  public static final int INTERVAL_ERRORS = 26;
  static final int MIN_INTERVAL_ERRORS = 8;
  public static final int XMR_BASELINE = 20;
  static final int XMR_MIN_POINTS = 6;
  static final int RUN = 8;
  static final double XMR_FACTOR = 2.66;
  static final double MAD_SCALE = 1.4826;

  /** Earlier periods the trailing statistics use, and the fewest they need. */
  public record Settings(int history, int minHistory) implements java.io.Serializable {}

  public record Point(LocalDate start, double value) {}

  /** One period's benchmark; a null figure has its reason in the matching reason field. */
  public record Result(LocalDate start, double value,
      Double previous, String previousReason,
      LocalDate lastYearStart, Double lastYear, String lastYearReason,
      Integer historyPeriods, Double mean, Double sd, Double median, Double mad, Double robustZ,
      Double percentile, String historyReason,
      Double expected, Double expectedLow, Double expectedHigh, String expectedMethod,
      String expectedReason,
      Double xmrCentre, Double xmrLower, Double xmrUpper, String signal, String signalSide,
      String signalReason) {}

  private SeriesBenchmarks() {}

  /** The period before {@code start}. */
  public static LocalDate previous(Grain grain, LocalDate start, int k) {
    return switch (grain) {
      case DAY -> start.minusDays(k);
      case WEEK -> start.minusWeeks(k);
      case MONTH -> start.minusMonths(k);
      case QUARTER -> start.minusMonths(3L * k);
    };
  }

  /** The same period last year, or empty for an ISO week 53 whose previous year had 52. */
  public static Optional<LocalDate> lastYear(Grain grain, LocalDate start) {
    return switch (grain) {
      case DAY -> Optional.of(start.minusWeeks(52));
      case WEEK -> {
        int week = start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int year = start.get(IsoFields.WEEK_BASED_YEAR);
        LocalDate firstWeek = LocalDate.of(year - 1, 1, 4).with(DayOfWeek.MONDAY);
        LocalDate candidate = firstWeek.plusWeeks(week - 1L);
        yield candidate.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == week
            ? Optional.of(candidate) : Optional.empty();
      }
      case MONTH, QUARTER -> Optional.of(start.minusYears(1));
    };
  }

  /** {@link #of(Grain, List, Settings, BusinessCalendar, boolean)} of a total. */
  public static List<Result> of(Grain grain, List<Point> series, Settings settings,
      BusinessCalendar calendar) {
    return of(grain, series, settings, calendar, true);
  }

  /**
   * The benchmarks of one series; {@code total}: the metric is a total (a sum or count), to
   * which a promotion's planned effect applies; a rate or an average learns its own effect from
   * the event's past occurrences only.
   */
  public static List<Result> of(Grain grain, List<Point> series, Settings settings,
      BusinessCalendar calendar, boolean total) {
    TreeMap<LocalDate, Double> values = new TreeMap<>();
    series.forEach(p -> values.put(p.start(), p.value()));
    Xmr xmr = new Xmr();
    Map<String, List<Double>> eventEffects = new HashMap<>();
    List<Double> errors = new ArrayList<>();
    List<Result> out = new ArrayList<>();
    for (Map.Entry<LocalDate, Double> e : values.entrySet()) {
      LocalDate start = e.getKey();
      double value = e.getValue();
      Double previous = values.get(previous(grain, start, 1));
      Optional<LocalDate> lyStart = lastYear(grain, start);
      Double lastYear = lyStart.map(values::get).orElse(null);
      String lyReason = lyStart.isEmpty() ? "ISO week 53 has no counterpart the year before"
          : lastYear == null ? "no value for " + lyStart.get() : null;

      double[] history = new double[settings.history()];
      int n = 0;
      for (int k = 1; k <= settings.history(); k++) {
        Double h = values.get(previous(grain, start, k));
        if (h != null) {
          history[n++] = h;
        }
      }
      history = Arrays.copyOf(history, n);
      Stats stats = n < settings.minHistory() ? null : Stats.of(history, value);

      Expectation expectation = grain == Grain.DAY
          ? daily(start, value, values, calendar, eventEffects, total)
          : seasonalNaive(grain, start, values);
      Double low = null;
      Double high = null;
      String expectedReason = expectation.reason();
      if (expectation.value() != null) {
        if (errors.size() >= MIN_INTERVAL_ERRORS) {
          double[] recent = errors.subList(Math.max(0, errors.size() - INTERVAL_ERRORS),
              errors.size()).stream().mapToDouble(Double::doubleValue).toArray();
          double relativeLow = quantile(recent, 0.05);
          double relativeHigh = quantile(recent, 0.95);
          low = expectation.value() + Math.abs(expectation.value()) * relativeLow;
          high = expectation.value() + Math.abs(expectation.value()) * relativeHigh;
        } else {
          expectedReason = "no interval: fewer than " + MIN_INTERVAL_ERRORS
              + " earlier expectations to learn its errors from";
        }
      }
      Xmr.Judgement signal = xmr.judge(value);
      // the interval describes routine variation: a point outside the XmR limits has a special
      // cause, and its error would widen every interval after it
      if (expectation.value() != null && expectation.value() != 0
          && !"outside_limits".equals(signal.signal())) {
        errors.add((value - expectation.value()) / Math.abs(expectation.value()));
      }
      out.add(new Result(start, value, previous,
          previous == null ? "no value for " + previous(grain, start, 1) : null,
          lyStart.orElse(null), lastYear, lyReason,
          n, stats == null ? null : stats.mean(), stats == null ? null : stats.sd(),
          stats == null ? null : stats.median(), stats == null ? null : stats.mad(),
          stats == null ? null : stats.robustZ(), stats == null ? null : stats.percentile(),
          stats == null ? "only " + n + " of the " + settings.history()
              + " earlier periods have a value (at least " + settings.minHistory() + " needed)"
              : stats.robustZ() == null ? "no spread in the history (MAD 0): no robust z" : null,
          expectation.value(), low, high, expectation.method(), expectedReason,
          signal.centre(), signal.lower(), signal.upper(), signal.signal(), signal.side(),
          signal.reason()));
    }
    return out;
  }

  record Expectation(Double value, String method, String reason) {}

  private static Expectation daily(LocalDate day, double value, TreeMap<LocalDate, Double> values,
      BusinessCalendar calendar, Map<String, List<Double>> eventEffects, boolean total) {
    List<Double> sameWeekday = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      LocalDate earlier = day.minusWeeks(k);
      Double v = values.get(earlier);
      if (v != null && calendar.event(earlier).isEmpty()) {
        sameWeekday.add(v);
      }
    }
    if (sameWeekday.size() < 2) {
      return new Expectation(null, null, "fewer than 2 ordinary same weekdays in the 4 weeks "
          + "before");
    }
    double base = median(sameWeekday.stream().mapToDouble(Double::doubleValue).toArray());
    Optional<String> event = calendar.event(day);
    if (event.isEmpty()) {
      return new Expectation(base, "weekday_median_4w", null);
    }
    List<Double> past = eventEffects.computeIfAbsent(event.get(), k -> new ArrayList<>());
    double effect;
    String method;
    if (!past.isEmpty()) {
      effect = median(past.subList(Math.max(0, past.size() - 3), past.size()).stream()
          .mapToDouble(Double::doubleValue).toArray());
      method = "weekday_median_4w x " + event.get() + " effect of the last " + Math.min(3,
          past.size());
    } else {
      // a planned effect is on volume: twice the orders is not twice the on-time rate
      Optional<Double> planned = total ? calendar.plannedEffect(event.get()) : Optional.empty();
      effect = planned.orElse(1.0);
      method = "weekday_median_4w x " + event.get() + (planned.isPresent() ? " planned effect"
          : total || calendar.plannedEffect(event.get()).isEmpty()
              ? " (first occurrence, no effect yet)"
              : " (first occurrence; the planned effect is for totals, not rates or averages)");
    }
    if (base != 0) {
      past.add(value / base);
    }
    return new Expectation(base * effect, method, null);
  }

  private static Expectation seasonalNaive(Grain grain, LocalDate start,
      TreeMap<LocalDate, Double> values) {
    int k = switch (grain) {
      case WEEK -> 4;
      case MONTH -> 3;
      default -> 2;
    };
    double recent = 0;
    double yearBefore = 0;
    boolean complete = true;
    double[] last = new double[k];
    for (int i = 1; i <= k; i++) {
      LocalDate p = previous(grain, start, i);
      Double v = values.get(p);
      if (v == null) {
        return new Expectation(null, null, "no value for " + p);
      }
      last[i - 1] = v;
      recent += v;
      Double ly = lastYear(grain, p).map(values::get).orElse(null);
      if (ly == null) {
        complete = false;
      } else {
        yearBefore += ly;
      }
    }
    Double sameLastYear = lastYear(grain, start).map(values::get).orElse(null);
    if (complete && sameLastYear != null && yearBefore != 0) {
      return new Expectation(sameLastYear * recent / yearBefore, "seasonal_naive_growth_" + k,
          null);
    }
    return new Expectation(Arrays.stream(last).average().orElseThrow(), "mean_last_" + k,
        "less than a year of history: level only, no seasonality");
  }

  /** Trailing statistics of the history against the current value. */
  record Stats(double mean, Double sd, double median, double mad, Double robustZ,
      double percentile) {
    static Stats of(double[] history, double value) {
      int n = history.length;
      double mean = Arrays.stream(history).average().orElseThrow();
      Double sd = null;
      if (n > 1) {
        double ss = 0;
        for (double h : history) {
          ss += (h - mean) * (h - mean);
        }
        sd = Math.sqrt(ss / (n - 1));
      }
      double median = SeriesBenchmarks.median(history);
      double mad = SeriesBenchmarks.median(Arrays.stream(history)
          .map(h -> Math.abs(h - median)).toArray());
      Double z = mad == 0 ? null : (value - median) / (MAD_SCALE * mad);
      long below = Arrays.stream(history).filter(h -> h < value).count();
      long equal = Arrays.stream(history).filter(h -> h == value).count();
      return new Stats(mean, sd, median, mad, z, 100.0 * (below + 0.5 * equal) / n);
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Quantile with linear interpolation between order statistics (type 7, as R and NumPy). */
  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The XmR chart of one series, point by point. */
  static final class Xmr {
    record Judgement(Double centre, Double lower, Double upper, String signal, String side,
        String reason) {}

    private final List<Double> phase = new ArrayList<>();

    Judgement judge(double value) {
      List<Double> baseline =
          List.copyOf(phase.subList(0, Math.min(phase.size(), XMR_BASELINE)));
      if (baseline.size() < XMR_MIN_POINTS) {
        phase.add(value);
        return new Judgement(null, null, null, null, null, "only " + baseline.size()
            + " points since the limits were (re)set: at least " + XMR_MIN_POINTS + " needed");
      }
      double centre = baseline.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double movingRange = 0;
      for (int i = 1; i < baseline.size(); i++) {
        movingRange += Math.abs(baseline.get(i) - baseline.get(i - 1));
      }
      movingRange /= baseline.size() - 1;
      double upper = centre + XMR_FACTOR * movingRange;
      double lower = centre - XMR_FACTOR * movingRange;
      phase.add(value);
      int size = phase.size();
      String signal = null;
      String side = null;
      if (value > upper || value < lower) {
        signal = "outside_limits";
        side = value > upper ? "high" : "low";
      } else if (size >= RUN && sameSide(phase.subList(size - RUN, size), centre) != 0) {
        signal = "run_of_8";
        side = sameSide(phase.subList(size - RUN, size), centre) > 0 ? "high" : "low";
      } else if (size >= 4) {
        double half = XMR_FACTOR * movingRange / 2;
        int sign = value > centre ? 1 : -1;
        long beyond = phase.subList(size - 4, size).stream()
            .filter(v -> sign * (v - centre) > half).count();
        if (sign * (value - centre) > half && beyond >= 3) {
          signal = "three_of_four";
          side = sign > 0 ? "high" : "low";
        }
      }
      Judgement judgement = new Judgement(centre, lower, upper, signal, side, null);
      if ("run_of_8".equals(signal)) {
        // a confirmed shift: the limits of what follows come from the run onwards
        List<Double> run = new ArrayList<>(phase.subList(size - RUN, size));
        phase.clear();
        phase.addAll(run);
      }
      return judgement;
    }

    private static int sameSide(List<Double> points, double centre) {
      boolean above = points.stream().allMatch(v -> v > centre);
      boolean below = points.stream().allMatch(v -> v < centre);
      return above ? 1 : below ? -1 : 0;
    }
  }
}
