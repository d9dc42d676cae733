package com.kpialign.jobs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prints a query result for people (an aligned table) or scripts (CSV, JSON lines). Rows are
 * streamed partition by partition, never collected whole, and cut at a row limit (-1: none).
 */
public final class ResultPrinter {
  private final PrintStream out;

  public ResultPrinter(PrintStream out) {
    this.out = out;
  }

  /** @return whether rows were left out because of the limit */
  public boolean table(Dataset<Row> result, int limit) {
    String[] columns = result.columns();
    List<String[]> rows = new ArrayList<>();
    Iterator<Row> it = result.toLocalIterator();
    while (it.hasNext() && (limit < 0 || rows.size() < limit)) {
      Row row = it.next();
      String[] cells = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        cells[i] = row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i));
      }
      rows.add(cells);
    }
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] cells : rows) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w)).append('+');
    }
    out.println(rule);
    out.println(line(columns, widths, false));
    out.println(rule);
    for (String[] cells : rows) {
      out.println(line(cells, widths, true));
    }
    out.println(rule);
    return it.hasNext();
  }

  private static String line(String[] cells, int[] widths, boolean alignRight) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(widths[i] - cells[i].length());
      sb.append(alignRight ? pad + cells[i] : cells[i] + pad).append('|');
    }
    return sb.toString();
  }

  public boolean csv(Dataset<Row> result, int limit) {
    String[] columns = result.columns();
    List<String> header = new ArrayList<>();
    for (String c : columns) {
      header.add(csvCell(c));
    }
    out.println(String.join(",", header));
    Iterator<Row> it = result.toLocalIterator();
    int n = 0;
    while (it.hasNext() && (limit < 0 || n < limit)) {
      Row row = it.next();
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        cells.add(row.isNullAt(i) ? "" : csvCell(String.valueOf(row.get(i))));
      }
      out.println(String.join(",", cells));
      n++;
    }
    return it.hasNext();
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  public boolean jsonLines(Dataset<Row> result, int limit) {
    Iterator<String> it = result.toJSON().toLocalIterator();
    int n = 0;
    while (it.hasNext() && (limit < 0 || n < limit)) {
      out.println(it.next());
      n++;
    }
    return it.hasNext();
  }
}
