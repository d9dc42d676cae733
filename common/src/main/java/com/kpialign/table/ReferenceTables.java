package com.kpialign.table;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The raw tables the benchmark and the audit read by name when a company loads them: targets per
 * metric and period, and external industry quartiles. Either may be absent; the schemas are the
 * columns read (a loaded table may carry more), and what an absent table reads as: no rows.
 */
public final class ReferenceTables {
  public static final TableContract TARGETS = TableContract.of(TableContract.Database.RAW,
      "targets", new StructType().add("metric_id", "string").add("period_grain", "string")
          .add("period_start", "date").add("slice", "string").add("target_value", "double"),
      List.of());

  public static final TableContract PEER_BENCHMARKS = TableContract.of(
      TableContract.Database.RAW, "peer_benchmarks", new StructType().add("metric_id", "string")
          .add("industry", "string").add("period_start", "date").add("p25", "double")
          .add("p50", "double").add("p75", "double"), List.of());

  private ReferenceTables() {}
}
