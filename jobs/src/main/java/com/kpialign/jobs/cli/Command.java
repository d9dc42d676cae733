package com.kpialign.jobs.cli;

import org.apache.commons.cli.Options;

/** One {@code kpi} subcommand. */
interface Command {
  String name();

  /** One line for the top-level usage. */
  String summary();

  /** The command's own options; the shared ones are added by {@link Kpi}. */
  Options options();

  /** Positional arguments, for the usage line, e.g. {@code "QUERY"}; empty if none. */
  default String arguments() {
    return "";
  }

  /** What the help adds after the options, before the exit codes; empty if nothing. */
  default String notes() {
    return "";
  }

  /** Whether this command is a job: takes run dates and prints a JSON summary. */
  default boolean isJob() {
    return false;
  }

  int run(Invocation invocation);
}
