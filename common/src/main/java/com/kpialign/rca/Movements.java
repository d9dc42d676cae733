package com.kpialign.rca;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The movements worth explaining: values of {@code kpi.benchmarks} that left their prediction
 * interval or turned red (red now, not red in the previous period), in complete periods (a day
 * is complete when it is benchmarked; a week, month or quarter only once it has ended, so that a
 * partial period's pacing is not mistaken for a movement).
 */
public final class Movements {
  private Movements() {}

  /**
   * @param touched the benchmarks of the periods the run touched
   * @param history the benchmarks table, for the previous period's status
   */
  public static Dataset<Row> of(Dataset<Row> touched, Dataset<Row> history) {
    Dataset<Row> previous = history.select(col("metric_id").as("p_metric"),
        col("grain").as("p_grain"), col("slice").as("p_slice"),
        col("period_start").as("p_start"), col("status").as("previous_status"));
    Column previousStart = when(col("grain").equalTo("day"), date_sub(col("period_start"), 1))
        .when(col("grain").equalTo("week"), date_sub(col("period_start"), 7))
        .when(col("grain").equalTo("month"), add_months(col("period_start"), -1))
        .otherwise(add_months(col("period_start"), -3));
    Column outside = coalesce(col("interval_position").isin("above", "below"), lit(false));
    Column turnedRed = coalesce(col("status").equalTo("red"), lit(false))
        .and(coalesce(col("previous_status").notEqual("red"), lit(true)));
    Dataset<Row> candidates = touched
        .filter(col("value").isNotNull().and(col("period_complete")))
        .withColumn("_previous_start", previousStart);
    return candidates
        .join(previous, col("p_metric").equalTo(col("metric_id"))
            .and(col("p_grain").equalTo(col("grain"))).and(col("p_slice").equalTo(col("slice")))
            .and(col("p_start").equalTo(col("_previous_start"))), "left")
        .filter(outside.or(turnedRed))
        .withColumn("deviation", col("value").minus(col("expected")))
        .withColumn("deviation_pct", when(col("expected").notEqual(0),
            col("deviation").divide(abs(col("expected")))))
        .withColumn("direction", when(col("deviation").gt(0), "up")
            .when(col("deviation").lt(0), "down"))
        .withColumn("reason", concat_ws(",", when(outside, lit("outside_interval")),
            when(turnedRed, lit("turned_red"))))
        .withColumn("movement_id", id(col("metric_id"), col("grain"), col("period_start"),
            col("slice")))
        .select("movement_id", "metric_id", "grain", "period_start", "period_end", "slice_dims",
            "slice", "value", "expected", "expected_low", "expected_high", "deviation",
            "deviation_pct", "direction", "interval_position", "status", "previous_status",
            "reason", "period_month");
  }

  /** {@code metric_id|grain|period_start|slice}. */
  public static Column id(Column metric, Column grain, Column periodStart, Column slice) {
    return concat_ws("|", metric, grain, periodStart.cast("string"), slice);
  }
}
