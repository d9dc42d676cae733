package com.kpialign.config;

import java.util.List;

/**
 * The sources the benchmark and the audit read by name when a company declares them: targets
 * per metric and period, and external industry quartiles. Either may be absent; when declared,
 * each must carry the columns below, which the configuration check verifies before Spark starts.
 */
public final class ReferenceSources {
  public static final String TARGETS = "targets";
  public static final List<String> TARGET_COLUMNS = List.of("metric_id", "period_grain",
      "period_start", "slice", "target_value");
  public static final String PEER_BENCHMARKS = "peer_benchmarks";
  public static final List<String> PEER_COLUMNS = List.of("metric_id", "industry",
      "period_start", "p25", "p50", "p75");

  private ReferenceSources() {}

  /** Records a problem for each required column a declared reference source lacks. */
  static void check(SourceDefinition source, ConfNode node) {
    List<String> required = source.name().equals(TARGETS) ? TARGET_COLUMNS
        : source.name().equals(PEER_BENCHMARKS) ? PEER_COLUMNS : List.of();
    for (String column : required) {
      if (source.column(column).isEmpty()) {
        node.problem("schema", "source '" + source.name() + "' is read by the benchmark stage "
            + "and needs column '" + column + "' (it needs " + required + ")");
      }
    }
  }
}
