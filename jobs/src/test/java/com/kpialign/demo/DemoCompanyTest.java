package com.kpialign.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator is deterministic, and each injected incident is visible in the extracts it
 * should affect: measured here from the files themselves, in plain Java, against the same
 * measure outside the incident's window.
 */
class DemoCompanyTest {
  static final DemoCompany.Settings SETTINGS =
      new DemoCompany.Settings(LocalDate.of(2024, 1, 1), 120, 0.25, 7);

  @TempDir static Path dir;
  static DemoCompany.Result result;
  static List<Incident> incidents;

  @BeforeAll
  static void generate() {
    result = DemoCompany.generate(SETTINGS, dir.resolve("a"));
    incidents = result.incidents();
  }

  static Incident incident(String id) {
    return incidents.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  /** Data rows of one CSV extract over all dates, split into fields. */
  static List<String[]> csv(String file) {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> days = Files.list(result.out())) {
      for (Path day : days.filter(Files::isDirectory).sorted().toList()) {
        List<String> lines = Files.readAllLines(day.resolve(file));
        for (String line : lines.subList(1, lines.size())) {
          rows.add(line.split(",", -1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static double share(List<String[]> rows, Predicate<String[]> of, Predicate<String[]> among) {
    long base = rows.stream().filter(among).count();
    return (double) rows.stream().filter(among).filter(of).count() / base;
  }

  static Predicate<String[]> dateIn(int column, Incident incident, boolean inside) {
    return r -> incident.activeOn(LocalDate.parse(r[column])) == inside;
  }

  @Test
  void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    DemoCompany.Settings small = new DemoCompany.Settings(LocalDate.of(2024, 3, 30), 5, 0.05, 11);
    Path first = dir.resolve("same1");
    Path second = dir.resolve("same2");
    DemoCompany.generate(small, first);
    DemoCompany.generate(small, second);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(first)) {
      files = walk.filter(Files::isRegularFile).map(first::relativize).sorted().toList();
    }
    // 5 days x 11 extracts (targets and peer benchmarks on Apr 1 only), ground truth, the
    // list of planted data defects (none fit in 5 days) and the planted relations
    assertEquals(5 * 9 + 2 + 3, files.size(), files.toString());
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(first.resolve(f)), Files.readAllBytes(second.resolve(f)),
          "differs: " + f);
    }
    Path other = dir.resolve("other");
    DemoCompany.generate(new DemoCompany.Settings(small.start(), 5, 0.05, 12), other);
    assertFalse(Arrays.equals(Files.readAllBytes(first.resolve("2024-03-30/orders.csv")),
        Files.readAllBytes(other.resolve("2024-03-30/orders.csv"))));
  }

  @Test
  void groundTruthListsEveryIncidentEffect() throws IOException {
    List<String> lines = Files.readAllLines(result.groundTruth());
    assertEquals("incident_id,start_date,end_date,metric,direction,dimensions,description",
        lines.get(0));
    long effects = incidents.stream().mapToLong(i -> i.effects().size()).sum();
    assertEquals(effects, lines.size() - 1);
    // 120 days: windows at fixed fractions of the period, 6 days long (120 / 20)
    Incident delay = incident("carrier_delay_eu");
    assertEquals(LocalDate.of(2024, 1, 1).plusDays(32), delay.start());
    assertEquals(delay.start().plusDays(5), delay.end());
    assertTrue(lines.contains("carrier_delay_eu,2024-02-02,2024-02-07,on_time_delivery_rate,down,"
        + "carrier=ShipFast&region=EU,\"" + delay.description() + "\""), lines.toString());
  }

  @Test
  void carrierDelayMakesShipFastEuShipmentsLate() {
    Incident delay = incident("carrier_delay_eu");
    // shipments: region 2, carrier 4, shipped 6, promised 7, delivered 8
    List<String[]> shipFastEu = csv("shipments.csv").stream()
        .filter(r -> r[2].equals("EU") && r[4].equals("ShipFast")).toList();
    Predicate<String[]> late = r -> LocalDate.parse(r[8]).isAfter(LocalDate.parse(r[7]));
    double during = share(shipFastEu, late, dateIn(6, delay, true));
    double outside = share(shipFastEu, late, dateIn(6, delay, false));
    assertTrue(during > 0.8 && outside < 0.3, "late share during " + during + ", outside "
        + outside);
  }

  @Test
  void androidCheckoutBugCutsAndroidOrders() {
    Incident bug = incident("android_checkout_bug");
    List<String[]> orders = csv("orders.csv");
    Predicate<String[]> android = r -> r[7].equals("android");
    double during = share(orders, android, dateIn(2, bug, true));
    double outside = share(orders, android, dateIn(2, bug, false));
    assertTrue(during < 0.5 * outside, "android share during " + during + ", outside " + outside);
  }

  @Test
  void paidSocialCampaignLiftsSocialSignups() {
    Incident campaign = incident("paid_social_campaign");
    PlantedRelations relations = new PlantedRelations(SETTINGS);
    List<String[]> customers = csv("customers.csv");
    Predicate<String[]> social = r -> r[4].equals("paid_social");
    Predicate<String[]> usualWeek = r -> relations.socialLift(LocalDate.parse(r[2])) == 1.0;
    double during = share(customers, social, dateIn(2, campaign, true));
    double outside = share(customers, social, dateIn(2, campaign, false).and(usualWeek));
    assertTrue(during > 1.8 * outside, "social share during " + during + ", outside " + outside);
  }

  @Test
  void priceIncreaseRaisesElectronicsPricePerItem() {
    Incident pricing = incident("electronics_price_increase");
    List<String[]> electronics = csv("orders.csv").stream()
        .filter(r -> r[8].equals("electronics")).toList();
    double after = pricePerItem(electronics, dateIn(2, pricing, true));
    double before = pricePerItem(electronics, dateIn(2, pricing, false));
    assertTrue(after > 1.07 * before, "price per item after " + after + ", before " + before);
  }

  private static double pricePerItem(List<String[]> orders, Predicate<String[]> when) {
    double gross = 0;
    long items = 0;
    for (String[] r : orders.stream().filter(when).toList()) {
      gross += Double.parseDouble(r[12]);
      items += Long.parseLong(r[11]);
    }
    return gross / items;
  }

  @Test
  void understaffedSupportSlowsApacFirstResponses() {
    Incident understaffed = incident("support_understaffed_apac");
    List<String[]> apac = csv("support_tickets.csv").stream()
        .filter(r -> r[5].equals("APAC")).toList();
    double during = median(apac, dateIn(2, understaffed, true));
    double outside = median(apac, dateIn(2, understaffed, false));
    assertTrue(during > 2 * outside, "median first response during " + during + ", outside "
        + outside);
  }

  private static double median(List<String[]> tickets, Predicate<String[]> when) {
    int[] minutes = tickets.stream().filter(when).mapToInt(r -> Integer.parseInt(r[8])).sorted()
        .toArray();
    return minutes[minutes.length / 2];
  }

  @Test
  void lateDeliveriesLowerCsatAboutAWeekLater() {
    // shipments: promised 7, delivered 8 (the extract's day); tickets: created 2, csat 10
    Map<LocalDate, double[]> onTime = new TreeMap<>();
    for (String[] r : csv("shipments.csv")) {
      double[] a = onTime.computeIfAbsent(LocalDate.parse(r[8]), d -> new double[2]);
      a[0] += LocalDate.parse(r[8]).isAfter(LocalDate.parse(r[7])) ? 0 : 1;
      a[1]++;
    }
    Map<LocalDate, double[]> csat = new TreeMap<>();
    for (String[] r : csv("support_tickets.csv")) {
      if (!r[10].isEmpty()) {
        double[] a = csat.computeIfAbsent(LocalDate.parse(r[2]), d -> new double[2]);
        a[0] += Double.parseDouble(r[10]);
        a[1]++;
      }
    }
    double atWeek = laggedCorrelation(daily(onTime), daily(csat), 7);
    double sameDay = laggedCorrelation(daily(onTime), daily(csat), 0);
    assertTrue(atWeek > 0.3 && atWeek > Math.abs(sameDay) + 0.15,
        "r at lag 7 " + atWeek + ", at lag 0 " + sameDay);
  }

  @Test
  void socialPushWeeksRaiseSignupsAndLowerConversion() throws IOException {
    Map<LocalDate, double[]> conversion = new TreeMap<>();
    for (String[] r : csv("orders.csv")) {
      if (r[17].equals("completed")) {
        conversion.computeIfAbsent(LocalDate.parse(r[2]), d -> new double[2])[0]++;
      }
    }
    for (Map.Entry<LocalDate, double[]> e : conversion.entrySet()) {
      Path sessions = result.out().resolve(e.getKey() + "/sessions.parquet");
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(sessions.toUri()), new Configuration()))) {
        e.getValue()[1] = reader.getRecordCount();
      }
    }
    Map<LocalDate, double[]> signups = new TreeMap<>();
    for (String[] r : csv("customers.csv")) {
      signups.computeIfAbsent(LocalDate.parse(r[2]), d -> new double[] {0, 1})[0]++;
    }
    double r = laggedCorrelation(daily(signups), daily(conversion), 0);
    // at a quarter of the demo's scale; p < 0.001 for n = 113
    assertTrue(r < -0.3, "r at lag 0 " + r);
  }

  /** Numerator over denominator per day, in date order. */
  private static double[] daily(Map<LocalDate, double[]> sums) {
    return sums.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
  }

  /**
   * Pearson's r of x at t - lag with y at t, on each series minus its mean of the 7 days before
   * (which removes the level and the weekday pattern); computed in plain Java here, as a second
   * method beside the correlate job.
   */
  private static double laggedCorrelation(double[] x, double[] y, int lag) {
    double[] rx = residuals(x);
    double[] ry = residuals(y);
    int n = Math.min(rx.length, ry.length) - lag;
    double[] a = Arrays.copyOfRange(rx, 0, n);
    double[] b = Arrays.copyOfRange(ry, lag, lag + n);
    return new PearsonsCorrelation().correlation(a, b);
  }

  private static double[] residuals(double[] v) {
    double[] out = new double[v.length - 7];
    for (int t = 7; t < v.length; t++) {
      double mean = 0;
      for (int k = 1; k <= 7; k++) {
        mean += v[t - k] / 7;
      }
      out[t - 7] = v[t] - mean;
    }
    return out;
  }
}
