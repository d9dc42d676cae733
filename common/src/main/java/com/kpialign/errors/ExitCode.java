package com.kpialign.errors;

/** The process exit codes of {@code kpi}, part of its contract with Airflow and scripts. */
public final class ExitCode {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** Data or check failure: a missing extract, a failed check, a job that failed at run time. */
  public static final int FAILURE = 1;
  /** Usage or configuration error, reported before any Spark work started. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
