package com.kpialign.demo;

import com.kpialign.errors.IoFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delivery defects planted in the demo extracts after they are written, so that the data-quality
 * checks have something real to catch: the kind of thing a warehouse export really does. Each is
 * listed in {@value #FILE} beside the extracts with the check that should catch it. Placed at
 * fixed days after the start (after the 10 weeks of history anomaly checks need), and only when
 * the period is long enough.
 */
final class DataDefects {
  static final String FILE = "data_defects.csv";

  /** One planted defect: which extract, and the check expected to catch it. */
  record Defect(String id, int dayOffset, String extract, String expectedCheck,
      String description) {}

  static final List<Defect> ALL = List.of(
      new Defect("null_amounts", 130, "orders.csv", "complete(net_amount) [error]",
          "a burst of missing net amounts: every 6th order of the day has none"),
      new Defect("duplicated_extract", 160, "shipments.csv", "unique(shipment_id) [error]",
          "the shipments of the day before are delivered again with this day's"),
      new Defect("missing_region", 240, "customers.csv", "complete(region) [warning]",
          "every 10th sign-up of the day has no region code"),
      new Defect("partial_extract", 260, "orders.csv", "row_count_anomaly() [warning]",
          "the orders export stopped early: only the first 40% of the day's orders arrived"));

  private DataDefects() {}

  /** Plants the defects that fall inside the period; returns the ones planted. */
  static List<Defect> plant(Path out, LocalDate start, int days) {
    List<Defect> planted = new ArrayList<>();
    for (Defect d : ALL) {
      if (d.dayOffset() >= days) {
        continue;
      }
      LocalDate date = start.plusDays(d.dayOffset());
      Path file = out.resolve(date.toString()).resolve(d.extract());
      List<String> lines = read(file);
      List<String> changed = switch (d.id()) {
        case "null_amounts" -> blankColumn(lines, "net_amount", 6);
        case "duplicated_extract" -> {
          List<String> again = new ArrayList<>(lines);
          List<String> before = read(out.resolve(date.minusDays(1).toString())
              .resolve(d.extract()));
          again.addAll(before.subList(1, before.size()));
          yield again;
        }
        case "missing_region" -> blankColumn(lines, "region", 10);
        case "partial_extract" -> lines.subList(0, 1 + (int) ((lines.size() - 1) * 0.4));
        default -> throw new IllegalStateException(d.id());
      };
      write(file, changed);
      planted.add(d);
    }
    try (ExtractFiles.Csv csv = new ExtractFiles.Csv(out.resolve(FILE), List.of("defect_id",
        "extract_date", "extract", "expected_check", "description"))) {
      for (Defect d : planted) {
        csv.row(d.id() + "," + start.plusDays(d.dayOffset()) + "," + d.extract() + ",\""
            + d.expectedCheck() + "\",\"" + d.description() + "\"");
      }
    }
    return planted;
  }

  /** Empties {@code column} in every {@code every}-th data row. */
  private static List<String> blankColumn(List<String> lines, String column, int every) {
    int index = Arrays.asList(lines.get(0).split(",", -1)).indexOf(column);
    List<String> out = new ArrayList<>(lines.size());
    out.add(lines.get(0));
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      if (i % every == 0) {
        fields[index] = "";
      }
      out.add(String.join(",", fields));
    }
    return out;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IoFailure("cannot read " + file, e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IoFailure("cannot write " + file, e);
    }
  }
}
