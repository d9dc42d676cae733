package com.kpialign.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import com.kpialign.config.ConfigException;
import com.kpialign.config.ConfigProblem;
import com.kpialign.metrics.Grain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmarks.yaml}: read with its defaults, and every mistake reported with its key. */
class BenchmarkSettingsLoaderTest {
  @TempDir Path dir;

  private Conf load(String benchmarks) throws IOException {
    Files.writeString(dir.resolve("environments.yaml"),
        "environments:\n  local: {warehouse: /w, landing: /l}\n");
    Files.writeString(dir.resolve("sources.yaml"), "sources: []\n");
    if (benchmarks != null) {
      Files.writeString(dir.resolve("benchmarks.yaml"), benchmarks);
    }
    return ConfLoader.load(dir, "local");
  }

  @Test
  void theDemoFileAndDefaults() throws IOException {
    assertEquals(BenchmarkSettings.DEFAULT, load(null).benchmarks());
    BenchmarkSettings demo = ConfLoader.load(Path.of("../conf"), "local").benchmarks();
    assertEquals(28, demo.history().get(Grain.DAY));
    assertEquals(Optional.of("promotion:black_friday"),
        demo.calendar().event(LocalDate.of(2025, 11, 28)));
    assertEquals(Optional.of(1.9), demo.calendar().plannedEffect("promotion:black_friday"));
    assertEquals(Optional.empty(), demo.calendar().event(LocalDate.of(2025, 11, 27)));
    assertEquals(new BenchmarkSettings.AlertRules(0.2, List.of("week", "month", "quarter"),
        0.02, 0.8), demo.alerts());
  }

  @Test
  void alertRules() throws IOException {
    assertEquals(new BenchmarkSettings.AlertRules(0.3, List.of("month"), 0.2, 0.8),
        load("alerts: {critical_deviation: 0.3, notice_grains: [month], min_deviation: 0.2}\n")
            .benchmarks().alerts());
  }

  @Test
  void calendarEvents() throws IOException {
    BusinessCalendar calendar = load("""
        calendar:
          month_end_days: 2
          quarter_end_days: 3
          holidays: [{name: christmas, date: 2024-12-25}]
        """).benchmarks().calendar();
    assertEquals(Optional.of("holiday:christmas"), calendar.event(LocalDate.of(2024, 12, 25)));
    // the last 3 days of a quarter, the last 2 of other months
    assertEquals(Optional.of("quarter_end"), calendar.event(LocalDate.of(2024, 12, 29)));
    assertEquals(Optional.of("month_end"), calendar.event(LocalDate.of(2024, 11, 29)));
    assertEquals(Optional.empty(), calendar.event(LocalDate.of(2024, 11, 28)));
  }

  @Test
  void mistakesAreReportedBeforeSparkStarts() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        history: {day: 0, fortnight: 2}
        status: {basis: vibes, amber: 1.2}
        calendar:
          promotions: [{name: sale, from: 2024-05-10, to: 2024-05-01, effect: -1}]
        alerts: {critical_deviation: 0, notice_grains: [fortnight], min_cause_share: -1}
        """));
    List<String> problems = e.problems().stream().map(ConfigProblem::toString)
        .map(p -> p.substring(p.indexOf("benchmarks.yaml") + "benchmarks.yaml".length() + 2))
        .toList();
    assertEquals(List.of(
        "calendar.promotions[0].to: is before from 2024-05-10",
        "calendar.promotions[0].effect: must be a positive multiplier, got -1.0",
        "history.fortnight: unknown key; allowed keys are [day, month, quarter, week]",
        "history.day: must be at least 1, got 0",
        "status.basis: 'vibes' is not one of [attainment, signals, both]",
        "status.amber: must be above 0 and at most green (1.0), got 1.2",
        "alerts.critical_deviation: must be above 0, got 0.0",
        "alerts.notice_grains: 'fortnight' is not one of [day, week, month, quarter]",
        "alerts.min_cause_share: must be above 0, got -1.0"), problems);
  }
}
