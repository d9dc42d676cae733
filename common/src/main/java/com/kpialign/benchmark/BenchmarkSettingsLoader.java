package com.kpialign.benchmark;

import com.kpialign.config.ConfNode;
import com.kpialign.metrics.Grain;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads {@code benchmarks.yaml}; every key is optional and has the default shown there. */
public final class BenchmarkSettingsLoader {
  private BenchmarkSettingsLoader() {}

  public static BenchmarkSettings read(ConfNode root) {
    BenchmarkSettings d = BenchmarkSettings.DEFAULT;
    root.onlyKeys(BenchmarkSettings.keys().toArray(String[]::new));
    BusinessCalendar calendar = root.has("calendar") ? calendar(root.object("calendar"))
        : d.calendar();
    Map<Grain, Integer> history = new EnumMap<>(d.history());
    if (root.has("history")) {
      ConfNode h = root.object("history");
      h.onlyKeys("day", "week", "month", "quarter");
      for (Grain g : Grain.values()) {
        history.put(g, positive(h, g.spelling(), d.history().get(g)));
      }
    }
    int minHistory = positive(root, "min_history", d.minHistory());
    BenchmarkSettings.StatusRules status = d.status();
    if (root.has("status")) {
      ConfNode s = root.object("status");
      s.onlyKeys("basis", "green", "amber");
      BenchmarkSettings.Basis basis = s.enumValue("basis", BenchmarkSettings.Basis.class,
          d.status().basis(), BenchmarkSettings.Basis::spelling);
      double green = s.number("green").orElse(d.status().green());
      double amber = s.number("amber").orElse(d.status().amber());
      if (!(amber > 0 && amber <= green)) {
        s.problem("amber", "must be above 0 and at most green (" + green + "), got " + amber);
      }
      status = new BenchmarkSettings.StatusRules(basis == null ? d.status().basis() : basis,
          green, amber);
    }
    return new BenchmarkSettings(calendar, history, minHistory, status,
        positive(root, "trend_periods", d.trendPeriods()),
        positive(root, "target_review_periods", d.targetReviewPeriods()),
        positive(root, "peer_max_age_days", d.peerMaxAgeDays()),
        positive(root, "recurrence_window_days", d.recurrenceWindowDays()),
        root.has("alerts") ? alerts(root.object("alerts"), d.alerts()) : d.alerts());
  }

  private static BenchmarkSettings.AlertRules alerts(ConfNode a,
      BenchmarkSettings.AlertRules d) {
    a.onlyKeys("critical_deviation", "notice_grains", "min_deviation", "min_cause_share");
    double critical = a.number("critical_deviation").orElse(d.criticalDeviation());
    if (!(critical > 0)) {
      a.problem("critical_deviation", "must be above 0, got " + critical);
    }
    List<String> grains = a.has("notice_grains") ? a.strings("notice_grains") : d.noticeGrains();
    List<String> known = Arrays.stream(Grain.values()).map(Grain::spelling).toList();
    for (String g : grains) {
      if (!known.contains(g)) {
        a.problem("notice_grains", "'" + g + "' is not one of " + known);
      }
    }
    double minDeviation = a.number("min_deviation").orElse(d.minDeviation());
    if (!(minDeviation >= 0)) {
      a.problem("min_deviation", "must be 0 or more, got " + minDeviation);
    }
    double minShare = a.number("min_cause_share").orElse(d.minCauseShare());
    if (!(minShare > 0)) {
      a.problem("min_cause_share", "must be above 0, got " + minShare);
    }
    return new BenchmarkSettings.AlertRules(critical, grains, minDeviation, minShare);
  }

  private static int positive(ConfNode node, String key, int defaultValue) {
    int v = node.integer(key, defaultValue);
    if (v < 1) {
      node.problem(key, "must be at least 1, got " + v);
    }
    return v;
  }

  private static BusinessCalendar calendar(ConfNode c) {
    c.onlyKeys("holidays", "promotions", "month_end_days", "quarter_end_days");
    List<BusinessCalendar.Holiday> holidays = new ArrayList<>();
    for (ConfNode h : c.list("holidays", false)) {
      h.onlyKeys("name", "date");
      String name = h.string("name");
      LocalDate date = h.date("date").orElse(null);
      if (date == null && !h.has("date")) {
        h.problem("date", "is required");
      }
      if (name != null && date != null) {
        holidays.add(new BusinessCalendar.Holiday(name, date));
      }
    }
    List<BusinessCalendar.Promotion> promotions = new ArrayList<>();
    for (ConfNode p : c.list("promotions", false)) {
      p.onlyKeys("name", "from", "to", "effect");
      String name = p.string("name");
      LocalDate from = p.date("from").orElse(null);
      LocalDate to = p.date("to").orElse(from);
      if (from != null && to != null && to.isBefore(from)) {
        p.problem("to", "is before from " + from);
      }
      Double effect = p.number("effect").orElse(null);
      if (effect != null && !(effect > 0)) {
        p.problem("effect", "must be a positive multiplier, got " + effect);
      }
      if (name != null && from != null && to != null) {
        promotions.add(new BusinessCalendar.Promotion(name, from, to, effect));
      }
    }
    int monthEnd = c.integer("month_end_days", 0);
    int quarterEnd = c.integer("quarter_end_days", 0);
    if (monthEnd < 0 || quarterEnd < 0) {
      c.problem("month_end_days and quarter_end_days must be 0 or more");
    }
    return new BusinessCalendar(holidays, promotions, monthEnd, quarterEnd);
  }
}
