package com.kpialign.jobs;

import com.kpialign.assembly.Conf;
import java.util.ArrayList;
import java.util.List;

/** The stages {@code kpi nightly} and {@code kpi demo} run, in order. Later phases add theirs. */
public final class Pipeline {
  private Pipeline() {}

  public static List<Job> stages(Conf conf) {
    List<Job> stages = new ArrayList<>();
    if (conf.catalog().isPresent()) {
      stages.add(new CatalogJob());
    }
    stages.add(new IngestJob());
    if (conf.catalog().isPresent()) {
      stages.add(new ValidateJob());
      stages.add(new ComputeJob());
      stages.add(new BenchmarkJob());
      stages.add(new ExplainJob());
    }
    if (conf.tree().isPresent()) {
      stages.add(new AuditJob());
      stages.add(CorrelateJob.weekly());
    }
    return stages;
  }
}
