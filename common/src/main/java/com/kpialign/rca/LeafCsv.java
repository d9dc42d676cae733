package com.kpialign.rca;

import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads a leaf table from a CSV file with a header (plain, or gzip when the name ends in
 * {@code .gz}): one row per leaf, dimension values read as text, measures as numbers.
 */
public final class LeafCsv {
  /** Which columns hold the measures, and which are the dimensions (empty: all the others). */
  public record Columns(Optional<List<String>> dimensions, List<String> measures, boolean ratio) {
    /** An additive metric: an actual and an expected column. */
    public static Columns additive(Optional<List<String>> dimensions, String actual,
        String expected) {
      return new Columns(dimensions, List.of(actual, expected), false);
    }

    /** A ratio metric: actual numerator, actual denominator, expected numerator, denominator. */
    public static Columns ratio(Optional<List<String>> dimensions, String actualNumerator,
        String actualDenominator, String expectedNumerator, String expectedDenominator) {
      return new Columns(dimensions, List.of(actualNumerator, actualDenominator,
          expectedNumerator, expectedDenominator), true);
    }
  }

  /** A row of the file that cannot be a leaf: names the file, the line and the column. */
  public static final class BadLeafException extends KpiException {
    private static final long serialVersionUID = 1L;

    BadLeafException(String message) {
      super(message);
    }

    @Override
    public int exitCode() {
      return ExitCode.FAILURE;
    }
  }

  private LeafCsv() {}

  /**
   * @throws IllegalArgumentException when a named column is not in the header
   * @throws BadLeafException when a measure is not a number
   */
  public static LeafTable read(Path file, Columns columns) throws IOException {
    try (Reader reader = reader(file)) {
      CsvParserSettings settings = new CsvParserSettings();
      settings.setHeaderExtractionEnabled(true);
      settings.setLineSeparatorDetectionEnabled(true);
      settings.setMaxCharsPerColumn(-1);
      settings.setNullValue("");
      settings.setEmptyValue("");
      CsvParser parser = new CsvParser(settings);
      parser.beginParsing(reader);
      String[] header = parser.getContext().parsedHeaders();
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty file, expected a header line");
      }
      List<String> names = Arrays.stream(header).map(h -> h == null ? "" : h.trim()).toList();
      int[] measures = indexes(file, names, columns.measures());
      List<String> dimensions = columns.dimensions().orElseGet(() -> names.stream()
          .filter(n -> !columns.measures().contains(n)).toList());
      if (dimensions.isEmpty()) {
        throw new IllegalArgumentException(file + ": no dimension columns besides the measures "
            + columns.measures());
      }
      int[] dims = indexes(file, names, dimensions);
      LeafTable.Builder table = columns.ratio() ? LeafTable.ratio(dimensions)
          : LeafTable.additive(dimensions);
      String[] row;
      double[] value = new double[measures.length];
      List<String> values = new ArrayList<>(dims.length);
      while ((row = parser.parseNext()) != null) {
        long line = parser.getContext().currentLine();
        if (row.length == 1 && (row[0] == null || row[0].isBlank())) {
          continue;
        }
        for (int m = 0; m < measures.length; m++) {
          String text = measures[m] < row.length ? row[measures[m]] : null;
          try {
            value[m] = Double.parseDouble(text == null ? "" : text.trim());
          } catch (NumberFormatException e) {
            throw new BadLeafException(file + " line " + line + ": column "
                + columns.measures().get(m) + " is not a number: '" + (text == null ? "" : text)
                + "'");
          }
        }
        values.clear();
        for (int d : dims) {
          values.add(d < row.length && row[d] != null ? row[d] : "");
        }
        if (columns.ratio()) {
          table.add(values, value[0], value[1], value[2], value[3]);
        } else {
          table.add(values, value[0], value[1]);
        }
      }
      parser.stopParsing();
      return table.build();
    }
  }

  private static Reader reader(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static int[] indexes(Path file, List<String> header, List<String> wanted) {
    int[] out = new int[wanted.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = header.indexOf(wanted.get(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException(file + ": no column '" + wanted.get(i)
            + "' in the header " + header);
      }
    }
    return out;
  }
}
