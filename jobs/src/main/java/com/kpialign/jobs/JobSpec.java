package com.kpialign.jobs;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a job declares about itself, read by {@code kpi}'s command list and help, by
 * {@code nightly}'s stages and by the run manifest: its stage name (in {@code ops.job_runs} and
 * Airflow task ids), the command that runs it alone, a one-line summary, its cadence in the
 * nightly pipeline, the configuration it requires and its own options.
 */
public record JobSpec(String name, String command, String summary, Cadence cadence,
    Set<Requirement> requires, List<Option> options) {

  public JobSpec {
    // in declaration order, so the first missing requirement is always the same one
    requires = requires.isEmpty() ? Set.of()
        : java.util.Collections.unmodifiableSet(EnumSet.copyOf(requires));
    options = List.copyOf(options);
  }

  /** A daily job without options whose command is its stage name. */
  public static JobSpec daily(String name, String summary, Requirement... requires) {
    return new JobSpec(name, name, summary, Cadence.DAILY, Set.of(requires), List.of());
  }

  public JobSpec withCommand(String newCommand) {
    return new JobSpec(name, newCommand, summary, cadence, requires, options);
  }

  /** A {@code --name VALUE} option of the job's command. */
  public record Option(String name, String argName, String description) {}
}
