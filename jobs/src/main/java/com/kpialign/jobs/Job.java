package com.kpialign.jobs;

import com.kpialign.assembly.Conf;
import java.util.Map;

/**
 * One stage of the pipeline: validate, read tables, transform, write tables, for a set of run
 * dates. What it declares about itself is its {@link JobSpec}; every job is listed in
 * {@link Jobs}.
 */
public interface Job {
  JobSpec spec();

  /** The stable stage name used in the run manifest and Airflow task ids. */
  default String name() {
    return spec().name();
  }

  /**
   * This job with its command's option values (by {@link JobSpec.Option#name}) applied, checked
   * against {@code conf} before Spark starts.
   *
   * @throws IllegalArgumentException naming what is wrong with a value
   */
  default Job withOptions(Conf conf, Map<String, String> values) {
    return this;
  }

  JobResult run(JobContext context, RunDates dates);
}
