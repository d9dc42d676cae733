package com.kpialign.jobs;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dates one run processes: a single run date (the nightly case, Airflow's logical date) or
 * an inclusive range processed in one pass (backfills, the demo).
 */
public record RunDates(LocalDate from, LocalDate to) {

  public RunDates {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
  }

  public static RunDates single(LocalDate date) {
    return new RunDates(date, date);
  }

  public boolean isSingleDay() {
    return from.equals(to);
  }

  public List<LocalDate> dates() {
    return Stream.iterate(from, d -> !d.isAfter(to), d -> d.plusDays(1)).toList();
  }

  public int size() {
    return (int) (to.toEpochDay() - from.toEpochDay() + 1);
  }

  @Override
  public String toString() {
    return isSingleDay() ? from.toString() : from + ".." + to;
  }
}
