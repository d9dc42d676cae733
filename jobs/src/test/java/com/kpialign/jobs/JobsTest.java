package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.testing.TestConf;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsTest {
  private static final String ORDERS = TestConf.source("orders", "order_id", "order_date",
      "order_id string", "order_date date");

  @TempDir java.nio.file.Path dir;

  @Test
  void stageNamesAndCommandsAreUnique() {
    Set<String> names = Jobs.ALL.stream().map(Job::name).collect(Collectors.toSet());
    Set<String> commands = Jobs.ALL.stream().map(j -> j.spec().command())
        .collect(Collectors.toSet());
    assertEquals(Jobs.ALL.size(), names.size());
    assertEquals(Jobs.ALL.size(), commands.size());
  }

  @Test
  void nightlyRunsTheJobsWhoseConfigurationIsPresent() {
    assertEquals(List.of("ingest"), names(Jobs.nightly(new TestConf(dir.resolve("bare"))
        .load())));
    assertEquals(List.of("catalog", "ingest", "validate", "compute", "benchmark", "explain"),
        names(Jobs.nightly(new TestConf(dir.resolve("catalog")).sources(ORDERS)
            .metric("orders", "kind: count, source: orders").load())));
  }

  private static List<String> names(List<Job> jobs) {
    return jobs.stream().map(Job::name).toList();
  }
}
