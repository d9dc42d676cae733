package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.demo.DemoCompany;
import com.kpialign.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every demo metric on generated data: one range run gives the same kpi.metric_values as runs of
 * parts of the range in another order. The days cross a week, a month and a quarter boundary.
 */
class ComputeOrderTest {
  static final LocalDate START = LocalDate.of(2024, 3, 28);
  static final int DAYS = 8;

  @TempDir Path dir;

  TestProject demoProject(String name) throws IOException {
    TestProject project = new TestProject(dir.resolve(name),
        Files.readString(Path.of("..", "conf", "sources.yaml")));
    TestProject.write(project.conf.resolve("metrics.yaml"),
        Files.readString(Path.of("..", "conf", "metrics.yaml")));
    DemoCompany.generate(new DemoCompany.Settings(START, DAYS, 0.01, 3), project.landing);
    project.run(new IngestJob(), "ingest",
        new RunDates(START, START.plusDays(DAYS - 1)));
    return project;
  }

  @Test
  void partsOfTheRangeInAnyOrderGiveTheSameValuesAsOneRun() throws IOException {
    TestProject whole = demoProject("whole");
    whole.run(new ComputeJob(), "whole", new RunDates(START, START.plusDays(DAYS - 1)));
    TestProject parts = demoProject("parts");
    // Mar 31 - Apr 2 (Sunday to Tuesday), then Mar 28 - 30, then Apr 3 - 4
    for (int[] part : new int[][] {{3, 5}, {0, 2}, {6, 7}}) {
      parts.run(new ComputeJob(), "part-" + part[0],
          new RunDates(START.plusDays(part[0]), START.plusDays(part[1])));
    }

    List<String> expected = ComputeJobTest.everything(whole);
    assertTrue(expected.size() > 5_000, "rows: " + expected.size());
    List<String> actual = ComputeJobTest.everything(parts);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "row " + i);
    }
    // every catalog metric is there, for each of the 8 days
    assertEquals(List.of("[51,8]"), TestSpark.rows(TestSpark.session().sql("SELECT "
        + "count(DISTINCT metric_id), count(DISTINCT period_start) FROM "
        + whole.kpi("metric_values")
        + " WHERE grain = 'day'")));
  }
}
