package com.kpialign.jobs;

import java.util.List;

/** The stages {@code kpi nightly} and {@code kpi demo} run, in order. Later phases add theirs. */
public final class Pipeline {
  private Pipeline() {}

  public static List<Job> stages() {
    return List.of(new IngestJob());
  }
}
