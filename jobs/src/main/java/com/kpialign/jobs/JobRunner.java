package com.kpialign.jobs;

import com.kpialign.errors.Errors;
import com.kpialign.quality.DataQualityFailure;
import com.kpialign.table.TableWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs the same way whoever calls them (a single-job command, {@code nightly}, {@code demo}):
 * times them, records each in {@code ops.job_runs} whether it succeeded or failed, and returns
 * the run summary. A failure is recorded, then rethrown for the CLI to map to an exit code.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobContext context;

  public JobRunner(JobContext context) {
    this.context = context;
  }

  public JobContext context() {
    return context;
  }

  /** Raised when a job fails; carries the summary of the failed run for stdout. */
  public static final class JobFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RunSummary summary;

    JobFailed(RunSummary summary, Exception cause) {
      super(cause.getMessage(), cause);
      this.summary = summary;
    }

    public RunSummary summary() {
      return summary;
    }
  }

  public RunSummary run(Job job, RunDates dates) {
    Instant started = Instant.now();
    String runId = context.runId();
    LOG.info("stage {} for {} started", job.name(), dates);
    JobContext run = context.forRun(dates);
    try {
      context.spark().sparkContext().setJobGroup(job.name(),
          "kpi " + job.name() + " " + dates + " (run " + runId + ")", false);
      JobResult result = job.run(run, dates);
      Instant ended = Instant.now();
      List<TableWrite> outputs = byTable(run.tables().outputs());
      new RunManifest(context.warehouse()).record(runId, job.name(), dates,
          RunSummary.Status.SUCCEEDED, started, ended, run.tables().inputs(), outputs, null);
      long ms = ended.toEpochMilli() - started.toEpochMilli();
      LOG.info("stage {} for {} done in {} s ({} days)", job.name(), dates, ms / 1000.0,
          dates.size());
      return RunSummary.of(job.name(), runId, dates, RunSummary.Status.SUCCEEDED, ms,
          outputs, result.details(), null, null);
    } catch (Exception e) {
      // Spark and Delta throw Scala exceptions that Java sees as checked (AnalysisException)
      Instant ended = Instant.now();
      String error = Errors.describe(e);
      try {
        new RunManifest(context.warehouse()).record(runId, job.name(), dates,
            RunSummary.Status.FAILED, started, ended, run.tables().inputs(),
            byTable(run.tables().outputs()), error);
      } catch (Exception manifestFailure) {
        e.addSuppressed(manifestFailure);
      }
      long ms = ended.toEpochMilli() - started.toEpochMilli();
      LOG.warn("stage {} for {} failed after {} s, having written {}: {}", job.name(), dates,
          ms / 1000.0, run.tables().outputs().stream().map(TableWrite::table).distinct()
              .toList(), error);
      RunSummary summary = RunSummary.of(job.name(), runId, dates, RunSummary.Status.FAILED,
          ms, List.of(), null, null, error);
      throw new JobFailed(summary, e);
    } finally {
      context.spark().sparkContext().clearJobGroup();
    }
  }

  /** One entry per table written: its last version and all the rows the run wrote to it. */
  private static List<TableWrite> byTable(List<TableWrite> writes) {
    Map<String, TableWrite> out = new LinkedHashMap<>();
    writes.forEach(w -> out.merge(w.table(), w, (a, b) -> new TableWrite(a.table(),
        b.version(), a.rows() + b.rows())));
    return new ArrayList<>(out.values());
  }

  /**
   * Runs {@code jobs} in order for the same dates, each for the dates its cadence makes it due
   * ({@link Cadence#due}; a stage not due is reported skipped and not run). Stops at the first
   * failure, except a failed data-quality check: its results are recorded and the later stages
   * run, carrying the unverified flag; the pipeline still fails at the end, naming the checks.
   */
  public RunSummary runAll(String pipeline, List<Job> jobs, RunDates dates) {
    Instant started = Instant.now();
    List<RunSummary> stages = new ArrayList<>();
    List<TableWrite> tables = new ArrayList<>();
    JobFailed dataQuality = null;
    for (Job job : jobs) {
      Optional<RunDates> due = job.spec().cadence().due(dates);
      if (due.isEmpty()) {
        LOG.info("stage {} for {} skipped: its cadence is {}", job.name(), dates,
            job.spec().cadence().description());
        stages.add(RunSummary.of(job.name(), context.runId(), dates, RunSummary.Status.SKIPPED,
            0, List.of(), Map.of("skipped", job.spec().cadence().description() + ": not due in "
                + dates), null, null));
        continue;
      }
      try {
        RunSummary stage = run(job, due.get());
        stages.add(stage);
        tables.addAll(stage.tables());
      } catch (JobFailed failed) {
        stages.add(failed.summary());
        if (failed.getCause() instanceof DataQualityFailure) {
          dataQuality = failed;
          continue;
        }
        throw new JobFailed(failedPipeline(pipeline, dates, started, tables, stages,
            job.name() + ": " + failed.getMessage()), (Exception) failed.getCause());
      }
    }
    if (dataQuality != null) {
      throw new JobFailed(failedPipeline(pipeline, dates, started, tables, stages,
          dataQuality.summary().job() + ": " + dataQuality.getMessage()),
          (Exception) dataQuality.getCause());
    }
    return RunSummary.of(pipeline, context.runId(), dates, RunSummary.Status.SUCCEEDED,
        Instant.now().toEpochMilli() - started.toEpochMilli(), tables, null, stages, null);
  }

  private RunSummary failedPipeline(String pipeline, RunDates dates, Instant started,
      List<TableWrite> tables, List<RunSummary> stages, String error) {
    return RunSummary.of(pipeline, context.runId(), dates, RunSummary.Status.FAILED,
        Instant.now().toEpochMilli() - started.toEpochMilli(), tables, null, stages, error);
  }
}
