package com.kpialign.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kpialign.demo.DemoCompany;
import com.kpialign.errors.ExitCode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code kpi demo-data}: writes the demo company's warehouse extracts; no Spark involved. */
final class DemoDataCommand implements Command {
  static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
  static final int DEFAULT_DAYS = 730;
  static final long DEFAULT_SEED = 42;

  @Override
  public String name() {
    return "demo-data";
  }

  @Override
  public String summary() {
    return "generate the demo company's warehouse extracts (one folder per extract date)";
  }

  @Override
  public Options options() {
    Options options = generatorOptions();
    options.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").required()
        .desc("folder to write the extracts to (required)").build());
    return options;
  }

  static Options generatorOptions() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("start").hasArg().argName("DATE")
        .desc("first extract date (default " + DEFAULT_START + ")").build());
    options.addOption(Option.builder().longOpt("days").hasArg().argName("N")
        .desc("number of days (default " + DEFAULT_DAYS + ")").build());
    options.addOption(Option.builder().longOpt("scale").hasArg().argName("X")
        .desc("volume multiplier; 1 is about a million orders in two years (default 1)")
        .build());
    options.addOption(Option.builder().longOpt("seed").hasArg().argName("S")
        .desc("random seed; same seed, same bytes (default " + DEFAULT_SEED + ")").build());
    return options;
  }

  static DemoCompany.Settings settings(Invocation invocation) {
    return settings(invocation, DEFAULT_DAYS);
  }

  static DemoCompany.Settings settings(Invocation invocation, int defaultDays) {
    int days = invocation.integer("days", defaultDays);
    double scale = invocation.decimal("scale", 1.0);
    if (days < 1) {
      throw new UsageException("--days must be at least 1, got " + days);
    }
    if (!(scale > 0) || scale > 100) {
      throw new UsageException("--scale must be in (0, 100], got " + scale);
    }
    long seed = invocation.longValue("seed", DEFAULT_SEED);
    return new DemoCompany.Settings(invocation.date("start").orElse(DEFAULT_START), days, scale,
        seed);
  }

  @Override
  public int run(Invocation invocation) {
    DemoCompany.Settings settings = settings(invocation);
    long started = System.currentTimeMillis();
    DemoCompany.Result result = DemoCompany.generate(settings, Path.of(
        invocation.value("out").orElseThrow()));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", name());
    summary.put("status", "succeeded");
    summary.put("out", result.out().toAbsolutePath().toString());
    summary.put("from", settings.start().toString());
    summary.put("to", settings.end().toString());
    summary.put("duration_ms", System.currentTimeMillis() - started);
    summary.put("rows", result.rows());
    summary.put("ground_truth", result.groundTruth().toAbsolutePath().toString());
    try {
      invocation.out().println(new ObjectMapper().writeValueAsString(summary));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return ExitCode.OK;
  }
}
