package com.kpialign.jobs;

/** One stage of the pipeline: reads tables, transforms, writes tables, for a set of run dates. */
public interface Job {
  /** The stable name used in the CLI, the run manifest and Airflow task ids. */
  String name();

  JobResult run(JobContext context, RunDates dates);
}
