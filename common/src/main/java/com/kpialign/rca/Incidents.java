package com.kpialign.rca;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.kpialign.benchmark.BenchmarkSettings;
import java.sql.Date;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * From movements to alerts a manager reads. Movements of whole metrics outside their prediction
 * interval are worth a human when they are red, or, at the notice grains, material and explained
 * by one dimension element ({@link BenchmarkSettings.AlertRules}). Such movements of the same
 * period that share a cause are one incident: the same leading dimension element (or one inside
 * the other, as {@code region=EU} and {@code carrier=X&region=EU}), or one metric being the
 * other's leading formula driver; the period's other movements join the incident whose cause
 * they share. The incident's lead (whose owner is named) is where it starts: a red member (a
 * notice when none is red) no other member drives, the one that drives most members
 * (conversion, which drives orders and through them revenue, rather than orders placed, which
 * drives nothing), the largest deviation among equals. A cause seen again within the recurrence
 * window is marked recurring, with its count.
 */
public final class Incidents {
  static final StructType INCIDENT = new StructType()
      .add("alert_id", DataTypes.StringType).add("grain", DataTypes.StringType)
      .add("period_start", DataTypes.DateType).add("period_end", DataTypes.DateType)
      .add("metric_id", DataTypes.StringType).add("movement_id", DataTypes.StringType)
      .add("metrics", DataTypes.StringType).add("movements", DataTypes.IntegerType)
      .add("severity", DataTypes.StringType).add("owner", DataTypes.StringType)
      .add("cause", DataTypes.StringType).add("cause_share", DataTypes.DoubleType)
      .add("name", DataTypes.StringType).add("value", DataTypes.DoubleType)
      .add("expected", DataTypes.DoubleType).add("deviation_pct", DataTypes.DoubleType)
      .add("others", DataTypes.StringType);

  /** The columns of a movement as {@link #group} reads it. */
  static final List<String> MEMBER = List.of("movement_id", "metric_id", "grain",
      "period_start", "period_end", "value", "expected", "deviation_pct", "name", "owner",
      "cause", "cause_share", "driver", "status", "worth", "slice");

  /** Red metrics from which an incident is critical whatever their deviations. */
  static final int CRITICAL_METRICS = 3;

  private Incidents() {}

