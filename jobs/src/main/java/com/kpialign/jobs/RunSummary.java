package com.kpialign.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kpialign.table.TableWrite;
import java.util.List;
import java.util.Map;

/**
 * The one JSON object a job prints as its last stdout line (and to {@code --summary-file}): what
 * Airflow and scripts read to know what ran, whether it succeeded and what it wrote.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
    @JsonProperty("job") String job,
    @JsonProperty("run_id") String runId,
    @JsonProperty("run_date") String runDate,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("status") Status status,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("tables") List<TableWrite> tables,
    @JsonProperty("details") Map<String, Object> details,
    @JsonProperty("stages") List<RunSummary> stages,
    @JsonProperty("error") String error) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Outcome of a run, as written to {@code ops.job_runs.status}. */
  public enum Status {
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED,
    /** A nightly stage its cadence did not make due for the run's dates; not recorded. */
    @JsonProperty("skipped") SKIPPED;

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static RunSummary of(String job, String runId, RunDates dates, Status status,
      long durationMs, List<TableWrite> tables, Map<String, Object> details,
      List<RunSummary> stages, String error) {
    return new RunSummary(job, runId,
        dates == null || !dates.isSingleDay() ? null : dates.from().toString(),
        dates == null || dates.isSingleDay() ? null : dates.from().toString(),
        dates == null || dates.isSingleDay() ? null : dates.to().toString(),
        status, durationMs, tables, details, stages, error);
  }

  /** This summary timed over {@code ms}: a command's whole run, Spark's start included. */
  public RunSummary withDuration(long ms) {
    return new RunSummary(job, runId, runDate, from, to, status, ms, tables, details, stages,
        error);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run summary cannot be written as JSON", e);
    }
  }
}
