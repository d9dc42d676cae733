package com.kpialign.demo;

import com.kpialign.errors.IoFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The demo company: a product-led e-commerce business simulated day by day, written as the
 * warehouse extracts its systems would deliver (one folder per extract date). Volumes follow
 * growth, weekly and yearly seasonality (with Black Friday) and noise; the injected
 * {@link Incident}s change the simulation itself, so their effects reach every extract the way
 * a real cause would. Everything derives from the seed: same settings, same bytes.
 */
public final class DemoCompany {
  /** What to generate: {@code days} days from {@code start}, volumes times {@code scale}. */
  public record Settings(LocalDate start, int days, double scale, long seed) {
    public Settings {
      if (days < 1) {
        throw new IllegalArgumentException("--days must be at least 1, got " + days);
      }
      if (!(scale > 0)) {
        throw new IllegalArgumentException("--scale must be positive, got " + scale);
      }
    }

    public LocalDate end() {
      return start.plusDays(days - 1L);
    }
  }

  /** What was written: rows per extract and the incidents' ground truth. */
  public record Result(Path out, Map<String, Long> rows, List<Incident> incidents,
      Path groundTruth) {}

  public static final String GROUND_TRUTH_FILE = "ground_truth.csv";

  static final String[] REGIONS = {"NA", "EU", "APAC", "LATAM"};
  static final double[] REGION_W = {0.42, 0.30, 0.18, 0.10};
  static final String[] CHANNELS =
      {"organic_search", "paid_search", "paid_social", "email", "direct", "referral"};
  static final double[] CHANNEL_SHARE = {0.30, 0.20, 0.12, 0.10, 0.20, 0.08};
  static final String[] DEVICES = {"desktop", "ios", "android"};
  static final double[] DEVICE_W = {0.45, 0.30, 0.25};
  static final double[] DEVICE_W_SOCIAL = {0.15, 0.45, 0.40};
  static final String[] CATEGORIES = {"electronics", "home", "fashion", "beauty", "sports", "toys"};
  static final double[] CATEGORY_W = {0.20, 0.20, 0.22, 0.14, 0.14, 0.10};
  static final double[] CATEGORY_PRICE = {160, 55, 42, 28, 65, 33};
  static final double[] CATEGORY_COST = {0.78, 0.55, 0.45, 0.40, 0.60, 0.50};
  static final String[] PLANS = {"free", "plus", "pro"};
  static final double[] PLAN_W = {0.70, 0.20, 0.10};
  static final String[] CARRIERS = {"ShipFast", "ParcelPro", "GlobalPost", "QuickShip"};
  static final double[][] CARRIER_W = {
      {0.40, 0.35, 0.10, 0.15}, {0.45, 0.20, 0.25, 0.10},
      {0.20, 0.20, 0.45, 0.15}, {0.10, 0.30, 0.50, 0.10}};
  static final double[] CARRIER_TRANSIT = {2.0, 3.0, 4.0, 2.5};
  static final int[] CARRIER_SLA = {3, 4, 6, 3};
  static final String[][] WAREHOUSES = {{"wh_nv", "wh_oh"}, {"wh_nl", "wh_de"}, {"wh_sg"}, {"wh_br"}};
  static final String[] FEATURES = {"search", "wishlist", "reviews", "recommendations",
      "one_click_checkout", "price_alerts"};
  static final double[][] FEATURE_W = {
      {0.45, 0.20, 0.15, 0.15, 0.03, 0.02}, {0.35, 0.20, 0.15, 0.15, 0.10, 0.05},
      {0.25, 0.15, 0.10, 0.15, 0.20, 0.15}};
  static final String[] DEPARTMENTS = {"marketing", "product", "engineering", "operations",
      "support", "finance", "people", "sales"};
  static final int[] DEPARTMENT_SIZE = {14, 10, 40, 30, 24, 8, 5, 12};
  static final double[] MONTHLY_SALARY = {7500, 9500, 11000, 5200, 4300, 8200, 7000, 7800};
  static final String[] TICKET_CATEGORIES =
      {"delivery", "product", "return_request", "billing", "account"};
  static final double[] TICKET_W = {0.10, 0.35, 0.30, 0.15, 0.10};
  static final String[] CONTACT_CHANNELS = {"email", "chat", "phone"};
  static final double[] CONTACT_W = {0.45, 0.40, 0.15};
  static final String PAID_SOCIAL = "paid_social";
  /** Cost per click and click-through rate per channel; 0 for unpaid channels. */
  static final double[] CPC = {0, 1.10, 0.80, 0.04, 0, 0.45};
  static final double[] CTR = {0, 0.045, 0.011, 0.22, 0, 0.03};

