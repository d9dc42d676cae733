package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CadenceTest {
  private static final LocalDate SUNDAY = LocalDate.of(2024, 6, 30);

  private static RunDates dates(String from, String to) {
    return new RunDates(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void dailyIsDueForAllTheDates() {
    assertEquals(Optional.of(dates("2024-06-24", "2024-06-29")),
        Cadence.DAILY.due(dates("2024-06-24", "2024-06-29")));
  }

  @Test
  void weeklyRunsUpToTheLastSunday() {
    // Monday Jun 24 .. Saturday Jun 29, 2024 holds no Sunday
    assertEquals(Optional.empty(), Cadence.WEEKLY.due(dates("2024-06-24", "2024-06-29")));
    assertEquals(Optional.of(RunDates.single(SUNDAY)), Cadence.WEEKLY.due(RunDates.single(SUNDAY)));
    // Jun 1 .. Wednesday Jul 3: as of Sunday Jun 30
    assertEquals(Optional.of(dates("2024-06-01", "2024-06-30")),
        Cadence.WEEKLY.due(dates("2024-06-01", "2024-07-03")));
  }

  @Test
  void monthlyCloseRunsUpToTheLastMonthEnd() {
    assertEquals(Optional.empty(), Cadence.MONTHLY_CLOSE.due(dates("2024-02-01", "2024-02-28")));
    // 2024 is a leap year: February closes on the 29th
    assertEquals(Optional.of(RunDates.single(LocalDate.of(2024, 2, 29))),
        Cadence.MONTHLY_CLOSE.due(RunDates.single(LocalDate.of(2024, 2, 29))));
    assertEquals(Optional.of(dates("2024-01-15", "2024-03-31")),
        Cadence.MONTHLY_CLOSE.due(dates("2024-01-15", "2024-04-10")));
  }
}
