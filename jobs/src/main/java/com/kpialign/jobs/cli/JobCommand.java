package com.kpialign.jobs.cli;

import com.kpialign.assembly.Conf;
import com.kpialign.jobs.CorrelateJob;
import com.kpialign.jobs.Job;
import com.kpialign.jobs.JobContext;
import com.kpialign.jobs.JobRunner;
import com.kpialign.jobs.Pipeline;
import com.kpialign.jobs.RunDates;
import com.kpialign.jobs.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;
import java.util.UUID;
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
    Conf conf = invocation.conf();
    RunDates dates = invocation.runDates();
    String runId = invocation.value(Invocation.RUN_ID).orElseGet(() -> newRunId(name(), dates));
    JobContext context = JobContext.open(conf, "kpi " + name() + " " + dates, runId);
    try {
      RunSummary summary = execute(new JobRunner(context), dates);
      emit(invocation, summary);
      return ExitCode.OK;
    } catch (JobRunner.JobFailed failed) {
      emit(invocation, failed.summary());
      throw failed;
    }
  }

  abstract RunSummary execute(JobRunner runner, RunDates dates);

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
        throw new UncheckedIOException("cannot write --summary-file " + file, e);
      }
    });
  }

  /** A command that runs one job: {@code kpi ingest}, {@code kpi validate}. */
  static final class Single extends JobCommand {
    private final Job job;
    private final String summary;

    Single(Job job, String summary) {
      this.job = job;
      this.summary = summary;
    }

    @Override
    public String name() {
      return job.name();
    }

    @Override
    public String summary() {
      return summary;
    }

    @Override
    RunSummary execute(JobRunner runner, RunDates dates) {
      return runner.run(job, dates);
    }
  }

  /** {@code kpi correlate}: correlations and alignment as of the run's last day. */
  static final class Correlate extends JobCommand {
    static final String WINDOW = "window";
    /** {@code --window}, read by {@link #run} before the job starts. */
    private OptionalInt window = OptionalInt.empty();

    @Override
    public String name() {
      return CorrelateJob.STAGE;
    }

    @Override
    public String summary() {
      return "correlate KPIs across verticals as of the run date into kpi.correlations and "
          + "kpi.alignment";
    }

    @Override
    public Options options() {
      Options options = new Options();
      options.addOption(Option.builder().longOpt(WINDOW).hasArg().argName("DAYS")
          .desc("days of history to correlate (weekly: as many whole weeks, at least what its "
              + "lags need); default from kpi_tree.yaml's correlation section").build());
      return options;
    }

    @Override
    public int run(Invocation invocation) {
      OptionalInt window = OptionalInt.empty();
      if (invocation.line().hasOption(WINDOW)) {
        int days = invocation.integer(WINDOW, 0);
        try {
          invocation.conf().requireTree().correlation().withWindowDays(days);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--window: " + e.getMessage());
        }
        window = OptionalInt.of(days);
      }
      this.window = window;
      return super.run(invocation);
    }

    @Override
    RunSummary execute(JobRunner runner, RunDates dates) {
      runner.context().conf().requireTree();
      return runner.run(CorrelateJob.asOfRunDate(window), dates);
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
    RunSummary execute(JobRunner runner, RunDates dates) {
      return runner.runAll(name(), Pipeline.stages(runner.context().conf()), dates);
    }
  }
}
