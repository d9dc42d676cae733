package com.kpialign.config;

import java.util.List;

/**
 * The sources the benchmark and the audit read by name when a company declares them: targets
 * per metric and period, and external industry quartiles. Either may be absent; the columns
 * below are what the benchmark reads of them.
 */
public final class ReferenceSources {
  public static final String TARGETS = "targets";
  public static final List<String> TARGET_COLUMNS = List.of("metric_id", "period_grain",
      "period_start", "slice", "target_value");
  public static final String PEER_BENCHMARKS = "peer_benchmarks";
  public static final List<String> PEER_COLUMNS = List.of("metric_id", "industry",
      "period_start", "p25", "p50", "p75");

  private ReferenceSources() {}
}
