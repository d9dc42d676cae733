package com.kpialign.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Benjamini-Hochberg q-values of a column of p-values, computed in Spark without gathering the
 * tests in one partition: q(k) = min over j >= k of p(j) m / j, with p sorted ascending (k the
 * rank). Ranks come from a distributed sort; the running minimum from the top rank down is taken
 * within blocks of ranks and then across blocks, whose minima (one number per block) are the only
 * thing brought to the driver. The same numbers as {@link Correlation#benjaminiHochberg}.
 */
public final class FalseDiscovery {
  /** Ranks per block; the driver holds one double per block. */
  static final long BLOCK = 200_000;

  private FalseDiscovery() {}

  /**
   * {@code tests} with {@code qColumn} added: the q-value of {@code pColumn} among the rows whose
   * p-value is not null (m of them); null where the p-value is null.
   */
  public static Dataset<Row> withQValues(Dataset<Row> tests, String pColumn, String qColumn) {
    return withQValues(tests, pColumn, qColumn, BLOCK);
  }

  static Dataset<Row> withQValues(Dataset<Row> tests, String pColumn, String qColumn,
      long block) {
    StructType schema = tests.schema().add("_rank", DataTypes.LongType, false);
    Dataset<Row> withP = tests.filter(col(pColumn).isNotNull());
    long m = withP.count();
    // ties in p get the same q whatever their order, so any total order will do; sorting on all
    // columns keeps the ranks, and so the plan, deterministic
    List<org.apache.spark.sql.Column> order = new ArrayList<>();
    order.add(col(pColumn));
    for (String c : tests.columns()) {
      if (!c.equals(pColumn)) {
        order.add(col("`" + c + "`"));
      }
    }
    Dataset<Row> ranked = tests.sparkSession().createDataFrame(
        withP.sort(order.toArray(org.apache.spark.sql.Column[]::new)).javaRDD().zipWithIndex()
            .map(t -> {
              Object[] values = new Object[t._1().size() + 1];
              for (int i = 0; i < t._1().size(); i++) {
                values[i] = t._1().get(i);
              }
              values[values.length - 1] = t._2() + 1;
              return RowFactory.create(values);
            }), schema)
        .withColumn("_step", col(pColumn).multiply(lit((double) m)).divide(col("_rank")))
        .withColumn("_block", col("_rank").minus(1).divide(block).cast("long"));
    List<Row> blockMinima = ranked.groupBy("_block").agg(min("_step").as("_min"))
        .orderBy(col("_block").desc()).collectAsList();
    List<Row> later = new ArrayList<>();
    double running = 1;
    for (Row minimum : blockMinima) {
      later.add(RowFactory.create(minimum.getLong(0), running));
      running = Math.min(running, minimum.getDouble(1));
    }
    Dataset<Row> laterMinima = tests.sparkSession().createDataFrame(later,
        new StructType().add("_block", DataTypes.LongType).add("_later", DataTypes.DoubleType));
    Dataset<Row> withQ = ranked.join(org.apache.spark.sql.functions.broadcast(laterMinima),
            "_block")
        .withColumn(qColumn, least(col("_later"), min("_step").over(Window.partitionBy("_block")
            .orderBy(col("_rank").desc()).rowsBetween(Window.unboundedPreceding(),
                Window.currentRow()))))
        .drop("_block", "_rank", "_step", "_later");
    return withQ.unionByName(tests.filter(col(pColumn).isNull())
        .withColumn(qColumn, lit(null).cast(DataTypes.DoubleType)));
  }
}
