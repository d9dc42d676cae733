package com.kpialign.errors;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user-facing messages of KPI Align's failures, built in one place so that they read alike:
 * each leads with what is at fault (file, table, key, option, source and date) and ends with
 * what to do. The exceptions that carry them ({@link KpiException}'s subclasses) live with the
 * code that raises them.
 */
public final class Errors {
  private Errors() {}

  /** Every configuration problem, one per line under a count. */
  public static String configurationProblems(List<String> problems) {
    String header = problems.size() == 1 ? "1 configuration problem:"
        : problems.size() + " configuration problems:";
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n",
        ""));
  }

  /** A configuration file a command needs is not there. */
  public static String requiredFileMissing(String what) {
    return "file is missing: " + what + " is required by this command";
  }

  /** Extracts expected for the dates being ingested, each as {@code source for date: path}. */
  public static String extractsMissing(List<String> sourceDatePaths) {
    return sourceDatePaths.size() + " extract(s) missing; expected at:\n" + sourceDatePaths
        .stream().map(e -> "  " + e).collect(Collectors.joining("\n"))
        + "\ndeliver them (or fix the source's path in sources.yaml) and re-run the same dates";
  }

  /** Error checks that failed, each with the days it failed on. */
  public static String dataQualityFailed(List<String> failedChecks) {
    return failedChecks.size() + " data-quality check(s) of severity error failed:\n"
        + failedChecks.stream().map(c -> "  " + c).collect(Collectors.joining("\n"))
        + "\nsee quality.dq_results for values and messages";
  }

  /** A stored table that this version cannot write without a manual migration. */
  public static String tableMigrationRequired(String table, String location,
      List<String> conflicts) {
    return "table " + table + " (" + location + ") does not match this version: "
        + String.join("; ", conflicts) + ". Back it up, drop it (DROP TABLE " + table
        + ", then delete " + location + ") and re-run the job that writes it over its history "
        + "(--from FIRST_DAY --to LAST_DAY) to rebuild it";
  }

  /**
   * What the command line prints for a failure that is not a {@link KpiException}: a bug, said
   * as such, with the run id to report and how to get the stack trace; never a class name.
   */
  public static String internal(Throwable e, String runId) {
    return "internal error" + (runId == null ? "" : " (run id " + runId + ")") + ": "
        + message(e) + "\nthis is a fault of KPI Align, not of your data or configuration: re-run "
        + "with --verbose for the stack trace and report it" + (runId == null ? ""
            : " with the run id");
  }

  /** The message of any failure, as the run summary and {@code ops.job_runs} record it. */
  public static String describe(Throwable e) {
    if (e instanceof KpiException) {
      return e.getMessage();
    }
    return "internal error: " + message(e);
  }

  private static String message(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? "no message"
        : e.getMessage().strip();
  }

  /** The exit code of any failure: its own when it is a {@link KpiException}, else 1. */
  public static int exitCode(Throwable e) {
    return e instanceof KpiException k ? k.exitCode() : ExitCode.FAILURE;
  }
}
