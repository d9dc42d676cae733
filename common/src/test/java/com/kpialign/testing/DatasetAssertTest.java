package com.kpialign.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class DatasetAssertTest {
  static final Dataset<Row> ROWS = TestSpark.session().createDataFrame(List.of(
      RowFactory.create("b", 2L, 0.30000000000000004), RowFactory.create("a", 1L, 1.0)),
      new StructType().add("id", DataTypes.StringType).add("n", DataTypes.LongType)
          .add("x", DataTypes.DoubleType));

  @Test
  void rowsMatchInAnyOrderWithNumbersWithinTheTolerance() {
    DatasetAssert.assertRows(ROWS, List.of(RowFactory.create("a", 1, 1.0),
        RowFactory.create("b", 2, 0.3)), 1e-9);
  }

  @Test
  void aDifferenceIsNamedByRowAndColumn() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
        DatasetAssert.assertRows(ROWS, List.of(RowFactory.create("a", 1, 1.0),
            RowFactory.create("b", 2, 0.31)), 1e-9));
    assertTrue(e.getMessage().startsWith("row 1 ([b,2,0.30000000000000004]), column x: "
        + "expected 0.31 but was 0.30000000000000004"), e.getMessage());
    AssertionFailedError missing = assertThrows(AssertionFailedError.class, () ->
        DatasetAssert.assertRows(ROWS, List.of(RowFactory.create("a", 1, 1.0)), 1e-9));
    assertTrue(missing.getMessage().startsWith("unexpected rows [[b,2,0.30000000000000004]]"),
        missing.getMessage());
  }
}
