package com.kpialign.jobs;

import com.kpialign.assembly.Conf;
import java.util.List;

/**
 * The one registry of jobs, in pipeline order: {@code kpi} makes a command of each,
 * {@code nightly} and {@code demo} run those whose configuration is present, and the help
 * texts list them from here.
 */
public final class Jobs {
  private Jobs() {}

  public static final List<Job> ALL = List.of(new CatalogJob(), new IngestJob(),
      new ValidateJob(), new ComputeJob(), new BenchmarkJob(), new ExplainJob(), new AuditJob(),
      new CorrelateJob());

  /** The stages of {@code kpi nightly} for {@code conf}: every job it has the configuration for. */
  public static List<Job> nightly(Conf conf) {
    return ALL.stream().filter(j -> j.spec().requires().stream().allMatch(r -> r.metBy(conf)))
        .toList();
  }
}
