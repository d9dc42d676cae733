package com.kpialign.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.testing.TestSpark;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class QuantileSketchesTest {
  /**
   * Three groups of 3,000 distinct values each (past the exact limit), read in two different row
   * orders and partitionings: the summaries are byte for byte the same, and so is the union of
   * per-day summaries with the summary of all the values.
   */
  @Test
  void summariesDoNotDependOnHowSparkOrdersOrSplitsTheRows() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> values = spark.range(9_000).select(
        col("id").mod(3).as("grp"), col("id").mod(10).as("day"),
        expr("cast(id as double) * 1.37 - 2000").as("value"));
    Map<Long, byte[]> ascending = summaries(values.repartition(1).sortWithinPartitions("value"));
    Map<Long, byte[]> shuffled = summaries(values.repartition(7, col("day"))
        .sortWithinPartitions(col("value").desc()));
    Map<Long, byte[]> ofDays = summaries(values.groupBy("grp", "day")
        .agg(QuantileSketches.sketchAgg().apply(col("value")).as("day_summary"))
        .repartition(5), "day_summary", QuantileSketches.unionAgg());
    assertEquals(3, ascending.size());
    for (long grp : ascending.keySet()) {
      assertArrayEquals(ascending.get(grp), shuffled.get(grp), "group " + grp);
      assertArrayEquals(ascending.get(grp), ofDays.get(grp), "group " + grp + " from days");
    }
  }

  /** The quantile a query reads is Spark's own exact percentile_disc while values are few. */
  @Test
  void aQuantileOfFewValuesIsSparksPercentileDisc() {
    Dataset<Row> days = TestSpark.session().range(5_000)
        .select(expr("cast((id * 7919) % 23 as double)").as("days"));
    Row row = days.agg(QuantileSketches.sketchAgg().apply(col("days")).as("s"),
            expr("percentile_disc(0.9) WITHIN GROUP (ORDER BY days)").as("disc"))
        .select(QuantileSketches.quantile().apply(col("s"), lit(0.9)), col("disc"))
        .first();
    assertEquals(row.getDouble(1), row.getDouble(0));
  }

  /** A day state an earlier version wrote as a KLL sketch reads as the values it retained. */
  @Test
  void aKllSketchOfAnEarlierVersionStillReads() {
    KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(200);
    for (int v = 1; v <= 10; v++) {
      kll.update(v);
    }
    assertEquals(9.0, QuantileSketches.quantile(kll.toByteArray(), 0.9));
    assertEquals(10, QuantileSketches.read(kll.toByteArray()).count());
  }

  private static Map<Long, byte[]> summaries(Dataset<Row> values) {
    return summaries(values, "value", QuantileSketches.sketchAgg());
  }

  private static Map<Long, byte[]> summaries(Dataset<Row> rows, String column,
      org.apache.spark.sql.expressions.UserDefinedFunction aggregate) {
    List<Row> out = rows.groupBy("grp").agg(aggregate.apply(col(column)).as("s")).collectAsList();
    Map<Long, byte[]> byGroup = new TreeMap<>();
    out.forEach(r -> byGroup.put(r.getLong(0), (byte[]) r.get(1)));
    return byGroup;
  }
}
