package com.kpialign.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.kpialign.metrics.Grain;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Short series with every figure worked out by hand in the comments. */
class SeriesBenchmarksTest {
  static final SeriesBenchmarks.Settings SIX = new SeriesBenchmarks.Settings(6, 4);

  static List<SeriesBenchmarks.Point> monthly(LocalDate first, double... values) {
    List<SeriesBenchmarks.Point> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new SeriesBenchmarks.Point(first.plusMonths(i), values[i]));
    }
    return out;
  }

  static SeriesBenchmarks.Result last(List<SeriesBenchmarks.Result> results) {
    return results.get(results.size() - 1);
  }

  @Test
  void trailingStatisticsOfAShortMonthlySeries() {
    // history 10 12 11 15 9 13, current 14
    SeriesBenchmarks.Result r = last(SeriesBenchmarks.of(Grain.MONTH, monthly(
        LocalDate.of(2024, 1, 1), 10, 12, 11, 15, 9, 13, 14), SIX, BusinessCalendar.NONE));
    assertEquals(LocalDate.of(2024, 7, 1), r.start());
    assertEquals(13.0, r.previous());
    assertEquals(6, r.historyPeriods());
    assertEquals(70.0 / 6, r.mean(), 1e-12);
    // squared deviations from 11.667 sum to 23.333; / 5 = 4.667
    assertEquals(Math.sqrt(70.0 / 15), r.sd(), 1e-12);
    // sorted 9 10 11 12 13 15
    assertEquals(11.5, r.median());
    // |h - 11.5| = 1.5 0.5 0.5 3.5 2.5 1.5, median 1.5
    assertEquals(1.5, r.mad());
    assertEquals(2.5 / (1.4826 * 1.5), r.robustZ(), 1e-12);
    // 5 of 6 below 14
    assertEquals(500.0 / 6, r.percentile(), 1e-12);
    assertNull(r.lastYear());
    assertEquals("no value for 2023-07-01", r.lastYearReason());
  }

  @Test
  void tooLittleHistoryIsNullWithAReason() {
    List<SeriesBenchmarks.Result> results = SeriesBenchmarks.of(Grain.MONTH,
        monthly(LocalDate.of(2024, 1, 1), 5, 5, 5, 5, 6), SIX, BusinessCalendar.NONE);
    SeriesBenchmarks.Result third = results.get(2);
    assertNull(third.mean());
    assertEquals("only 2 of the 6 earlier periods have a value (at least 4 needed)",
        third.historyReason());
    assertNull(results.get(0).previous());
    assertEquals("no value for 2023-12-01", results.get(0).previousReason());
    // four equal values: no spread, no robust z, but a percentile (all below 6)
    SeriesBenchmarks.Result fifth = results.get(4);
    assertEquals(0.0, fifth.mad());
    assertNull(fifth.robustZ());
    assertEquals(100.0, fifth.percentile());
    assertEquals("no spread in the history (MAD 0): no robust z", fifth.historyReason());
  }

  @Test
  void sameDayLastYearKeepsTheWeekdayAcrossALeapDay() {
    // 2024-03-01 is a Friday; 52 weeks earlier is Friday 2023-03-03, not 2023-03-01
    assertEquals(Optional.of(LocalDate.of(2023, 3, 3)),
        SeriesBenchmarks.lastYear(Grain.DAY, LocalDate.of(2024, 3, 1)));
    assertEquals(Optional.of(LocalDate.of(2023, 3, 2)),
        SeriesBenchmarks.lastYear(Grain.DAY, LocalDate.of(2024, 2, 29)));
    assertEquals(Optional.of(LocalDate.of(2023, 2, 1)),
        SeriesBenchmarks.lastYear(Grain.MONTH, LocalDate.of(2024, 2, 1)));
  }

  @Test
  void isoWeeksMatchByWeekNumberAndWeek53HasNone() {
    // 2021-W01 starts Monday 2021-01-04; 2020-W01 started Monday 2019-12-30
    assertEquals(Optional.of(LocalDate.of(2019, 12, 30)),
        SeriesBenchmarks.lastYear(Grain.WEEK, LocalDate.of(2021, 1, 4)));
    // 2020-W53 (from Monday 2020-12-28): 2019 had 52 ISO weeks
    assertEquals(Optional.empty(),
        SeriesBenchmarks.lastYear(Grain.WEEK, LocalDate.of(2020, 12, 28)));
    // 2021-W52 (from 2021-12-27) against 2020-W52 (from 2020-12-21)
    assertEquals(Optional.of(LocalDate.of(2020, 12, 21)),
        SeriesBenchmarks.lastYear(Grain.WEEK, LocalDate.of(2021, 12, 27)));
    List<SeriesBenchmarks.Result> week53 = SeriesBenchmarks.of(Grain.WEEK, List.of(
        new SeriesBenchmarks.Point(LocalDate.of(2020, 12, 28), 7)), SIX, BusinessCalendar.NONE);
    assertEquals("ISO week 53 has no counterpart the year before", week53.get(0).lastYearReason());
  }

  @Test
  void seasonalNaiveWithGrowthForMonths() {
    // Dec 2022 .. Mar 2023: 100 80 90 120; Dec 2023 .. Feb 2024: 110 88 99; Mar 2024: 140
    List<SeriesBenchmarks.Point> points = new ArrayList<>(monthly(LocalDate.of(2022, 12, 1),
        100, 80, 90, 120));
    points.addAll(monthly(LocalDate.of(2023, 12, 1), 110, 88, 99, 140));
    List<SeriesBenchmarks.Result> results = SeriesBenchmarks.of(Grain.MONTH, points, SIX,
        BusinessCalendar.NONE);
    // Mar 2023: no year before, the mean of the last 3 months (100 + 80 + 90) / 3
    SeriesBenchmarks.Result march23 = results.get(3);
    assertEquals(90.0, march23.expected(), 1e-12);
    assertEquals("mean_last_3", march23.expectedMethod());
    // Mar 2024: 120 x (110 + 88 + 99) / (100 + 80 + 90) = 120 x 1.1 = 132
    SeriesBenchmarks.Result march24 = last(results);
    assertEquals(132.0, march24.expected(), 1e-9);
    assertEquals("seasonal_naive_growth_3", march24.expectedMethod());
    assertEquals(120.0, march24.lastYear());
  }

  /** A sale on Feb 5 and again on Feb 19, 2024, planned effect 1.5. */
  static final BusinessCalendar SALE = new BusinessCalendar(List.of(), List.of(
      new BusinessCalendar.Promotion("sale", LocalDate.of(2024, 2, 5), LocalDate.of(2024, 2, 5),
          1.5),
      new BusinessCalendar.Promotion("sale", LocalDate.of(2024, 2, 19),
          LocalDate.of(2024, 2, 19), 1.5)), 0, 0);

  /** Mondays from Jan 1, 2024: 90, 110, 96, 104, 100, 204 (Feb 5, the sale), 98, 190. */
  static final List<SeriesBenchmarks.Point> SALE_MONDAYS = mondays(90, 110, 96, 104, 100, 204,
      98, 190);

  static List<SeriesBenchmarks.Point> mondays(double... values) {
    List<SeriesBenchmarks.Point> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new SeriesBenchmarks.Point(LocalDate.of(2024, 1, 1).plusWeeks(i), values[i]));
    }
    return out;
  }

  @Test
  void dailyBaselineIsTheWeekdayMedianTimesTheCalendarEffect() {
    List<SeriesBenchmarks.Result> r = SeriesBenchmarks.of(Grain.DAY, SALE_MONDAYS, SIX,
        SALE);
    // Jan 8: one earlier Monday only
    assertNull(r.get(1).expected());
    // Feb 5: median of Jan 29, 22, 15, 8 = (100 + 104) / 2 = 102, times the planned 1.5
    assertEquals(153.0, r.get(5).expected(), 1e-12);
    assertEquals("weekday_median_4w x promotion:sale planned effect", r.get(5).expectedMethod());
    // Feb 12: Feb 5 is no ordinary day; median of Jan 29, 22, 15 = 100
    assertEquals(100.0, r.get(6).expected(), 1e-12);
    // Feb 19: median of Feb 12, Jan 29, Jan 22 = 100, times Feb 5's effect 204 / 102 = 2
    assertEquals(200.0, r.get(7).expected(), 1e-12);
    assertEquals("weekday_median_4w x promotion:sale effect of the last 1",
        r.get(7).expectedMethod());
  }

  /**
   * The same Mondays read as a rate (not a total): Feb 5's expectation is the weekday median 102
   * alone, never times the sale's planned 1.5 (a promotion doubles orders, not the on-time rate);
   * by Feb 19 the rate has seen the sale once and learns its own effect, 204 / 102 = 2.
   */
  @Test
  void aPlannedPromotionEffectAppliesToTotalsNotToRates() {
    List<SeriesBenchmarks.Result> rate = SeriesBenchmarks.of(Grain.DAY, SALE_MONDAYS, SIX, SALE,
        false);
    assertEquals(102.0, rate.get(5).expected(), 1e-12);
    assertEquals("weekday_median_4w x promotion:sale (first occurrence; the planned effect is "
        + "for totals, not rates or averages)", rate.get(5).expectedMethod());
    assertEquals(200.0, rate.get(7).expected(), 1e-12);
  }

  @Test
  void predictionIntervalFromTheMethodsOwnErrors() {
    // 11 Mondays of 100, then 150: expectations from the 3rd Monday on, all exact
    List<SeriesBenchmarks.Point> mondays = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      mondays.add(new SeriesBenchmarks.Point(LocalDate.of(2024, 1, 1).plusWeeks(i),
          i == 11 ? 150 : 100));
    }
    List<SeriesBenchmarks.Result> r = SeriesBenchmarks.of(Grain.DAY, mondays, SIX,
        BusinessCalendar.NONE);
    // the 10th Monday has 7 earlier errors (3rd to 9th): no interval yet
    assertNull(r.get(9).expectedLow());
    assertEquals("no interval: fewer than 8 earlier expectations to learn its errors from",
        r.get(9).expectedReason());
    SeriesBenchmarks.Result jump = r.get(11);
    assertEquals(100.0, jump.expected());
    assertEquals(100.0, jump.expectedLow());
    assertEquals(100.0, jump.expectedHigh());
    // type-7 quantiles of -0.2 0 0.1 0.3: 5% at -0.2 + 0.15 x 0.2, 95% at 0.1 + 0.85 x 0.2
    assertEquals(-0.17, SeriesBenchmarks.quantile(new double[] {0.1, -0.2, 0, 0.3}, 0.05), 1e-12);
    assertEquals(0.27, SeriesBenchmarks.quantile(new double[] {0.1, -0.2, 0, 0.3}, 0.95), 1e-12);
  }

  static List<SeriesBenchmarks.Result> xmr(double... values) {
    return SeriesBenchmarks.of(Grain.MONTH, monthly(LocalDate.of(2020, 1, 1), values), SIX,
        BusinessCalendar.NONE);
  }

  /**
   * 20 points alternating 12 and 10 (the last is 10): centre 11, average moving range 2, limits
   * 11 +- 5.32.
   */
  static double[] baseline(double... then) {
    double[] out = new double[20 + then.length];
    for (int i = 0; i < 20; i++) {
      out[i] = i % 2 == 0 ? 12 : 10;
    }
    System.arraycopy(then, 0, out, 20, then.length);
    return out;
  }

  @Test
  void xmrLimitsAndAPointOutsideThem() {
    List<SeriesBenchmarks.Result> r = xmr(baseline(17, 11));
    assertNull(r.get(3).xmrCentre());
    assertEquals("only 3 points since the limits were (re)set: at least 6 needed",
        r.get(3).signalReason());
    SeriesBenchmarks.Result outside = r.get(20);
    assertEquals(11.0, outside.xmrCentre(), 1e-12);
    assertEquals(11 + 2.66 * 2, outside.xmrUpper(), 1e-12);
    assertEquals(11 - 2.66 * 2, outside.xmrLower(), 1e-12);
    assertEquals("outside_limits", outside.signal());
    assertEquals("high", outside.signalSide());
    assertNull(r.get(21).signal());
  }

  @Test
  void threeOfFourBeyondHalfWayToALimit() {
    // half way from 11 to the upper limit is 13.66: 14 11 14 14
    List<SeriesBenchmarks.Result> r = xmr(baseline(14, 11, 14, 14));
    assertNull(r.get(22).signal());
    assertEquals("three_of_four", r.get(23).signal());
    assertEquals("high", r.get(23).signalSide());
  }

  @Test
  void aRunOfEightConfirmsAShiftAndTheLimitsAreRecomputed() {
    // 12 13 12 13 ... all above 11 and inside half way: the 8th is a run
    List<SeriesBenchmarks.Result> r = xmr(baseline(12, 13, 12, 13, 12, 13, 12, 13, 15.5));
    assertNull(r.get(26).signal());
    assertEquals("run_of_8", r.get(27).signal());
    assertEquals("high", r.get(27).signalSide());
    // the new phase is the run: centre 12.5, average moving range 1, limits 12.5 +- 2.66;
    // 15.5 was inside the old limits (16.32) and is outside the new ones (15.16)
    SeriesBenchmarks.Result after = r.get(28);
    assertEquals(12.5, after.xmrCentre(), 1e-12);
    assertEquals(12.5 + 2.66, after.xmrUpper(), 1e-12);
    assertEquals("outside_limits", after.signal());
  }
}
