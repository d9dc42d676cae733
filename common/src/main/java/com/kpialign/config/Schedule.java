package com.kpialign.config;

import java.time.LocalDate;

/** How often an extract is delivered: every day, or on the first day of each month/quarter. */
public enum Schedule {
  DAILY, MONTHLY, QUARTERLY;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether an extract of this schedule is expected for {@code date}. */
  public boolean deliversOn(LocalDate date) {
    return switch (this) {
      case DAILY -> true;
      case MONTHLY -> date.getDayOfMonth() == 1;
      case QUARTERLY -> date.getDayOfMonth() == 1 && (date.getMonthValue() - 1) % 3 == 0;
    };
  }
}