  /**
   * @param movements {@code kpi.movements} rows of the run
   * @param causes {@code kpi.root_causes} rows of the run
   * @param info {@code metric_id, metric_name, owner} of every catalog metric
   * @param parts the metrics each metric is made of (a ratio's numerator and denominator, a
   *     formula's children): their movements in an alert's cause slice join its incident, as
   *     fewer electronics orders join a higher average order value from electronics
   */
  public static Dataset<Row> of(Dataset<Row> movements, Dataset<Row> causes, Dataset<Row> info,
      Map<String, List<String>> parts, BenchmarkSettings.AlertRules rules) {
    Dataset<Row> dimension = causes.filter(col("kind").equalTo("dimension")
            .and(col("rank").equalTo(1)))
        .select(col("movement_id").as("d_id"), col("element").as("cause"),
            col("share").as("cause_share"));
    Dataset<Row> driver = causes.filter(col("method").equalTo("formula")
            .and(col("rank").equalTo(1)))
        .select(col("movement_id").as("f_id"), col("element").as("driver"));
    Column notice = col("grain").isin(rules.noticeGrains().toArray())
        .and(abs(col("deviation_pct")).geq(rules.minDeviation()))
        .and(col("cause_share").geq(rules.minCauseShare()));
    Column outsideInterval = col("interval_position").isin("above", "below");
    Dataset<Row> whole = movements.filter(col("slice").equalTo("all").and(outsideInterval))
        .join(dimension, col("movement_id").equalTo(col("d_id")), "left")
        .withColumn("worth", coalesce(col("status").equalTo("red"), lit(false))
            .or(coalesce(notice, lit(false))))
        .join(driver, col("movement_id").equalTo(col("f_id")), "left");
    SparkSession spark = movements.sparkSession();
    Dataset<Row> partOf = spark.createDataFrame(parts.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(p -> RowFactory.create(e.getKey(), p)))
            .toList(),
        new StructType().add("p_metric", DataTypes.StringType)
            .add("p_part", DataTypes.StringType));
    Dataset<Row> wanted = whole.filter(col("worth").and(col("cause").isNotNull()))
        .join(partOf, col("metric_id").equalTo(col("p_metric")))
        .select(col("p_part").as("w_metric"), col("cause").as("w_slice"),
            col("grain").as("w_grain"), col("period_start").as("w_start"));
    Dataset<Row> partSlices = movements.filter(col("slice").notEqual("all").and(outsideInterval))
        .join(wanted, col("metric_id").equalTo(col("w_metric"))
            .and(col("slice").equalTo(col("w_slice"))).and(col("grain").equalTo(col("w_grain")))
            .and(col("period_start").equalTo(col("w_start"))), "left_semi")
        .withColumn("cause", col("slice")).withColumn("cause_share", lit(1.0))
        .withColumn("worth", lit(false)).withColumn("driver", lit(null).cast("string"));
    List<String> own = MEMBER.stream().filter(c -> !List.of("name", "owner").contains(c))
        .toList();
    Dataset<Row> rows = select(whole, own).unionByName(select(partSlices, own))
        .join(info.select(col("metric_id").as("i_metric"), col("metric_name").as("name"),
            col("owner")), col("metric_id").equalTo(col("i_metric")), "left");
    rows = select(rows, MEMBER);
    return rows.groupByKey((MapFunction<Row, String>) r -> r.getString(2) + "|" + r.getDate(3),
            Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, it) -> {
          List<Row> list = new ArrayList<>();
          it.forEachRemaining(list::add);
          return group(list, rules).iterator();
        }, Encoders.row(INCIDENT));
  }

  private static Dataset<Row> select(Dataset<Row> rows, List<String> columns) {
    return rows.select(columns.stream().map(functions::col).toArray(Column[]::new));
  }

  /**
   * The incidents of one period's movements: union-find over shared causes among the movements
   * worth a human (red, or a notice); every other movement joins the incident it shares a cause
   * with, when one element explains at least {@code minCauseShare} of it or it is linked by a
   * formula driver, but never links two incidents into one.
   */
  static List<Row> group(List<Row> rows, BenchmarkSettings.AlertRules rules) {
    rows.sort(Comparator.comparing((Row r) -> r.getString(1)).thenComparing(r -> r.getString(0)));
    List<Row> worth = rows.stream().filter(r -> tier(r) > 0).toList();
    int n = worth.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (shareCause(worth.get(i), worth.get(j))) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, List<Row>> incidents = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      incidents.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(worth.get(i));
    }
    for (Row joiner : rows) {
      if (tier(joiner) > 0) {
        continue;
      }
      int best = -1;
      int bestLink = 0;
      for (int i = 0; i < n; i++) {
        int link = link(joiner, worth.get(i), rules.minCauseShare());
        if (link > bestLink) {
          best = i;
          bestLink = link;
        }
      }
      if (best >= 0) {
        incidents.get(find(parent, best)).add(joiner);
      }
    }
    List<Row> out = new ArrayList<>();
    for (List<Row> members : incidents.values()) {
      Row lead = lead(members);
      Set<String> ids = new TreeSet<>();
      members.stream().filter(Incidents::whole).forEach(r -> ids.add(r.getString(1)));
      // a member's own slice says no more than its cause does
      members.removeIf(r -> !whole(r) && ids.contains(r.getString(1)));
      members.sort(Comparator.comparing((Row r) -> r != lead).thenComparing(r -> !whole(r))
          .thenComparingDouble(r -> -absDeviation(r)).thenComparing(r -> r.getString(1))
          .thenComparing(r -> r.getString(0)));
      Row withCause = lead.isNullAt(10) ? members.stream()
          .filter(r -> whole(r) && !r.isNullAt(10)).findFirst().orElse(lead) : lead;
      List<String> others = members.stream().skip(1)
          .map(r -> whole(r) ? r.getString(1) : r.getString(1) + " in " + r.getString(15))
          .toList();
      String severity = severity(members, lead, rules.criticalDeviation());
      out.add(RowFactory.create(lead.getString(0), lead.getString(2), lead.getDate(3),
          lead.getDate(4), lead.getString(1), lead.getString(0), String.join(",", ids),
          members.size(), severity, lead.isNullAt(9) ? "(no owner)" : lead.getString(9),
          withCause.isNullAt(10) ? null : withCause.getString(10),
          withCause.isNullAt(11) ? null : withCause.getDouble(11),
          lead.isNullAt(8) ? lead.getString(1) : lead.getString(8), lead.getDouble(5),
          lead.isNullAt(6) ? null : lead.getDouble(6), lead.isNullAt(7) ? null : lead.getDouble(7),
          others.isEmpty() ? null : String.join(", ", others)));
    }
    return out;
  }

  /**
   * Where the incident starts: among the members of the highest tier (red, else notices) those
   * no other member drives, the one that drives most members (directly or through others), then
   * the largest deviation.
   */
  static Row lead(List<Row> members) {
    int n = members.size();
    boolean[][] drives = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        drives[i][j] = i != j && whole(members.get(i)) && whole(members.get(j))
            && driverPath(members.get(j)).contains(members.get(i).getString(1));
      }
    }
    int top = members.stream().mapToInt(Incidents::tier).max().orElse(0);
    Comparator<Row> larger = Comparator.comparingDouble((Row r) -> -absDeviation(r))
        .thenComparing(r -> r.getString(1));
    Row best = null;
    int bestReach = -1;
    for (int i = 0; i < n; i++) {
      Row r = members.get(i);
      boolean driven = false;
      for (int j = 0; j < n; j++) {
        driven |= drives[j][i];
      }
      if (driven || tier(r) < top) {
        continue;
      }
      int reach = reach(drives, i);
      if (best == null || reach > bestReach || reach == bestReach && larger.compare(r, best) < 0) {
        best = r;
        bestReach = reach;
      }
    }
    // every candidate driven by another member: the largest deviation among the candidates
    return best != null ? best : members.stream().filter(r -> tier(r) == top).min(larger)
        .orElseThrow();
  }

  /** A movement of a whole metric, not of a slice of one of its parts. */
  private static boolean whole(Row r) {
    return "all".equals(r.getString(15));
  }

  private static boolean red(Row r) {
    return whole(r) && "red".equals(r.getString(13));
  }

  /** 2 for a red movement, 1 for a notice, 0 for one that only joins an incident. */
  private static int tier(Row r) {
    return red(r) ? 2 : whole(r) && r.getBoolean(14) ? 1 : 0;
  }

  private static int reach(boolean[][] drives, int from) {
    boolean[] seen = new boolean[drives.length];
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
    int count = 0;
    while (!queue.isEmpty()) {
      int i = queue.poll();
      for (int j = 0; j < drives.length; j++) {
        if (drives[i][j] && !seen[j] && j != from) {
          seen[j] = true;
          count++;
          queue.add(j);
        }
      }
    }
    return count;
  }

  /**
   * Critical when a red member is at least {@code criticalDeviation} off or
   * {@value #CRITICAL_METRICS} members are red, high when any is red; without a red member,
   * medium on the bad side (the lead is amber) and info on the good side.
   */
  static String severity(List<Row> members, Row lead, double criticalDeviation) {
    List<Row> red = members.stream().filter(Incidents::red).toList();
    if (red.isEmpty()) {
      return "amber".equals(lead.getString(13)) ? "medium" : "info";
    }
    boolean large = red.stream().anyMatch(r -> absDeviation(r) >= criticalDeviation);
    return large || red.size() >= CRITICAL_METRICS ? "critical" : "high";
  }

  private static double absDeviation(Row r) {
    return r.isNullAt(7) ? 0 : Math.abs(r.getDouble(7));
  }

  /** The metrics of a movement's leading formula driver, {@code orders > conversion_rate}. */
  private static List<String> driverPath(Row r) {
    return r.isNullAt(12) ? List.of() : Arrays.asList(r.getString(12).split(" > "));
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * How a movement that is no alert of its own belongs to a member of an incident: 3 the same
   * element, 2 one inside the other (when its element explains {@code minShare} of it), 1 a
   * formula driver of the other, 0 not at all.
   */
  private static int link(Row joiner, Row member, double minShare) {
    boolean explained = !joiner.isNullAt(11) && joiner.getDouble(11) >= minShare;
    int byCause = explained ? causeLink(joiner, member) : 0;
    return byCause > 0 ? byCause : driverLinked(joiner, member) ? 1 : 0;
  }

  static boolean shareCause(Row a, Row b) {
    return causeLink(a, b) > 0 || driverLinked(a, b);
  }

  /** 3 the same leading element, 2 one inside the other, 0 neither (or no element). */
  private static int causeLink(Row a, Row b) {
    if (a.isNullAt(10) || b.isNullAt(10)) {
      return 0;
    }
    return a.getString(10).equals(b.getString(10)) ? 3
        : nested(a.getString(10), b.getString(10)) ? 2 : 0;
  }

  /** Whether one movement's metric is the other's leading formula driver. */
  private static boolean driverLinked(Row a, Row b) {
    return leadingDriver(a).equals(b.getString(1)) || leadingDriver(b).equals(a.getString(1));
  }

  private static String leadingDriver(Row r) {
    List<String> path = driverPath(r);
    return path.isEmpty() ? "" : path.get(0);
  }

  /** Whether one element's pairs contain the other's: {@code region=EU}, {@code c=X&region=EU}. */
  static boolean nested(String a, String b) {
    List<String> pa = Arrays.asList(a.split("&"));
    List<String> pb = Arrays.asList(b.split("&"));
    return pa.containsAll(pb) || pb.containsAll(pa);
  }

  /**
   * Adds {@code recurrence}, {@code recurring} and the one-sentence {@code summary}.
   *
   * @param prior alerts already written for periods before the run's ({@code grain,
   *     period_start, cause}), at least {@code windowDays} back
   */
  public static Dataset<Row> withRecurrence(Dataset<Row> incidents, Dataset<Row> prior,
      int windowDays) {
    Column day = datediff(col("period_start"), lit(Date.valueOf("1970-01-01")));
    Dataset<Row> seen = prior.select(col("grain"), col("period_start"), col("cause"),
            lit(false).as("_new"))
        .unionByName(incidents.select(col("grain"), col("period_start"), col("cause"),
            lit(true).as("_new")))
        .filter(col("cause").isNotNull())
        .withColumn("_day", day)
        .withColumn("recurrence", count(lit(1)).over(Window.partitionBy("grain", "cause")
            .orderBy("_day").rangeBetween(-(windowDays - 1L), 0)).cast("int"))
        .filter(col("_new"))
        .select(col("grain").as("r_grain"), col("period_start").as("r_start"),
            col("cause").as("r_cause"), col("recurrence"))
        .dropDuplicates("r_grain", "r_start", "r_cause");
    Dataset<Row> out = incidents.join(seen, col("grain").equalTo(col("r_grain"))
            .and(col("period_start").equalTo(col("r_start")))
            .and(col("cause").equalTo(col("r_cause"))), "left")
        .withColumn("recurrence", coalesce(col("recurrence"), lit(1)))
        .withColumn("recurring", col("recurrence").gt(1));
    return out.withColumn("summary", summary(windowDays));
  }

  /**
   * "On-time delivery rate -18.2% against expected on day 2024-07-18 (0.712 vs 0.87): 96% from
   * carrier=ShipFast&region=EU; also moved: csat; owner: Director of Fulfilment; recurring: 3
   * times in 28 days."
   */
  static Column summary(int windowDays) {
    Column head = format_string("%s %s%.1f%% against expected on %s %s (%.4g vs %.4g)",
        col("name"), when(col("deviation_pct").geq(0), "+").otherwise(""),
        col("deviation_pct").multiply(100), col("grain"), col("period_start").cast("string"),
        col("value"), col("expected"));
    Column cause = when(col("cause").isNull(), lit(": no single dimension value stands out"))
        .when(col("cause_share").isNull(), concat(lit(": from "), col("cause")))
        .otherwise(format_string(": %.0f%% from %s", abs(col("cause_share")).multiply(100),
            col("cause")));
    Column others = when(col("others").isNull(), lit(""))
        .otherwise(concat(lit("; also moved: "), col("others")));
    Column recurring = when(col("recurring"), format_string("; recurring: %d times in %d days",
        col("recurrence"), lit(windowDays))).otherwise(lit(""));
    return concat(head, cause, others, lit("; owner: "), col("owner"), recurring, lit("."));
  }
}
