package com.kpialign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.kpialign.testing.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Benjamini-Hochberg in Spark: a hand-made list, and the driver-side version on a longer one. */
class FalseDiscoveryTest {
  static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("p", DataTypes.DoubleType);

  static Map<String, Double> q(List<Row> rows, long block) {
    Dataset<Row> tests = TestSpark.session().createDataFrame(rows, SCHEMA);
    Map<String, Double> out = new HashMap<>();
    for (Row r : FalseDiscovery.withQValues(tests, "p", "q", block).collectAsList()) {
      out.put(r.getString(0), r.isNullAt(2) ? null : r.getDouble(2));
    }
    return out;
  }

  @Test
  void handMadeList() {
    // sorted: 0.005, 0.01, 0.03, 0.04, 0.5 (m = 5); p m / k: 0.025, 0.025, 0.05, 0.05, 0.5;
    // the running minimum from the top leaves them as they are
    List<Row> rows = List.of(RowFactory.create("a", 0.01), RowFactory.create("b", 0.04),
        RowFactory.create("c", 0.03), RowFactory.create("d", 0.005), RowFactory.create("e", 0.5),
        RowFactory.create("none", null));
    for (long block : new long[] {FalseDiscovery.BLOCK, 2}) {
      Map<String, Double> q = q(rows, block);
      assertEquals(0.025, q.get("a"), 1e-12);
      assertEquals(0.05, q.get("b"), 1e-12);
      assertEquals(0.05, q.get("c"), 1e-12);
      assertEquals(0.025, q.get("d"), 1e-12);
      assertEquals(0.5, q.get("e"), 1e-12);
      assertNull(q.get("none"));
      assertEquals(6, q.size());
    }
  }

  @Test
  void aLaterSmallerStepLowersEarlierQValues() {
    // sorted 0.02, 0.021, 0.022 (m = 3): p m / k = 0.06, 0.0315, 0.022, so all three are 0.022
    List<Row> rows = List.of(RowFactory.create("a", 0.022), RowFactory.create("b", 0.02),
        RowFactory.create("c", 0.021));
    Map<String, Double> q = q(rows, 1);
    assertEquals(0.022, q.get("a"), 1e-12);
    assertEquals(0.022, q.get("b"), 1e-12);
    assertEquals(0.022, q.get("c"), 1e-12);
  }

  @Test
  void agreesWithTheDriverSideVersionAcrossBlocks() {
    SplittableRandom random = new SplittableRandom(3);
    List<Row> rows = new ArrayList<>();
    double[] p = new double[500];
    for (int i = 0; i < p.length; i++) {
      // ties included: p rounded to 3 digits
      p[i] = Math.round(Math.pow(random.nextDouble(), 3) * 1000) / 1000.0;
      rows.add(RowFactory.create("t" + i, p[i]));
    }
    double[] expected = Correlation.benjaminiHochberg(p);
    Map<String, Double> q = q(rows, 37);
    for (int i = 0; i < p.length; i++) {
      assertEquals(expected[i], q.get("t" + i), 1e-12, "test " + i);
    }
  }
}
