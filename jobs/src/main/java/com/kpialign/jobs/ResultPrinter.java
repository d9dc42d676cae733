package com.kpialign.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prints rows for people (an aligned table) or scripts (CSV, JSON lines), from a query result or
 * from plain Java rows. Query rows are streamed partition by partition, never collected whole,
 * and cut at a row limit (-1: none). Each method returns whether rows were left out.
 */
public final class ResultPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Output formats of look-up commands. */
  public enum Format { TABLE, CSV, JSON }

  private final PrintStream out;

  public ResultPrinter(PrintStream out) {
    this.out = out;
  }

  public boolean print(Dataset<Row> result, Format format, int limit) {
    if (format == Format.JSON) {
      return jsonLines(result.toJSON().toLocalIterator(), limit);
    }
    String[] columns = result.columns();
    // Spark's own text form of every value: arrays as [a, b], timestamps without nanos
    Iterator<Row> rows = result.select(Arrays.stream(columns)
        .map(c -> result.col("`" + c.replace("`", "``") + "`").cast("string").as(c))
        .toArray(org.apache.spark.sql.Column[]::new)).toLocalIterator();
    Iterator<List<String>> cells = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public List<String> next() {
        Row row = rows.next();
        List<String> values = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
          values.add(row.getString(i));
        }
        return values;
      }
    };
    return print(Arrays.asList(columns), cells, format, limit);
  }

  /** Plain rows of text cells (null for a missing value); JSON prints them as objects. */
  public boolean print(List<String> header, Iterator<List<String>> rows, Format format,
      int limit) {
    return switch (format) {
      case TABLE -> table(header, rows, limit);
      case CSV -> csv(header, rows, limit);
      case JSON -> jsonLines(new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public String next() {
          List<String> cells = rows.next();
          Map<String, String> object = new LinkedHashMap<>();
          for (int i = 0; i < header.size(); i++) {
            if (cells.get(i) != null) {
              object.put(header.get(i), cells.get(i));
            }
          }
          try {
            return JSON.writeValueAsString(object);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("row cannot be written as JSON", e);
          }
        }
      }, limit);
    };
  }

  private boolean table(List<String> header, Iterator<List<String>> rows, int limit) {
    List<List<String>> kept = new ArrayList<>();
    while (rows.hasNext() && (limit < 0 || kept.size() < limit)) {
      kept.add(rows.next().stream().map(c -> c == null ? "NULL" : c).toList());
    }
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> cells : kept) {
        widths[i] = Math.max(widths[i], cells.get(i).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w)).append('+');
    }
    out.println(rule);
    out.println(line(header, widths));
    out.println(rule);
    for (List<String> cells : kept) {
      out.println(line(cells, widths));
    }
    out.println(rule);
    return rows.hasNext();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      sb.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append('|');
    }
    return sb.toString();
  }

  private boolean csv(List<String> header, Iterator<List<String>> rows, int limit) {
    out.println(String.join(",", header.stream().map(ResultPrinter::csvCell).toList()));
    int n = 0;
    while (rows.hasNext() && (limit < 0 || n < limit)) {
      out.println(String.join(",", rows.next().stream()
          .map(c -> c == null ? "" : csvCell(c)).toList()));
      n++;
    }
    return rows.hasNext();
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private boolean jsonLines(Iterator<String> lines, int limit) {
    int n = 0;
    while (lines.hasNext() && (limit < 0 || n < limit)) {
      out.println(lines.next());
      n++;
    }
    return lines.hasNext();
  }
}