  private static final double BASE_SESSIONS = 6800;
  private static final double INITIAL_CUSTOMERS = 30000;
  private static final double YEARLY_GROWTH = 0.35;

  private static final MessageType SESSIONS = MessageTypeParser.parseMessageType(
      "message sessions { required int64 session_id; required int32 session_date (DATE);"
          + " required int64 started_at (TIMESTAMP(MILLIS,true)); required binary visitor_id"
          + " (STRING); optional int64 customer_id; required binary region (STRING);"
          + " required binary channel (STRING); required binary device (STRING);"
          + " required int32 pages_viewed; required int32 duration_seconds;"
          + " required boolean signed_up; required boolean converted; }");
  private static final MessageType FEATURE_EVENTS = MessageTypeParser.parseMessageType(
      "message feature_events { required binary event_id (STRING); required int32 event_date"
          + " (DATE); required int64 event_ts (TIMESTAMP(MILLIS,true)); required int64"
          + " customer_id; required binary feature (STRING); required binary plan (STRING);"
          + " required binary region (STRING); required binary device (STRING); }");

  private final Settings settings;
  private final Path out;
  private final List<Incident> incidents;
  private final PlantedRelations relations;
  private final Map<String, Long> rows = new LinkedHashMap<>();

  // customer attributes, indexed by customer id (ids are 1-based; index 0 unused)
  private int customers;
  private byte[] customerRegion;
  private byte[] customerPlan;
  private final int[][] headcount = new int[DEPARTMENTS.length][REGIONS.length];

  // things that happen on a later day than their cause
  private final TreeMap<LocalDate, List<Shipment>> deliveries = new TreeMap<>();
  private final TreeMap<LocalDate, List<Ticket>> tickets = new TreeMap<>();
  private final TreeMap<LocalDate, List<long[]>> activations = new TreeMap<>();

  private record Shipment(String orderId, long customerId, int region, String warehouse,
      int carrier, LocalDate orderDate, LocalDate shipped, LocalDate promised,
      LocalDate delivered) {}

  private record Ticket(long customerId, String orderId, int region, int category, boolean late) {}

  private DemoCompany(Settings settings, Path out) {
    this.settings = settings;
    this.out = out;
    this.incidents = incidents(settings);
    this.relations = new PlantedRelations(settings);
  }

  public static Result generate(Settings settings, Path out) {
    return new DemoCompany(settings, out).run();
  }

  /** The incidents injected for these settings, placed at fixed fractions of the period. */
  public static List<Incident> incidents(Settings s) {
    List<Incident> list = new ArrayList<>();
    list.add(new Incident("carrier_delay_eu",
        "ShipFast's EU hub is congested: its EU shipments take about four days longer, and"
            + " their customers answer the survey a week later, unhappier",
        at(s, 0.27), at(s, 0.27).plusDays(duration(s, 14) - 1L),
        Map.of("region", "EU", "carrier", "ShipFast"),
        List.of(new Incident.Effect("on_time_delivery_rate", "down"),
            new Incident.Effect("delivery_lead_time", "up"),
            new Incident.Effect("csat", "down"),
            new Incident.Effect("tickets_per_order", "up"))));
    list.add(new Incident("paid_social_campaign",
        "a paid social campaign doubles social traffic and sign-ups, but those visitors rarely buy",
        at(s, 0.41), at(s, 0.41).plusDays(duration(s, 21) - 1L),
        Map.of("channel", PAID_SOCIAL),
        List.of(new Incident.Effect("sessions", "up"), new Incident.Effect("signups", "up"),
            new Incident.Effect("marketing_spend", "up"),
            new Incident.Effect("conversion_rate", "down"),
            new Incident.Effect("customer_acquisition_cost", "up"))));
    list.add(new Incident("electronics_price_increase",
        "electronics prices rise 12% for good: larger baskets, fewer electronics orders",
        at(s, 0.55), s.end(), Map.of("product_category", "electronics"),
        List.of(new Incident.Effect("average_order_value", "up"),
            new Incident.Effect("orders", "down"))));
    list.add(new Incident("android_checkout_bug",
        "a release breaks checkout on Android: most Android sessions cannot order",
        at(s, 0.68), at(s, 0.68).plusDays(duration(s, 4) - 1L), Map.of("device", "android"),
        List.of(new Incident.Effect("conversion_rate", "down"),
            new Incident.Effect("orders", "down"), new Incident.Effect("revenue", "down"))));
    list.add(new Incident("support_understaffed_apac",
        "APAC support loses half its agents: first responses take three times longer",
        at(s, 0.82), at(s, 0.82).plusDays(duration(s, 14) - 1L), Map.of("region", "APAC"),
        List.of(new Incident.Effect("first_response_time", "up"),
            new Incident.Effect("csat", "down"))));
    return list;
  }

