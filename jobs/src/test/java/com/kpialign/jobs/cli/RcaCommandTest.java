package com.kpialign.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kpi rca}: what it prints, and nothing else, on leaf files; no Spark involved. */
class RcaCommandTest {
  @TempDir
  Path dir;
  String stdout;
  String stderr;

  private int kpi(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Kpi(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  /** Carrier A in EU fell by 40%; every other leaf is within 2%. */
  private static String carrierDelay() {
    StringBuilder csv = new StringBuilder("region,carrier,device,real,predict\n");
    double[] wobble = {1.01, 0.99, 1.0, 0.98, 1.02, 1.0};
    int k = 0;
    for (String region : new String[] {"EU", "US"}) {
      for (String carrier : new String[] {"A", "B", "C"}) {
        for (String device : new String[] {"ios", "android"}) {
          boolean cause = region.equals("EU") && carrier.equals("A");
          csv.append(region).append(',').append(carrier).append(',').append(device).append(',')
              .append(cause ? 60 : 100 * wobble[k++ % 6]).append(",100\n");
        }
      }
    }
    return csv.toString();
  }

  @Test
  void localizePrintsOneElementPerLineWithPairsSortedByDimension() throws IOException {
    Path file = Files.writeString(dir.resolve("leaves.csv"), carrierDelay());
    assertEquals(0, kpi("rca", "localize", "--input", file.toString(), "--dimensions",
        "region,carrier,device", "--actual", "real", "--expected", "predict"));
    assertEquals("carrier=A&region=EU\n", stdout);
    // without --dimensions every column that is not a measure is one
    assertEquals(0, kpi("rca", "localize", "--input", file.toString(), "--actual", "real",
        "--expected", "predict"));
    assertEquals("carrier=A&region=EU\n", stdout);
    // blind to the carrier, no element is pure: carrier A is a third of every EU cell, so
    // region=EU and each region=EU&device=X have a third of their leaves abnormal
    assertEquals(0, kpi("rca", "localize", "--input", file.toString(), "--dimensions",
        "region,device", "--actual", "real", "--expected", "predict"));
    assertEquals("", stdout);
  }

  @Test
  void ratioMetricAndSeveralFilesIncludingGzipUnderHeaders() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("cases"));
    StringBuilder ratio = new StringBuilder("region,device,orders,sessions,orders_f,sessions_f\n");
    for (String region : new String[] {"EU", "US"}) {
      for (String device : new String[] {"ios", "android", "web"}) {
        double sessions = region.equals("US") ? 2000 : 1000;
        double rate = device.equals("android") ? 0.05 : 0.10;
        ratio.append(region).append(',').append(device).append(',').append(rate * sessions)
            .append(',').append(sessions).append(",100,1000\n");
      }
    }
    Files.writeString(folder.resolve("a.csv"), ratio);
    try (OutputStream gz = new GZIPOutputStream(
        Files.newOutputStream(folder.resolve("b.csv.gz")))) {
      gz.write(ratio.toString().replace("android", "tablet").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(folder.resolve("notes.txt"), "not a leaf file");
    assertEquals(0, kpi("rca", "localize", "--input", folder.toString(),
        "--actual-numerator", "orders", "--actual-denominator", "sessions",
        "--expected-numerator", "orders_f", "--expected-denominator", "sessions_f"));
    assertEquals("# a.csv\ndevice=android\n# b.csv.gz\ndevice=tablet\n", stdout);
  }

  @Test
  void badInputNamesTheFileTheLineOrTheColumn() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), "region,real,predict\nEU,1,2\nUS,x,2\n");
    assertEquals(1, kpi("rca", "localize", "--input", file.toString(), "--actual", "real",
        "--expected", "predict"));
    assertTrue(stderr.contains("bad.csv line 3: column real is not a number: 'x'"), stderr);
    assertEquals("", stdout);
    assertEquals(2, kpi("rca", "localize", "--input", file.toString(), "--actual", "actual",
        "--expected", "predict"));
    assertTrue(stderr.contains("no column 'actual'"), stderr);
    assertEquals(2, kpi("rca", "localize", "--input", file.toString(), "--actual", "real",
        "--expected-numerator", "predict"));
    assertEquals(2, kpi("rca", "localize", "--input", dir.resolve("missing.csv").toString(),
        "--actual", "real", "--expected", "predict"));
    assertEquals(2, kpi("rca", "frobnicate"));
  }

  @Test
  void benchPrintsPrecisionRecallAndF1PerCaseTypeAndNoise() {
    assertEquals(0, kpi("rca", "bench", "--cases", "1", "--seed", "5"));
    String[] lines = stdout.strip().split("\n");
    assertEquals("case type                  noise cases precision recall    F1", lines[0]);
    // 7 types and their total, at 3 noise levels, then the line with the count
    assertEquals(1 + 3 * 8 + 1, lines.length);
    assertTrue(lines[lines.length - 1].startsWith("21 cases (seed 5)"), lines[lines.length - 1]);
    assertTrue(lines[8].startsWith("all types                   0.02     7"), lines[8]);
  }
}
