package com.kpialign.config;

import java.time.LocalDate;

/**
 * How often an extract is delivered: every day, on the first day of each month or quarter, or
 * {@code on_arrival}: on any day or none, a day without a file being a day without rows (a sparse
 * event feed, a dimension snapshot sent when it changes).
 */
public enum Schedule {
  DAILY, MONTHLY, QUARTERLY, ON_ARRIVAL;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether a missing extract is a day without rows rather than an error. */
  public boolean isOptional() {
    return this == ON_ARRIVAL;
  }

  /** Whether an extract of this schedule may be delivered for {@code date}. */
  public boolean deliversOn(LocalDate date) {
    return switch (this) {
      case DAILY, ON_ARRIVAL -> true;
      case MONTHLY -> date.getDayOfMonth() == 1;
      case QUARTERLY -> date.getDayOfMonth() == 1 && (date.getMonthValue() - 1) % 3 == 0;
    };
  }
}