  private static LocalDate at(Settings s, double fraction) {
    return s.start().plusDays((long) Math.floor(s.days() * fraction));
  }

  private static int duration(Settings s, int days) {
    return Math.max(2, Math.min(days, s.days() / 20));
  }

  private Incident incident(String id) {
    return incidents.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private Result run() {
    SplittableRandom setup = new SplittableRandom(mix(settings.seed(), -1));
    int initial = (int) Math.round(INITIAL_CUSTOMERS * settings.scale());
    customerRegion = new byte[initial + 1024];
    customerPlan = new byte[initial + 1024];
    for (int i = 0; i < initial; i++) {
      addCustomer(pick(REGION_W, setup.nextDouble()), pick(PLAN_W, setup.nextDouble()));
    }
    for (int d = 0; d < DEPARTMENTS.length; d++) {
      for (int r = 0; r < REGIONS.length; r++) {
        double share = r == 0 ? 0.5 : REGION_W[r] * 0.9;
        headcount[d][r] = Math.max(1, (int) Math.round(DEPARTMENT_SIZE[d] * share * 2));
      }
    }
    for (int i = 0; i < settings.days(); i++) {
      LocalDate date = settings.start().plusDays(i);
      new Day(date, i).simulate();
    }
    DataDefects.plant(out, settings.start(), settings.days());
    PlantedRelations.write(out);
    Path truth = out.resolve(GROUND_TRUTH_FILE);
    try (ExtractFiles.Csv csv = new ExtractFiles.Csv(truth, List.of("incident_id", "start_date",
        "end_date", "metric", "direction", "dimensions", "description"))) {
      for (Incident incident : incidents) {
        for (Incident.Effect effect : incident.effects()) {
          csv.row(incident.id() + "," + incident.start() + "," + incident.end() + ","
              + effect.metric() + "," + effect.direction() + "," + incident.dimensionText()
              + ",\"" + incident.description() + "\"");
        }
      }
    }
    return new Result(out, rows, incidents, truth);
  }

  private int addCustomer(int region, int plan) {
    customers++;
    if (customers >= customerRegion.length) {
      customerRegion = java.util.Arrays.copyOf(customerRegion, customerRegion.length * 2);
      customerPlan = java.util.Arrays.copyOf(customerPlan, customerPlan.length * 2);
    }
    customerRegion[customers] = (byte) region;
    customerPlan[customers] = (byte) plan;
    return customers;
  }

  private void count(String extract, long n) {
    rows.merge(extract, n, Long::sum);
  }

  /** One simulated day: every extract of that date. */
  private final class Day {
    private final LocalDate date;
    private final int index;
    private final SplittableRandom rng;
    private final Path dir;
    private final String day;
    private final String compact;
    private final double[][] revenueCogs = new double[REGIONS.length][2];
    private final int[][] channelRegionSessions = new int[CHANNELS.length][REGIONS.length];
    private final double[] shippingCost = new double[REGIONS.length];
    private final double[] marketing = new double[REGIONS.length];
    private int customerSessions;

    Day(LocalDate date, int index) {
      this.date = date;
      this.index = index;
      this.rng = new SplittableRandom(mix(settings.seed(), date.toEpochDay()));
      this.dir = out.resolve(date.toString());
      this.day = date.toString();
      this.compact = day.replace("-", "");
    }

    void simulate() {
      sessionsAndOrders();
      marketingSpend();
      shipmentsAndTickets();
      featureEvents();
      people();
      ledger();
      if (date.getDayOfMonth() == 1) {
        targets();
      }
      if (date.getDayOfMonth() == 1 && (date.getMonthValue() - 1) % 3 == 0) {
        peerBenchmarks();
      }
    }

    private double volume() {
      double years = index / 365.0;
      double growth = Math.pow(1 + YEARLY_GROWTH, years);
      int doy = date.getDayOfYear();
      double yearly = 1 + 0.22 * Math.cos(2 * Math.PI * (doy - 350) / 365.25);
      double weekly = switch (date.getDayOfWeek()) {
        case MONDAY -> 0.95;
        case TUESDAY -> 0.96;
        case WEDNESDAY -> 0.98;
        case THURSDAY -> 1.0;
        case FRIDAY -> 1.03;
        case SATURDAY -> 1.10;
        case SUNDAY -> 1.08;
      };
      LocalDate blackFriday = LocalDate.of(date.getYear(), 11, 1)
          .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)).plusDays(1);
      double promo = date.equals(blackFriday) ? 1.9
          : date.equals(blackFriday.plusDays(3)) ? 1.5 : 1.0;
      double noise = Math.exp(0.05 * rng.nextGaussian());
      return BASE_SESSIONS * settings.scale() * growth * yearly * weekly * promo * noise;
    }

