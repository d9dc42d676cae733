package com.kpialign.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.holdenkarau.spark.testing.DataFrameSuiteBase$;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Dataset assertions whose failures say where: the rows of both sides are sorted the same way and
 * compared in order with spark-testing-base's approximate row equality, and the first difference
 * is reported by row and column name, with both values. Numbers are equal within a tolerance.
 */
public final class DatasetAssert {
  private DatasetAssert() {}

  /** {@code actual} holds exactly {@code expected} (in any order), doubles within {@code tol}. */
  public static void assertRows(Dataset<Row> actual, List<Row> expected, double tol) {
    String[] columns = actual.columns();
    List<Row> got = sorted(actual.collectAsList());
    List<Row> want = sorted(expected);
    for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
      Row g = got.get(i);
      Row w = want.get(i);
      if (w.size() != columns.length) {
        fail("expected row " + i + " " + w + " has " + w.size() + " values for the "
            + columns.length + " columns " + List.of(columns));
      }
      if (DataFrameSuiteBase$.MODULE$.approxEquals(g, w, tol)) {
        continue;
      }
      for (int c = 0; c < columns.length; c++) {
        if (!same(g.get(c), w.get(c), tol)) {
          fail("row " + i + " (" + g + "), column " + columns[c] + ": expected " + w.get(c)
              + " but was " + g.get(c) + "\nexpected rows: " + want + "\nactual rows:   " + got);
        }
      }
    }
    if (got.size() != want.size()) {
      List<Row> extra = new ArrayList<>(got.size() > want.size()
          ? got.subList(want.size(), got.size()) : want.subList(got.size(), want.size()));
      fail((got.size() > want.size() ? "unexpected rows " : "missing rows ") + extra
          + " (expected " + want.size() + " rows, got " + got.size() + ")\nactual rows: " + got);
    }
  }

  /** spark-testing-base's approximate equality of one value (numbers within {@code tol}). */
  private static boolean same(Object a, Object b, double tol) {
    return DataFrameSuiteBase$.MODULE$.approxEquals(RowFactory.create(a), RowFactory.create(b),
        tol);
  }

  /** Sorted by the text of each value, column by column, nulls first. */
  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }
}
