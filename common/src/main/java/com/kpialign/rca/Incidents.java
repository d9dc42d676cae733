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

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * From movements to alerts a manager reads. Only red movements of whole metrics outside their
 * prediction interval are worth a human. Movements of the same period that share a cause are one
 * incident: the same leading dimension element (or one inside the other, as {@code region=EU}
 * and {@code carrier=X&region=EU}), or one metric being the other's leading formula driver. The
 * incident's lead (whose owner is named) is the member furthest upstream: one whose leading
 * driver is not a member (conversion, not the orders and revenue it drives), the largest
 * deviation among those. A
 * cause seen again within the recurrence window is marked recurring, with its count.
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

  /** A relative deviation from which an incident is critical rather than high. */
  static final double CRITICAL_DEVIATION = 0.2;

  private Incidents() {}

  /**
   * @param movements {@code kpi.movements} rows of the run
   * @param causes {@code kpi.root_causes} rows of the run
   * @param info {@code metric_id, metric_name, owner} of every catalog metric
   */
  public static Dataset<Row> of(Dataset<Row> movements, Dataset<Row> causes, Dataset<Row> info) {
    Dataset<Row> dimension = causes.filter(col("kind").equalTo("dimension")
            .and(col("rank").equalTo(1)))
        .select(col("movement_id").as("d_id"), col("element").as("cause"),
            col("share").as("cause_share"));
    Dataset<Row> driver = causes.filter(col("method").equalTo("formula")
            .and(col("rank").equalTo(1)))
        .select(col("movement_id").as("f_id"), col("element").as("driver"));
    Dataset<Row> worth = movements.filter(col("slice").equalTo("all")
            .and(col("status").equalTo("red")).and(col("interval_position").isin("above", "below")))
        .join(dimension, col("movement_id").equalTo(col("d_id")), "left")
        .join(driver, col("movement_id").equalTo(col("f_id")), "left")
        .join(info.select(col("metric_id").as("i_metric"), col("metric_name").as("name"),
            col("owner")),
            col("metric_id").equalTo(col("i_metric")), "left")
        .select("movement_id", "metric_id", "grain", "period_start", "period_end", "value",
            "expected", "deviation_pct", "name", "owner", "cause", "cause_share", "driver");
    return worth.groupByKey((MapFunction<Row, String>) r -> r.getString(2) + "|" + r.getDate(3),
            Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, it) -> {
          List<Row> rows = new ArrayList<>();
          it.forEachRemaining(rows::add);
          return group(rows).iterator();
        }, Encoders.row(INCIDENT));
  }

  /** The incidents of one period's movements (union-find over shared causes). */
  static List<Row> group(List<Row> rows) {
    rows.sort(Comparator.comparing((Row r) -> r.getString(1)));
    int n = rows.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (shareCause(rows.get(i), rows.get(j))) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    List<Row> out = new ArrayList<>();
    for (int root = 0; root < n; root++) {
      List<Row> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (find(parent, i) == root) {
          members.add(rows.get(i));
        }
      }
      if (members.isEmpty()) {
        continue;
      }
      members.sort(Comparator.comparingDouble((Row r) -> r.isNullAt(7) ? 0
          : -Math.abs(r.getDouble(7))).thenComparing(r -> r.getString(1)));
      Set<String> ids = new TreeSet<>();
      members.forEach(r -> ids.add(r.getString(1)));
      // the lead is where the incident starts: a member not driven by another member
      Row lead = members.stream().filter(r -> !ids.contains(leadingDriver(r))).findFirst()
          .orElse(members.get(0));
      members.remove(lead);
      members.add(0, lead);
      Row withCause = lead.isNullAt(10) ? members.stream().filter(r -> !r.isNullAt(10))
          .findFirst().orElse(lead) : lead;
      List<String> others = members.stream().skip(1).map(r -> r.getString(1)).toList();
      double deviation = lead.isNullAt(7) ? 0 : Math.abs(lead.getDouble(7));
      String severity = deviation >= CRITICAL_DEVIATION || members.size() >= 3
          ? "critical" : "high";
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

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  static boolean shareCause(Row a, Row b) {
    if (!a.isNullAt(10) && !b.isNullAt(10) && nested(a.getString(10), b.getString(10))) {
      return true;
    }
    return leadingDriver(a).equals(b.getString(1)) || leadingDriver(b).equals(a.getString(1));
  }

  private static String leadingDriver(Row r) {
    return r.isNullAt(12) ? "" : r.getString(12).split(" > ")[0];
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