    private void sessionsAndOrders() {
      Incident campaign = incident("paid_social_campaign");
      Incident androidBug = incident("android_checkout_bug");
      Incident pricing = incident("electronics_price_increase");
      boolean campaignOn = campaign.activeOn(date);
      boolean bugOn = androidBug.activeOn(date);
      boolean pricingOn = pricing.activeOn(date);
      double volume = volume();
      boolean weekend = date.getDayOfWeek().getValue() >= 6;
      SimpleGroupFactory groups = new SimpleGroupFactory(SESSIONS);
      long sessionSeq = 0;
      long orderSeq = 0;
      long sessions = 0;
      long signups = 0;
      try (ParquetWriter<Group> sessionFile = ExtractFiles.parquet(dir.resolve("sessions.parquet"),
              SESSIONS);
          ExtractFiles.Csv orders = new ExtractFiles.Csv(dir.resolve("orders.csv"), List.of(
              "order_id", "order_ts", "order_date", "customer_id", "session_id", "region",
              "channel", "device", "product_category", "plan", "warehouse", "items",
              "gross_amount", "discount_amount", "net_amount", "cost_amount", "shipping_fee",
              "status"));
          ExtractFiles.Csv customersFile = new ExtractFiles.Csv(dir.resolve("customers.csv"),
              List.of("customer_id", "signup_ts", "signup_date", "region", "channel", "device",
                  "plan"))) {
        StringBuilder line = new StringBuilder(256);
        double socialLift = campaignOn ? 2.2 : relations.socialLift(date);
        for (int c = 0; c < CHANNELS.length; c++) {
          boolean social = CHANNELS[c].equals(PAID_SOCIAL);
          // a push (the campaign incident, or a routine push week) brings visitors who rarely buy
          boolean pushed = social && socialLift > 1;
          double lift = social ? socialLift : 1.0;
          long n = poisson(rng, volume * CHANNEL_SHARE[c] * lift);
          for (long k = 0; k < n; k++) {
            long sessionId = date.toEpochDay() * 1_000_000L + (++sessionSeq);
            int device = pick(social ? DEVICE_W_SOCIAL : DEVICE_W, rng.nextDouble());
            double customerShare = pushed ? 0.30 : 0.55;
            long customerId = 0;
            int region;
            boolean signedUp = false;
            if (rng.nextDouble() < customerShare) {
              customerId = 1 + rng.nextInt(customers);
              region = customerRegion[(int) customerId];
            } else {
              region = pick(REGION_W, rng.nextDouble());
              double signupRate = pushed ? 0.13 : 0.075;
              if (rng.nextDouble() < signupRate) {
                signedUp = true;
                customerId = addCustomer(region, pick(PLAN_W, rng.nextDouble()));
              }
            }
            int second = secondOfDay(rng);
            long startedAt = date.toEpochDay() * 86_400_000L + second * 1000L;
            boolean converted = false;
            if (customerId != 0) {
              double cr = signedUp ? (pushed ? 0.08 : 0.25) : 0.31;
              cr *= weekend ? 0.95 : 1.0;
              if (bugOn && device == 2) {
                cr *= 0.3;
              }
              converted = rng.nextDouble() < cr;
            }
            int category = -1;
            if (converted) {
              category = pick(CATEGORY_W, rng.nextDouble());
              if (pricingOn && category == 0 && rng.nextDouble() < 0.12) {
                converted = false;
              }
            }
            int pages = 1 + (int) Math.floor(-Math.log(1 - rng.nextDouble()) * (converted ? 7 : 3));
            int duration = 20 + (int) Math.floor(-Math.log(1 - rng.nextDouble()) * pages * 45);
            Group g = groups.newGroup()
                .append("session_id", sessionId)
                .append("session_date", (int) date.toEpochDay())
                .append("started_at", startedAt)
                .append("visitor_id", customerId != 0 ? "C" + customerId
                    : "V" + Long.toString(mix(settings.seed(), sessionId) & 0xFFFFFFFFFFL, 36));
            if (customerId != 0) {
              g.append("customer_id", customerId);
            }
            g.append("region", REGIONS[region]).append("channel", CHANNELS[c])
                .append("device", DEVICES[device]).append("pages_viewed", pages)
                .append("duration_seconds", duration).append("signed_up", signedUp)
                .append("converted", converted);
            sessionFile.write(g);
            sessions++;
            channelRegionSessions[c][region]++;
            if (customerId != 0) {
              customerSessions++;
            }
            if (signedUp) {
              signups++;
              line.setLength(0);
              line.append(customerId).append(',').append(timestamp(second)).append(',')
                  .append(day).append(',').append(REGIONS[region]).append(',')
                  .append(CHANNELS[c]).append(',').append(DEVICES[device]).append(',')
                  .append(PLANS[customerPlan[(int) customerId]]);
              customersFile.row(line);
              if (rng.nextDouble() < 0.55) {
                int after = rng.nextInt(7);
                activations.computeIfAbsent(date.plusDays(after), x -> new ArrayList<>())
                    .add(new long[] {customerId, device});
              }
            }
            if (converted) {
              orderSeq++;
              order(orders, line, orderSeq, sessionId, customerId, region, c, device, category,
                  Math.min(86_399, second + 120 + rng.nextInt(2400)), pricingOn);
            }
          }
        }
      } catch (IOException e) {
        throw new IoFailure("cannot write sessions of " + day, e);
      }
      count("sessions", sessions);
      count("orders", orderSeq);
      count("customers", signups);
    }

