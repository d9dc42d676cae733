package com.kpialign.jobs;

import java.time.DayOfWeek;
import java.util.Optional;

/**
 * How often a stage of {@code kpi nightly} runs, and so which of a run's dates it runs for. A
 * job's own command runs it for the dates it is given, whatever its cadence.
 */
public enum Cadence {
  /** Every run: for all the run's dates. */
  DAILY("daily"),
  /** As of the last Sunday of the run's dates, the day its ISO week completes; else skipped. */
  WEEKLY("weekly, as of the last Sunday of the run's dates"),
  /** As of the last month-end among the run's dates, the month close; else skipped. */
  MONTHLY_CLOSE("monthly close, as of the last month-end among the run's dates");

  private final String description;

  Cadence(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The dates the stage runs for within {@code dates}, or empty when it is not due. */
  public Optional<RunDates> due(RunDates dates) {
    java.time.LocalDate last = switch (this) {
      case DAILY -> dates.to();
      case WEEKLY -> dates.to().minusDays(dates.to().getDayOfWeek().getValue()
          % DayOfWeek.SUNDAY.getValue());
      case MONTHLY_CLOSE -> dates.to().plusDays(1).getDayOfMonth() == 1 ? dates.to()
          : dates.to().withDayOfMonth(1).minusDays(1);
    };
    return last.isBefore(dates.from()) ? Optional.empty()
        : Optional.of(new RunDates(dates.from(), last));
  }
}
