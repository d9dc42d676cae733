package com.kpialign.benchmark;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The business calendar of {@code conf/calendar.yaml}: holidays, promotion periods, and the last
 * days of each month and quarter. The seasonal baseline compares a special day with earlier days
 * of the same event, so that a normal month-end spike or a promotion is not an alarm.
 */
public record BusinessCalendar(List<Holiday> holidays, List<Promotion> promotions,
    int monthEndDays, int quarterEndDays) implements Serializable {

  public static final BusinessCalendar NONE = new BusinessCalendar(List.of(), List.of(), 0, 0);

  /** A day the business is closed or unusual. */
  public record Holiday(String name, LocalDate date) implements Serializable {}

  /**
   * A promotion: every day from {@code from} to {@code to}; {@code effect} (null if unknown) is
   * the planned multiplier used before the metric has seen the promotion once.
   */
  public record Promotion(String name, LocalDate from, LocalDate to, Double effect)
      implements Serializable {}

  public BusinessCalendar {
    holidays = new ArrayList<>(holidays);
    promotions = new ArrayList<>(promotions);
  }

  /**
   * The event of a day, the key under which its earlier occurrences are found: {@code
   * holiday:NAME}, {@code promotion:NAME}, {@code quarter_end} or {@code month_end}; empty for an
   * ordinary day. A promotion's name may repeat every year (black_friday).
   */
  public Optional<String> event(LocalDate day) {
    for (Holiday h : holidays) {
      if (h.date().equals(day)) {
        return Optional.of("holiday:" + h.name());
      }
    }
    for (Promotion p : promotions) {
      if (!day.isBefore(p.from()) && !day.isAfter(p.to())) {
        return Optional.of("promotion:" + p.name());
      }
    }
    LocalDate quarterEnd = day.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3).minusDays(1);
    if (quarterEndDays > 0 && !day.isBefore(quarterEnd.minusDays(quarterEndDays - 1L))) {
      return Optional.of("quarter_end");
    }
    LocalDate monthEnd = day.with(TemporalAdjusters.lastDayOfMonth());
    if (monthEndDays > 0 && !day.isBefore(monthEnd.minusDays(monthEndDays - 1L))) {
      return Optional.of("month_end");
    }
    return Optional.empty();
  }

  /** The planned effect of a promotion event, if the calendar gives one. */
  public Optional<Double> plannedEffect(String event) {
    return promotions.stream().filter(p -> event.equals("promotion:" + p.name()))
        .map(Promotion::effect).filter(java.util.Objects::nonNull).findFirst();
  }
}