    private void order(ExtractFiles.Csv orders, StringBuilder line, long seq, long sessionId,
        long customerId, int region, int channel, int device, int category, int second,
        boolean pricingOn) {
      String orderId = "O" + compact + "-" + pad(seq, 6);
      int plan = customerPlan[(int) customerId];
      String[] regionWarehouses = WAREHOUSES[region];
      String warehouse = regionWarehouses[rng.nextInt(regionWarehouses.length)];
      int items = 1 + (int) Math.floor(-Math.log(1 - rng.nextDouble()) * 0.9);
      double price = CATEGORY_PRICE[category] * Math.exp(0.35 * rng.nextGaussian())
          * (pricingOn && category == 0 ? 1.12 : 1.0) * (plan == 2 ? 1.15 : 1.0);
      long gross = Math.round(items * price * 100);
      long discount = rng.nextDouble() < 0.12 ? Math.round(gross * (0.10 + 0.1 * rng.nextDouble()))
          : 0;
      long net = gross - discount;
      long cost = Math.round(net * CATEGORY_COST[category] * (0.95 + 0.1 * rng.nextDouble()));
      long shipping = net >= 5000 || plan == 2 ? 0 : 499;
      boolean cancelled = rng.nextDouble() < 0.035;
      line.setLength(0);
      line.append(orderId).append(',').append(timestamp(second)).append(',').append(day)
          .append(',').append(customerId).append(',').append(sessionId).append(',')
          .append(REGIONS[region]).append(',').append(CHANNELS[channel]).append(',')
          .append(DEVICES[device]).append(',').append(CATEGORIES[category]).append(',')
          .append(PLANS[plan]).append(',').append(warehouse).append(',').append(items).append(',');
      money(line, gross).append(',');
      money(line, discount).append(',');
      money(line, net).append(',');
      money(line, cost).append(',');
      money(line, shipping).append(',').append(cancelled ? "cancelled" : "completed");
      orders.row(line);
      if (cancelled) {
        return;
      }
      revenueCogs[region][0] += net / 100.0;
      revenueCogs[region][1] += cost / 100.0;
      int carrier = pick(CARRIER_W[region], rng.nextDouble());
      LocalDate shipped = date.plusDays(rng.nextDouble() < 0.7 ? 0 : 1);
      double transit = CARRIER_TRANSIT[carrier] + Math.abs(rng.nextGaussian()) * 1.2;
      Incident delay = incident("carrier_delay_eu");
      if (delay.activeOn(shipped) && carrier == 0 && region == 1) {
        transit += 4;
      }
      if (rng.nextDouble() < relations.congestion(shipped)) {
        transit += PlantedRelations.HOLD_UP_DAYS;
      }
      LocalDate delivered = shipped.plusDays(Math.max(1, Math.round(transit)));
      deliveries.computeIfAbsent(delivered, x -> new ArrayList<>()).add(new Shipment(orderId,
          customerId, region, warehouse, carrier, date, shipped,
          shipped.plusDays(CARRIER_SLA[carrier]), delivered));
    }

