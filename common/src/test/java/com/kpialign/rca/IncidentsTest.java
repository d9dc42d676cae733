package com.kpialign.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.benchmark.BenchmarkSettings;
import com.kpialign.testing.TestSpark;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private static final Date DAY = Date.valueOf("2024-07-20");

  private static final BenchmarkSettings.AlertRules RULES = BenchmarkSettings.DEFAULT.alerts();

  /** A red movement as {@link Incidents#group} reads it. */
  private static Row movement(String metric, double deviationPct, String owner, String cause,
      String driver) {
    return movement(metric, deviationPct, owner, cause, driver, "red", true);
  }

  /** A movement that is not red: a notice when {@code worth}, else one that only joins. */
  private static Row movement(String metric, double deviationPct, String owner, String cause,
      String driver, String status, boolean worth) {
    return RowFactory.create(metric + "|day|2024-07-20|all", metric, "day", DAY, DAY,
        1.0 + deviationPct, 1.0, deviationPct, metric.replace('_', ' '), owner, cause,
        cause == null ? null : 0.9, driver, status, worth, "all");
  }

  @Test
  void movementsSharingACauseAreOneIncident() {
    List<Row> rows = new ArrayList<>(List.of(
        movement("tickets_per_order", 0.15, "Head of Customer Care", "region=EU", null),
        movement("on_time_delivery_rate", -0.30, "Director of Fulfilment",
            "carrier=ShipFast&region=EU", "on_time_deliveries"),
        movement("on_time_deliveries", -0.28, "Director of Fulfilment",
            null, null),
        movement("conversion_rate", -0.12, "Head of Product", "channel=paid_social", null)));
    List<Row> incidents = Incidents.group(rows, RULES);
    assertEquals(2, incidents.size());
    // the rate's leading driver is on-time deliveries, a member: the deliveries lead
    Row delay = incidents.stream().filter(r -> r.getString(4).equals("on_time_deliveries"))
        .findFirst().orElseThrow();
    // nested elements (region=EU inside carrier=ShipFast&region=EU) and a leading formula driver
    assertEquals("on_time_deliveries,on_time_delivery_rate,tickets_per_order", delay.getString(6));
    assertEquals(3, delay.getInt(7));
    assertEquals("critical", delay.getString(8));
    assertEquals("Director of Fulfilment", delay.getString(9));
    // the lead has no cause of its own: the cause of the largest deviation that has one
    assertEquals("carrier=ShipFast&region=EU", delay.getString(10));
    assertEquals("on_time_delivery_rate, tickets_per_order", delay.getString(16));
    Row campaign = incidents.stream().filter(r -> r.getString(4).equals("conversion_rate"))
        .findFirst().orElseThrow();
    assertEquals(1, campaign.getInt(7));
    assertEquals("high", campaign.getString(8)); // 12% alone is below the critical 20%
    assertEquals("Head of Product", campaign.getString(9));
  }

  @Test
  void theLeadIsTheMemberFurthestUpstreamNotTheLargestDeviation() {
    // an Android checkout bug: conversion falls, orders follow it, tickets per order follow the
    // orders; tickets per order moves most, but its owner is not who fixes checkout
    List<Row> incidents = Incidents.group(new ArrayList<>(List.of(
        movement("tickets_per_order", 0.52, "Head of Customer Care", "device=android", "orders"),
        movement("orders", -0.29, "VP Sales", "device=android", "conversion_rate"),
        movement("conversion_rate", -0.18, "Head of Product", "device=android", null))),
        RULES);
    assertEquals(1, incidents.size());
    assertEquals("conversion_rate", incidents.get(0).getString(4));
    assertEquals("Head of Product", incidents.get(0).getString(9));
    assertEquals("tickets_per_order, orders", incidents.get(0).getString(16));
  }

  @Test
  void theLeadDrivesMostMembersAmongThoseNoMemberDrives() {
    // orders placed has no formula and drives no member; conversion drives orders (its leading
    // driver), and through orders revenue and tickets per order: 3 members downstream, so it
    // leads although orders placed moved more
    List<Row> incidents = Incidents.group(new ArrayList<>(List.of(
        movement("orders_placed", -0.25, "VP Sales", "device=android", null),
        movement("conversion_rate", -0.17, "Head of Product", "device=android", null),
        movement("orders", -0.246, "VP Sales", "device=android", "conversion_rate"),
        movement("revenue", -0.273, "CFO", "device=android", "orders"),
        movement("tickets_per_order", 0.341, "Head of Customer Care", null, "orders"))),
        RULES);
    assertEquals(1, incidents.size());
    Row bug = incidents.get(0);
    assertEquals("conversion_rate", bug.getString(4));
    assertEquals("Head of Product", bug.getString(9));
    // the others by deviation
    assertEquals("tickets_per_order, revenue, orders_placed, orders", bug.getString(16));
  }

  @Test
  void severityFromTheRedMembersThenTheSideOfTheLead() {
    // 12% alone is below the critical 20%, one red metric: high; the campaign's favourable
    // sign-ups (a notice) and sessions (no alert of their own) join it but do not lead it
    List<Row> campaign = Incidents.group(new ArrayList<>(List.of(
        movement("signups", 0.49, "Head of Growth Marketing", "channel=paid_social", null,
            "green", true),
        movement("sessions", 0.25, "Head of Growth Marketing", "channel=paid_social", null,
            "green", false),
        movement("conversion_rate", -0.12, "Head of Product", "channel=paid_social", null),
        movement("pages_per_session", -0.03, "Head of Product", "device=desktop", null,
            "amber", false))),
        RULES);
    assertEquals(1, campaign.size()); // pages per session alone is no incident
    assertEquals("conversion_rate", campaign.get(0).getString(4));
    assertEquals("high", campaign.get(0).getString(8));
    assertEquals(3, campaign.get(0).getInt(7));
    assertEquals("signups, sessions", campaign.get(0).getString(16));
    // three red metrics under 20% each: critical
    assertEquals("critical", Incidents.group(new ArrayList<>(List.of(
        movement("csat", -0.05, "Head of Customer Care", "region=APAC", null),
        movement("tickets", 0.1, "Head of Customer Care", "region=APAC", null),
        movement("first_response_time", 0.15, "Head of Customer Care", "region=APAC", null))),
        RULES).get(0).getString(8));
    // no red member: medium on the bad side (amber), info on the good side (green)
    assertEquals("medium", Incidents.group(new ArrayList<>(List.of(
        movement("csat", -0.05, "Head of Customer Care", "region=APAC", null, "amber", true))),
        RULES).get(0).getString(8));
    assertEquals("info", Incidents.group(new ArrayList<>(List.of(
        movement("average_order_value", 0.027, "VP Sales", "product_category=electronics", null,
            "green", true))), RULES).get(0).getString(8));
  }

  @Test
  void aMovementThatIsNoAlertJoinsOneIncidentButNeverLinksTwo() {
    Row weak = RowFactory.create("sessions|day|2024-07-20|all", "sessions", "day", DAY, DAY,
        1.1, 1.0, 0.1, "sessions", "Head of Growth Marketing", "region=EU", 0.5, null, "green",
        false, "all"); // region=EU explains only half of it
    List<Row> incidents = Incidents.group(new ArrayList<>(List.of(
        movement("csat", -0.1, "Head of Customer Care", "region=EU", null),
        movement("conversion_rate", -0.12, "Head of Product", "device=android", null),
        movement("orders", -0.11, "VP Sales", "device=android&region=EU", null, "amber", false),
        weak)), RULES);
    // orders' element lies inside both causes: it joins the first incident (by metric), and
    // csat and conversion stay apart; sessions joins none
    assertEquals(List.of("conversion_rate,orders", "csat"),
        incidents.stream().map(r -> r.getString(6)).sorted().toList());
  }

  @Test
  void redMovementsAlwaysAlertOthersOnlyWhenMaterialAndLocalizedAtANoticeGrain() {
    // and a part's movement in the alert's cause slice joins it
    SparkSession spark = TestSpark.session();
    StructType movementSchema = new StructType().add("movement_id", DataTypes.StringType)
        .add("metric_id", DataTypes.StringType).add("grain", DataTypes.StringType)
        .add("period_start", DataTypes.DateType).add("period_end", DataTypes.DateType)
        .add("slice", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("expected", DataTypes.DoubleType).add("deviation_pct", DataTypes.DoubleType)
        .add("interval_position", DataTypes.StringType).add("status", DataTypes.StringType);
    Date week = Date.valueOf("2025-02-10");
    Date sunday = Date.valueOf("2025-02-16");
    List<Row> movements = new ArrayList<>();
    List<Row> causes = new ArrayList<>();
    // metric, grain, deviation, interval position, status, leading element's share (or none)
    Object[][] cases = {
        {"aov_week", "week", 0.03, "above", "green", 0.9}, // info
        {"aov_day", "day", 0.03, "above", "green", 0.9}, // a day is no notice grain
        {"aov_small", "week", 0.015, "above", "green", 0.9}, // under 2%
        {"aov_spread", "week", 0.03, "above", "green", 0.5}, // no element explains 80%
        {"aov_inside", "week", 0.03, "inside", "green", 0.9}, // inside its interval
        {"csat_week", "week", -0.04, "below", "amber", 0.85}, // medium
        {"orders_day", "day", -0.01, "below", "red", null}, // red: always
    };
    for (Object[] c : cases) {
      String metric = (String) c[0];
      String id = metric + "|" + c[1];
      Date end = c[1].equals("day") ? week : sunday;
      movements.add(RowFactory.create(id, metric, c[1], week, end, "all",
          100 * (1 + (double) c[2]), 100.0, c[2], c[3], c[4]));
      movements.add(RowFactory.create(id + "|slice", metric, c[1], week, end, "region=EU",
          100 * (1 + (double) c[2]), 100.0, c[2], c[3], "red")); // slices never alert
      if (c[5] != null) {
        causes.add(RowFactory.create(id, "dimension", "localization", 1, "region=" + metric,
            c[5]));
      }
    }
    // orders_part is a part of aov_week: its slice region=aov_week joins; its other slice and
    // another metric's slice region=aov_week do not
    for (String[] slice : new String[][] {{"orders_part", "region=aov_week"},
        {"orders_part", "region=NA"}, {"sessions", "region=aov_week"}}) {
      movements.add(RowFactory.create(slice[0] + "|" + slice[1], slice[0], "week", week, sunday,
          slice[1], 90.0, 100.0, -0.1, "below", "amber"));
    }
    StructType causeSchema = new StructType().add("movement_id", DataTypes.StringType)
        .add("kind", DataTypes.StringType).add("method", DataTypes.StringType)
        .add("rank", DataTypes.IntegerType).add("element", DataTypes.StringType)
        .add("share", DataTypes.DoubleType);
    Dataset<Row> info = spark.createDataFrame(List.of(
            RowFactory.create("aov_week", "Average order value", "VP Sales")),
        new StructType().add("metric_id", DataTypes.StringType)
            .add("metric_name", DataTypes.StringType).add("owner", DataTypes.StringType));
    List<String> alerts = Incidents.of(spark.createDataFrame(movements, movementSchema),
            spark.createDataFrame(causes, causeSchema), info,
            Map.of("aov_week", List.of("orders_part", "revenue_part")),
            BenchmarkSettings.DEFAULT.alerts())
        .select("metric_id", "grain", "severity", "owner", "metrics", "movements", "others")
        .collectAsList().stream().map(Row::toString).sorted().toList();
    assertEquals(List.of(
        "[aov_week,week,info,VP Sales,aov_week,2,orders_part in region=aov_week]",
        "[csat_week,week,medium,(no owner),csat_week,1,null]",
        "[orders_day,day,high,(no owner),orders_day,1,null]"), alerts);
  }

  @Test
  void aCauseSeenAgainWithinTheWindowIsRecurringWithItsCount() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> incidents = spark.createDataFrame(Incidents.group(new ArrayList<>(List.of(
        movement("csat", -0.25, "Head of Customer Care", "region=APAC", null))), RULES),
        Incidents.INCIDENT);
    StructType priorSchema = new StructType().add("grain", DataTypes.StringType)
        .add("period_start", DataTypes.DateType).add("cause", DataTypes.StringType);
    Dataset<Row> prior = spark.createDataFrame(List.of(
        RowFactory.create("day", Date.valueOf("2024-07-17"), "region=APAC"),
        RowFactory.create("day", Date.valueOf("2024-07-01"), "region=APAC"),
        RowFactory.create("day", Date.valueOf("2024-06-20"), "region=APAC"), // 30 days before
        RowFactory.create("week", Date.valueOf("2024-07-15"), "region=APAC"),
        RowFactory.create("day", Date.valueOf("2024-07-19"), "region=EU")), priorSchema);
    Row out = Incidents.withRecurrence(incidents, prior, 28).collectAsList().get(0);
    assertEquals(3, (int) out.getAs("recurrence"));
    assertTrue((boolean) out.getAs("recurring"));
    assertEquals("csat -25.0% against expected on day 2024-07-20 (0.7500 vs 1.000): 90% from "
        + "region=APAC; owner: Head of Customer Care; recurring: 3 times in 28 days.",
        out.getAs("summary"));

    Row alone = Incidents.withRecurrence(incidents, prior.limit(0), 28).collectAsList().get(0);
    assertEquals(1, (int) alone.getAs("recurrence"));
    assertFalse((boolean) alone.getAs("recurring"));
  }
}
