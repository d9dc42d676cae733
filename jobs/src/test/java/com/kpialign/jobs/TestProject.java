package com.kpialign.jobs;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import com.kpialign.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away KPI Align project for one test: conf/ with an environment whose warehouse and
 * landing zone are temp folders and whose database names are unique, so tests sharing the JVM's
 * one SparkSession (and its catalog) never see each other's tables.
 */
public final class TestProject {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  public final Path root;
  public final Path conf;
  public final Path landing;
  public final Path warehouse;
  public final String suffix;

  public TestProject(Path root, String sourcesYaml) {
    this(root, sourcesYaml, "");
  }

  /** A project whose local environment also has {@code environmentKeys} (YAML lines). */
  public TestProject(Path root, String sourcesYaml, String environmentKeys) {
    this.root = root;
    this.conf = root.resolve("conf");
    this.landing = root.resolve("landing");
    this.warehouse = root.resolve("warehouse");
    this.suffix = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    write(conf.resolve("environments.yaml"), """
        environments:
          local:
            warehouse: %s
            landing: %s
            databases: {raw: raw_%s, quality: quality_%s, kpi: kpi_%s, finance: finance_%s,
                        ops: ops_%s}
        """.formatted(warehouse, landing, suffix, suffix, suffix, suffix, suffix)
        + environmentKeys.indent(4));
    write(conf.resolve("sources.yaml"), sourcesYaml);
  }

  public Conf loadConf() {
    return ConfLoader.load(conf, "local");
  }

  public String raw(String table) {
    return "raw_" + suffix + "." + table;
  }

  public String quality(String table) {
    return "quality_" + suffix + "." + table;
  }

  public String kpi(String table) {
    return "kpi_" + suffix + "." + table;
  }

  public String ops(String table) {
    return "ops_" + suffix + "." + table;
  }

  public JobContext context(String runId) {
    TestSpark.session();
    return JobContext.open(loadConf(), "test", runId);
  }

  /** Runs {@code job} for {@code dates} as the runner would: its table I/O knows the run date. */
  public JobResult run(Job job, String runId, RunDates dates) {
    return job.run(context(runId).forRun(dates), dates);
  }

  public void landing(String relativePath, String content) {
    write(landing.resolve(relativePath), content);
  }

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