    private void shipmentsAndTickets() {
      List<Shipment> due = deliveries.remove(date);
      long n = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("shipments.csv"), List.of(
          "shipment_id", "order_id", "region", "warehouse", "carrier", "order_date",
          "shipped_date", "promised_date", "delivered_date"))) {
        StringBuilder line = new StringBuilder(160);
        for (Shipment s : due == null ? List.<Shipment>of() : due) {
          n++;
          line.setLength(0);
          line.append("SH").append(s.orderId().substring(1)).append(',').append(s.orderId())
              .append(',').append(REGIONS[s.region()]).append(',').append(s.warehouse())
              .append(',').append(CARRIERS[s.carrier()]).append(',').append(s.orderDate())
              .append(',').append(s.shipped()).append(',').append(s.promised()).append(',')
              .append(s.delivered());
          csv.row(line);
          shippingCost[s.region()] += 6.5 + s.carrier();
          boolean late = s.delivered().isAfter(s.promised());
          if (rng.nextDouble() < (late ? 0.22 : 0.045)) {
            int category = late && rng.nextDouble() < 0.7 ? 0 : pick(TICKET_W, rng.nextDouble());
            int after = late ? PlantedRelations.SURVEY_DELAY_MIN + rng.nextInt(3) : rng.nextInt(2);
            tickets.computeIfAbsent(date.plusDays(after), x -> new ArrayList<>())
                .add(new Ticket(s.customerId(), s.orderId(), s.region(), category, late));
          }
        }
      }
      count("shipments", n);
      supportTickets();
    }

    private void supportTickets() {
      List<Ticket> due = new ArrayList<>(tickets.getOrDefault(date, List.of()));
      tickets.remove(date);
      long walkIns = poisson(rng, customerSessions * 0.004);
      for (long k = 0; k < walkIns; k++) {
        long customerId = 1 + rng.nextInt(customers);
        due.add(new Ticket(customerId, null, customerRegion[(int) customerId],
            rng.nextDouble() < 0.5 ? 3 : 4, false));
      }
      Incident understaffed = incident("support_understaffed_apac");
      long seq = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("support_tickets.csv"),
          List.of("ticket_id", "created_ts", "created_date", "customer_id", "order_id", "region",
              "contact_channel", "category", "first_response_minutes", "resolution_hours",
              "csat_score"))) {
        StringBuilder line = new StringBuilder(160);
        for (Ticket t : due) {
          seq++;
          int contact = pick(CONTACT_W, rng.nextDouble());
          double median = contact == 1 ? 12 : contact == 2 ? 4 : 95;
          if (understaffed.activeOn(date) && t.region() == 2) {
            median *= 3.2;
          }
          int firstResponse = Math.max(1, (int) Math.round(median * Math.exp(0.6
              * rng.nextGaussian())));
          double resolution = Math.max(0.2, firstResponse / 60.0 + 3 * Math.exp(0.8
              * rng.nextGaussian()));
          double satisfaction = 4.45 - (t.late() ? 1.3 : 0) - Math.min(1.5, firstResponse / 240.0)
              + 0.75 * rng.nextGaussian();
          String csat = rng.nextDouble() < 0.45
              ? Integer.toString((int) Math.max(1, Math.min(5, Math.round(satisfaction)))) : "";
          line.setLength(0);
          line.append('T').append(compact).append('-').append(pad(seq, 5)).append(',')
              .append(timestamp(secondOfDay(rng))).append(',').append(day).append(',')
              .append(t.customerId()).append(',').append(t.orderId() == null ? "" : t.orderId())
              .append(',').append(REGIONS[t.region()]).append(',')
              .append(CONTACT_CHANNELS[contact]).append(',')
              .append(TICKET_CATEGORIES[t.category()]).append(',').append(firstResponse)
              .append(',').append(Math.round(resolution * 10) / 10.0).append(',').append(csat);
          csv.row(line);
        }
      }
      count("support_tickets", seq);
    }

    private void featureEvents() {
      SimpleGroupFactory groups = new SimpleGroupFactory(FEATURE_EVENTS);
      long seq = 0;
      try (ParquetWriter<Group> file = ExtractFiles.parquet(
          dir.resolve("feature_events.parquet"), FEATURE_EVENTS)) {
        List<long[]> firstUses = activations.remove(date);
        for (long[] activation : firstUses == null ? List.<long[]>of() : firstUses) {
          int customer = (int) activation[0];
          file.write(featureEvent(groups, ++seq, customer, rng.nextDouble() < 0.5 ? 4 : 1,
              (int) activation[1]));
        }
        long n = poisson(rng, customerSessions * 0.6);
        for (long k = 0; k < n; k++) {
          int customer = 1 + rng.nextInt(customers);
          int feature = pick(FEATURE_W[customerPlan[customer]], rng.nextDouble());
          file.write(featureEvent(groups, ++seq, customer, feature,
              pick(DEVICE_W, rng.nextDouble())));
        }
      } catch (IOException e) {
        throw new IoFailure("cannot write feature events of " + day, e);
      }
      count("feature_events", seq);
    }

    private Group featureEvent(SimpleGroupFactory groups, long seq, int customer, int feature,
        int device) {
      return groups.newGroup()
          .append("event_id", "E" + compact + "-" + pad(seq, 7))
          .append("event_date", (int) date.toEpochDay())
          .append("event_ts", date.toEpochDay() * 86_400_000L + secondOfDay(rng) * 1000L)
          .append("customer_id", (long) customer)
          .append("feature", FEATURES[feature])
          .append("plan", PLANS[customerPlan[customer]])
          .append("region", REGIONS[customerRegion[customer]])
          .append("device", DEVICES[device]);
    }

    private void marketingSpend() {
      Incident campaign = incident("paid_social_campaign");
      long n = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("marketing_spend.csv"),
          List.of("spend_date", "channel", "region", "campaign", "spend", "impressions",
              "clicks"))) {
        StringBuilder line = new StringBuilder(96);
        for (int c = 0; c < CHANNELS.length; c++) {
          if (CPC[c] == 0) {
            continue;
          }
          boolean push = CHANNELS[c].equals(PAID_SOCIAL)
              && (campaign.activeOn(date) || relations.socialLift(date) > 1);
          for (int r = 0; r < REGIONS.length; r++) {
            long clicks = Math.round(channelRegionSessions[c][r] * (1.05 + 0.1 * rng.nextDouble()));
            long impressions = Math.round(clicks / CTR[c] * (0.9 + 0.2 * rng.nextDouble()));
            long spend = Math.round(clicks * CPC[c] * (push ? 1.35 : 1.0)
                * (0.95 + 0.1 * rng.nextDouble()) * 100);
            line.setLength(0);
            line.append(day).append(',').append(CHANNELS[c]).append(',').append(REGIONS[r])
                .append(',').append(push ? "social_push" : "always_on").append(',');
            money(line, spend).append(',').append(impressions).append(',').append(clicks);
            csv.row(line);
            n++;
            marketing[r] += spend / 100.0;
          }
        }
      }
      count("marketing_spend", n);
    }

    private void people() {
      long n = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("headcount.csv"), List.of(
          "snapshot_date", "department", "region", "headcount", "hires", "leavers",
          "training_hours"))) {
        StringBuilder line = new StringBuilder(96);
        for (int d = 0; d < DEPARTMENTS.length; d++) {
          for (int r = 0; r < REGIONS.length; r++) {
            int size = headcount[d][r];
            int leavers = (int) poisson(rng, size * 0.13 / 365);
            int hires = (int) poisson(rng, size * (0.13 + YEARLY_GROWTH * 0.6) / 365);
            headcount[d][r] = Math.max(1, size - leavers + hires);
            double training = date.getDayOfWeek().getValue() >= 6 ? 0
                : Math.max(0, headcount[d][r] * 0.16 * (1 + 0.5 * rng.nextGaussian()));
            line.setLength(0);
            line.append(day).append(',').append(DEPARTMENTS[d]).append(',').append(REGIONS[r])
                .append(',').append(headcount[d][r]).append(',').append(hires).append(',')
                .append(leavers).append(',').append(Math.round(training * 10) / 10.0);
            csv.row(line);
            n++;
          }
        }
      }
      count("headcount", n);
    }

    private void ledger() {
      long seq = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("finance_ledger.csv"),
          List.of("entry_id", "posting_date", "account", "cost_center", "region", "amount",
              "currency"))) {
        for (int r = 0; r < REGIONS.length; r++) {
          seq = entry(csv, seq, "revenue", "sales", r, revenueCogs[r][0]);
          seq = entry(csv, seq, "cogs", "operations", r, revenueCogs[r][1]);
          seq = entry(csv, seq, "payment_fees", "finance", r, revenueCogs[r][0] * 0.029);
          seq = entry(csv, seq, "shipping", "operations", r, shippingCost[r]);
          seq = entry(csv, seq, "marketing", "marketing", r, marketing[r]);
        }
        if (date.equals(date.with(TemporalAdjusters.lastDayOfMonth()))) {
          for (int d = 0; d < DEPARTMENTS.length; d++) {
            for (int r = 0; r < REGIONS.length; r++) {
              double cost = headcount[d][r] * MONTHLY_SALARY[d] * (r == 0 ? 1.0 : 0.85);
              seq = entry(csv, seq, "salaries", DEPARTMENTS[d], r, cost);
            }
          }
          for (int r = 0; r < REGIONS.length; r++) {
            seq = entry(csv, seq, "rent", "people", r, 18000 * REGION_W[r] * 2);
          }
          seq = entry(csv, seq, "software", "engineering", 0, 42000 * settings.scale());
        }
      }
      count("finance_ledger", seq);
    }

    private long entry(ExtractFiles.Csv csv, long seq, String account, String costCenter,
        int region, double amount) {
      StringBuilder line = new StringBuilder(80);
      line.append('L').append(compact).append('-').append(pad(seq + 1, 4)).append(',')
          .append(day).append(',').append(account).append(',').append(costCenter).append(',')
          .append(REGIONS[region]).append(',');
      money(line, Math.round(amount * 100)).append(",USD");
      csv.row(line);
      return seq + 1;
    }

    private void targets() {
      LocalDate monthEnd = date.with(TemporalAdjusters.lastDayOfMonth());
      double expectedOrders = 0;
      for (LocalDate d = date; !d.isAfter(monthEnd); d = d.plusDays(1)) {
        double years = (d.toEpochDay() - settings.start().toEpochDay()) / 365.0;
        expectedOrders += BASE_SESSIONS * settings.scale() * Math.pow(1 + YEARLY_GROWTH, years)
            * (1 + 0.22 * Math.cos(2 * Math.PI * (d.getDayOfYear() - 350) / 365.25)) * 0.165;
      }
      long n = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("targets.csv"), List.of(
          "metric_id", "period_grain", "period_start", "slice", "target_value"))) {
        n += target(csv, "revenue", "month", "all", expectedOrders * 88 * 1.04);
        n += target(csv, "orders", "month", "all", expectedOrders * 1.03);
        for (int r = 0; r < REGIONS.length; r++) {
          n += target(csv, "revenue", "month", "region=" + REGIONS[r],
              expectedOrders * 88 * 1.04 * REGION_W[r]);
        }
        n += target(csv, "average_order_value", "month", "all", 88);
        n += target(csv, "conversion_rate", "month", "all", 0.17);
        n += target(csv, "on_time_delivery_rate", "month", "all", 0.93);
        n += target(csv, "csat", "month", "all", 4.1);
        n += target(csv, "first_response_time", "month", "all", 60);
        n += target(csv, "customer_acquisition_cost", "month", "all", 9.5);
        n += target(csv, "return_on_ad_spend", "month", "all", 14);
        n += target(csv, "gross_margin", "month", "all", 0.38);
        n += target(csv, "activation_rate", "month", "all", 0.5);
        n += target(csv, "attrition_rate", "month", "all", 0.011);
        if ((date.getMonthValue() - 1) % 3 == 0) {
          n += target(csv, "revenue", "quarter", "all", expectedOrders * 3 * 88 * 1.05);
          n += target(csv, "orders", "quarter", "all", expectedOrders * 3 * 1.04);
        }
      }
      count("targets", n);
    }

    private int target(ExtractFiles.Csv csv, String metric, String grain, String slice,
        double value) {
      csv.row(metric + "," + grain + "," + day + "," + slice + ","
          + Math.round(value * 10000) / 10000.0);
      return 1;
    }

    private void peerBenchmarks() {
      long n = 0;
      try (ExtractFiles.Csv csv = new ExtractFiles.Csv(dir.resolve("peer_benchmarks.csv"),
          List.of("metric_id", "industry", "period_start", "p25", "p50", "p75",
              "sample_size"))) {
        double drift = 1 + 0.01 * (index / 91);
        n += peer(csv, "conversion_rate", 0.12, 0.16, 0.21, drift);
        n += peer(csv, "average_order_value", 64, 82, 104, drift);
        n += peer(csv, "on_time_delivery_rate", 0.88, 0.92, 0.95, 1);
        n += peer(csv, "csat", 3.8, 4.1, 4.4, 1);
        n += peer(csv, "first_response_time", 35, 70, 180, 1 / drift);
        n += peer(csv, "customer_acquisition_cost", 7, 11, 16, drift);
        n += peer(csv, "return_on_ad_spend", 8, 12, 18, 1);
        n += peer(csv, "gross_margin", 0.30, 0.38, 0.46, 1);
        n += peer(csv, "attrition_rate", 0.007, 0.011, 0.016, 1);
      }
      count("peer_benchmarks", n);
    }

    private int peer(ExtractFiles.Csv csv, String metric, double p25, double p50, double p75,
        double drift) {
      csv.row(metric + ",ecommerce_b2c," + day + "," + round4(p25 * drift) + ","
          + round4(p50 * drift) + "," + round4(p75 * drift) + "," + (120 + index % 17));
      return 1;
    }

    private String timestamp(int second) {
      return day + " " + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":"
          + pad(second % 60, 2);
    }
  }

  private static double round4(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  /** A time of day with a daytime peak: most shopping happens between 9:00 and 23:00. */
  static int secondOfDay(SplittableRandom rng) {
    double hour = rng.nextDouble() < 0.85 ? 9 + 14 * rng.nextDouble() : 24 * rng.nextDouble();
    return Math.min(86_399, (int) (hour * 3600));
  }

  static StringBuilder money(StringBuilder sb, long cents) {
    if (cents < 0) {
      sb.append('-');
      cents = -cents;
    }
    sb.append(cents / 100).append('.');
    long rest = cents % 100;
    if (rest < 10) {
      sb.append('0');
    }
    return sb.append(rest);
  }

  static String pad(long value, int width) {
    String s = Long.toString(value);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  static int pick(double[] weights, double u) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = u * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static long poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    long n = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      n++;
    }
    return n;
  }

  /** SplitMix64 finaliser: independent streams per (seed, key) without shared state. */
  static long mix(long seed, long key) {
    long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
