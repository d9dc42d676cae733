package com.kpialign.demo;

import com.kpialign.config.SourceDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A second example company whose extracts look like a normalized marketplace warehouse (the
 * layout of public Brazilian e-commerce data): orders, order items, customers and products as
 * dimension snapshots, a category translation table with a UTF-8 byte-order mark, reviews with
 * multi-line quoted comments, and orders and items delivered as one history dump up to a day,
 * then as daily extracts. Nothing is pre-joined: {@code
 * conf/examples/marketplace} configures it with references, collections and attributes.
 * Timestamps are naive local times of Sao Paulo. Same settings, same bytes.
 */
public final class MarketplaceCompany {
  /** The folder, under the landing zone, of the dumps and the lookup file. */
  public static final String HISTORY = "history";

  static final String[] STATES = {"SP", "RJ", "MG", "RS", "PR", "BA"};
  static final double[] STATE_W = {0.42, 0.13, 0.12, 0.06, 0.05, 0.22};
  /** Portuguese category names; the last has no translation, and some products none at all. */
  static final String[] CATEGORIES = {"beleza_saude", "cama_mesa_banho", "esporte_lazer",
      "informatica_acessorios", "moveis_decoracao", "pcs"};
  static final String[] ENGLISH = {"health_beauty", "bed_bath_table", "sports_leisure",
      "computers_accessories", "furniture_decor"};
  static final double[] CATEGORY_PRICE = {70, 95, 110, 120, 130, 900};
  static final String[] COMMENTS = {"Produto chegou antes do prazo, recomendo",
      "Veio com defeito,\nja pedi a troca", "Gostei muito, \"excelente\" qualidade",
      "Entrega atrasou; nao recebi ainda", "Tudo certo"};
  static final int SHIPPING_DAYS = 3;
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
      Locale.ROOT);

  private final DemoCompany.Settings settings;
  private final Path out;
  private final SplittableRandom random;
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final int customers;
  private final int products;
  private final int[] customerState;
  private final int[] productCategory;
  private final TreeMap<LocalDate, List<String>> items = new TreeMap<>();
  private final TreeMap<LocalDate, List<String>> reviews = new TreeMap<>();
  private final LocalDate through;
  private final Path ordersDump;
  private final Path itemsDump;
  private int orderSeq;

  private MarketplaceCompany(DemoCompany.Settings settings, Path out,
      SourceDefinition.Dump ordersDump, SourceDefinition.Dump itemsDump) {
    this.settings = settings;
    this.through = ordersDump.through();
    this.ordersDump = out.resolve(ordersDump.path());
    this.itemsDump = out.resolve(itemsDump.path());
    this.out = out;
    this.random = new SplittableRandom(settings.seed());
    this.customers = Math.max(20, (int) Math.round(4000 * settings.scale()));
    this.products = Math.max(12, (int) Math.round(300 * settings.scale()));
    this.customerState = new int[customers + 1];
    this.productCategory = new int[products + 1];
  }

  /**
   * Writes the extracts into {@code out}: orders and items of the days up to the dumps' last day
   * into the configured dump files, the later ones daily.
   */
  public static DemoCompany.Result generate(DemoCompany.Settings settings, Path out,
      SourceDefinition.Dump ordersDump, SourceDefinition.Dump itemsDump) {
    if (!ordersDump.through().equals(itemsDump.through())) {
      throw new IllegalArgumentException("the orders and items dumps must end on the same day");
    }
    return new MarketplaceCompany(settings, out, ordersDump, itemsDump).run();
  }

  private DemoCompany.Result run() {
    for (int c = 1; c <= customers; c++) {
      customerState[c] = pick(STATE_W);
    }
    for (int p = 1; p <= products; p++) {
      productCategory[p] = random.nextInt(CATEGORIES.length + 1) - 1; // -1: no category
    }
    writeTranslation();
    writeProducts(settings.start());
    ExtractFiles.Csv dumpOrders = through.isBefore(settings.start()) ? null
        : orders(ordersDump);
    ExtractFiles.Csv dumpItems = dumpOrders == null ? null : itemsFile(itemsDump);
    for (LocalDate day = settings.start(); !day.isAfter(settings.end()); day = day.plusDays(1)) {
      if (day.equals(settings.start()) || day.getDayOfWeek() == DayOfWeek.MONDAY) {
        writeCustomers(day);
      }
      boolean inDump = !day.isAfter(through);
      ExtractFiles.Csv dayOrders = null;
      int count = ordersOn(day);
      if (!inDump && count > 0) {
        dayOrders = orders(out.resolve(day.toString()).resolve("orders.csv"));
      }
      for (int i = 0; i < count; i++) {
        order(day, inDump ? dumpOrders : dayOrders);
      }
      if (dayOrders != null) {
        dayOrders.close();
      }
      writeItems(day, inDump ? dumpItems : null);
      writeReviews(day);
    }
    if (dumpOrders != null) {
      dumpOrders.close();
      dumpItems.close();
    }
    return new DemoCompany.Result(out, rows, List.of(), null);
  }

  /** About 40 orders a day at scale 1, fewer at weekends; none on some quiet days. */
  private int ordersOn(LocalDate day) {
    double mean = 40 * settings.scale()
        * (day.getDayOfWeek().getValue() >= 6 ? 0.7 : 1.0);
    int count = 0;
    for (double p = random.nextDouble(); p > Math.exp(-mean) && count < 10 * mean + 10;
        p *= random.nextDouble()) {
      count++;
    }
    return count;
  }

  private void order(LocalDate day, ExtractFiles.Csv orders) {
    String orderId = String.format(Locale.ROOT, "o%07d", ++orderSeq);
    int customer = 1 + random.nextInt(customers);
    LocalDateTime placed = day.atStartOfDay().plusSeconds(random.nextInt(86_400));
    double roll = random.nextDouble();
    String status = roll < 0.06 ? "canceled" : roll < 0.09 ? "shipped" : "delivered";
    LocalDate estimated = day.plusDays(8 + random.nextInt(10));
    LocalDate delivered = status.equals("delivered")
        ? day.plusDays(3 + random.nextInt(16)) : null;
    orders.row(String.join(",", orderId, "c" + customer, status, TS.format(placed),
        estimated.toString(), delivered == null ? "" : delivered.toString()));
    count("orders");
    int itemCount = status.equals("canceled") && random.nextDouble() < 0.5 ? 0
        : 1 + (random.nextDouble() < 0.25 ? 1 + random.nextInt(3) : 0);
    for (int n = 1; n <= itemCount; n++) {
      int product = 1 + random.nextInt(products);
      int category = Math.max(0, productCategory[product]);
      double price = Math.round(CATEGORY_PRICE[category] * (0.4 + 1.2 * random.nextDouble())
          * 100) / 100.0;
      double freight = Math.round((8 + 30 * random.nextDouble()) * 100) / 100.0;
      LocalDate shippingLimit = day.plusDays(SHIPPING_DAYS);
      items.computeIfAbsent(shippingLimit, d -> new ArrayList<>()).add(String.join(",", orderId,
          Integer.toString(n), "p" + product, shippingLimit.toString(), money(price),
          money(freight)));
    }
    if (delivered != null && random.nextDouble() < 0.8) {
      int score = delivered.isAfter(estimated) ? 1 + random.nextInt(3) : 3 + random.nextInt(3);
      String comment = random.nextDouble() < 0.5 ? ""
          : "\"" + COMMENTS[random.nextInt(COMMENTS.length)].replace("\"", "\"\"") + "\"";
      LocalDate written = delivered.plusDays(1);
      reviews.computeIfAbsent(written, d -> new ArrayList<>()).add(String.join(",",
          "r" + orderId.substring(1), orderId, Integer.toString(score), comment,
          written.toString()));
    }
  }

  private ExtractFiles.Csv orders(Path file) {
    return new ExtractFiles.Csv(file, List.of("order_id", "customer_id", "order_status",
        "order_purchase_timestamp", "order_estimated_delivery_date",
        "order_delivered_customer_date"));
  }

  private ExtractFiles.Csv itemsFile(Path file) {
    return new ExtractFiles.Csv(file, List.of("order_id", "order_item_id", "product_id",
        "shipping_limit_date", "price", "freight_value"));
  }

  /**
   * Items come in the extract of their shipping limit day, three days after their order (into
   * the dump up to its last day): the last days' orders have items still to come.
   */
  private void writeItems(LocalDate day, ExtractFiles.Csv dump) {
    List<String> due = items.remove(day);
    if (due == null) {
      return;
    }
    if (dump != null) {
      due.forEach(dump::row);
    } else {
      try (ExtractFiles.Csv csv = itemsFile(out.resolve(day.toString())
          .resolve("order_items.csv"))) {
        due.forEach(csv::row);
      }
    }
    rows.merge("order_items", (long) due.size(), Long::sum);
  }

  /** Reviews are written the day after delivery; days without one have no file. */
  private void writeReviews(LocalDate day) {
    List<String> written = reviews.remove(day);
    if (written == null) {
      return;
    }
    try (ExtractFiles.Csv csv = new ExtractFiles.Csv(out.resolve(day.toString())
        .resolve("order_reviews.csv"), List.of("review_id", "order_id", "review_score",
        "review_comment_message", "review_creation_date"))) {
      written.forEach(csv::row);
      rows.merge("order_reviews", (long) written.size(), Long::sum);
    }
  }

  /** A full snapshot of the customers; a few move to another state between snapshots. */
  private void writeCustomers(LocalDate day) {
    if (!day.equals(settings.start())) {
      for (int moves = Math.max(1, customers / 200); moves > 0; moves--) {
        customerState[1 + random.nextInt(customers)] = pick(STATE_W);
      }
    }
    try (ExtractFiles.Csv csv = new ExtractFiles.Csv(out.resolve(day.toString())
        .resolve("customers.csv"), List.of("customer_id", "customer_state"))) {
      for (int c = 1; c <= customers; c++) {
        csv.row("c" + c + "," + STATES[customerState[c]]);
      }
    }
    rows.merge("customers", (long) customers, Long::sum);
  }

  private void writeProducts(LocalDate day) {
    try (ExtractFiles.Csv csv = new ExtractFiles.Csv(out.resolve(day.toString())
        .resolve("products.csv"), List.of("product_id", "product_category_name"))) {
      for (int p = 1; p <= products; p++) {
        csv.row("p" + p + "," + (productCategory[p] < 0 ? "" : CATEGORIES[productCategory[p]]));
      }
    }
    rows.put("products", (long) products);
  }

  /** The lookup table as a spreadsheet exports it: UTF-8 with a byte-order mark. */
  private void writeTranslation() {
    StringBuilder text = new StringBuilder("\uFEFFproduct_category_name,"
        + "product_category_name_english\n");
    for (int i = 0; i < ENGLISH.length; i++) {
      text.append(CATEGORIES[i]).append(',').append(ENGLISH[i]).append('\n');
    }
    try {
      Path file = out.resolve(HISTORY).resolve("category_translation.csv");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new com.kpialign.errors.IoFailure("cannot write the category translation", e);
    }
    rows.put("category_translation", (long) ENGLISH.length);
  }

  private int pick(double[] weights) {
    double r = random.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private void count(String extract) {
    rows.merge(extract, 1L, Long::sum);
  }

  private static String money(double amount) {
    return String.format(Locale.ROOT, "%.2f", amount);
  }
}
