package com.kpialign.metrics;

import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.to_date;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import org.apache.spark.sql.Column;

/** The periods metrics are computed for: the day, its ISO week (Monday first), month, quarter. */
public enum Grain {
  DAY, WEEK, MONTH, QUARTER;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The first day of the period containing {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
    };
  }

  /** The last day of the period containing {@code day}. */
  public LocalDate end(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> start(day).plusDays(6);
      case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
      case QUARTER -> start(day).plusMonths(3).minusDays(1);
    };
  }

  /** The same as {@link #start} for a date column. */
  public Column start(Column day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> to_date(date_trunc("week", day));
      case MONTH -> to_date(date_trunc("month", day));
      case QUARTER -> to_date(date_trunc("quarter", day));
    };
  }
}
