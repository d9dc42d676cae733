package com.kpialign.jobs.cli;

import com.kpialign.assembly.Conf;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.IoFailure;
import com.kpialign.jobs.Cadence;
import com.kpialign.jobs.Job;
import com.kpialign.jobs.JobContext;
import com.kpialign.jobs.JobRunner;
import com.kpialign.jobs.Jobs;
import com.kpialign.jobs.RunDates;
import com.kpialign.jobs.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * A command that runs jobs for run dates: validates the configuration and the dates before Spark
 * starts, runs, and prints the JSON run summary as the last stdout line, also on failure.
 */
abstract class JobCommand implements Command {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public boolean isJob() {
    return true;
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public int run(Invocation invocation) {
    long started = System.nanoTime();
    Conf conf = invocation.conf();
    RunDates dates = invocation.runDates();
    Execution execution = prepare(invocation, conf);
    String runId = invocation.value(Invocation.RUN_ID).orElseGet(() -> newRunId(name(), dates));
    // the summary times the whole command, Spark's start and table registration included;
    // ops.job_runs times each stage alone
    JobContext context = JobContext.open(conf, "kpi " + name() + " " + dates, runId);
    try {
      RunSummary summary = execution.run(new JobRunner(context), dates);
      emit(invocation, summary.withDuration(millisSince(started)));
      return ExitCode.OK;
    } catch (JobRunner.JobFailed failed) {
      emit(invocation, failed.summary().withDuration(millisSince(started)));
      throw failed;
    }
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  /** What the command runs once Spark has started. */
  interface Execution {
    RunSummary run(JobRunner runner, RunDates dates);
  }

  /** Checks the command's configuration and options, before Spark starts. */
  abstract Execution prepare(Invocation invocation, Conf conf);

  static String newRunId(String job, RunDates dates) {
    return job + "-" + dates.from() + "-" + STAMP.format(Instant.now()) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Prints the summary as the last stdout line and writes it to {@code --summary-file}. */
  static void emit(Invocation invocation, RunSummary summary) {
    String json = summary.toJson();
    invocation.out().println(json);
    invocation.out().flush();
    invocation.value(Invocation.SUMMARY_FILE).ifPresent(file -> {
      try {
        Path path = Path.of(file);
        if (path.toAbsolutePath().getParent() != null) {
          Files.createDirectories(path.toAbsolutePath().getParent());
        }
        Files.writeString(path, json + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IoFailure("cannot write --summary-file " + file, e);
      }
    });
  }

  /** The command of one registered job: {@code kpi ingest}, {@code kpi correlate}. */
  static final class Single extends JobCommand {
    private final Job registered;

    Single(Job job) {
      this.registered = job;
    }

    @Override
    public String name() {
      return registered.spec().command();
    }

    @Override
    public String summary() {
      return registered.spec().summary();
    }

    @Override
    public String notes() {
      return "stage '" + registered.name() + "' of nightly, cadence "
          + registered.spec().cadence().description() + "; this command runs it for the dates "
          + "given";
    }

    @Override
    public Options options() {
      Options options = new Options();
      registered.spec().options().forEach(o -> options.addOption(Option.builder()
          .longOpt(o.name()).hasArg().argName(o.argName()).desc(o.description()).build()));
      return options;
    }

    @Override
    Execution prepare(Invocation invocation, Conf conf) {
      registered.spec().requires().forEach(r -> r.check(conf));
      Map<String, String> values = new LinkedHashMap<>();
      registered.spec().options().forEach(o -> invocation.value(o.name())
          .ifPresent(v -> values.put(o.name(), v)));
      Job job;
      try {
        job = registered.withOptions(conf, values);
      } catch (IllegalArgumentException e) {
        throw new UsageException(values.keySet().stream().map(k -> "--" + k + " " + values.get(k))
            .collect(Collectors.joining(" ")) + ": " + e.getMessage());
      }
      return (runner, dates) -> runner.run(job, dates);
    }
  }

  /** {@code kpi nightly}: every stage of the pipeline, in order, for the run date(s). */
  static final class Nightly extends JobCommand {
    @Override
    public String name() {
      return "nightly";
    }

    @Override
    public String summary() {
      return "run every pipeline stage in order for the run date(s) (what Airflow schedules)";
    }

    @Override
    public String notes() {
      return "stages, each when its configuration is present: " + Jobs.ALL.stream()
          .map(j -> j.name() + (j.spec().cadence() == Cadence.DAILY ? ""
              : " (" + j.spec().cadence().description() + ")"))
          .collect(Collectors.joining(", "));
    }

    @Override
    Execution prepare(Invocation invocation, Conf conf) {
      return (runner, dates) -> runner.runAll(name(), Jobs.nightly(conf), dates);
    }
  }
}
