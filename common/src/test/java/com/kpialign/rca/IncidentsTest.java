package com.kpialign.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.testing.TestSpark;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private static final Date DAY = Date.valueOf("2024-07-20");

  /** A red movement as {@link Incidents#group} reads it. */
  private static Row movement(String metric, double deviationPct, String owner, String cause,
      String driver) {
    return RowFactory.create(metric + "|day|2024-07-20|all", metric, "day", DAY, DAY, 1.0 + deviationPct,
        1.0, deviationPct, metric.replace('_', ' '), owner, cause, cause == null ? null : 0.9,
        driver);
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
    List<Row> incidents = Incidents.group(rows);
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
        movement("conversion_rate", -0.18, "Head of Product", "device=android", null))));
    assertEquals(1, incidents.size());
    assertEquals("conversion_rate", incidents.get(0).getString(4));
    assertEquals("Head of Product", incidents.get(0).getString(9));
    assertEquals("tickets_per_order, orders", incidents.get(0).getString(16));
  }

  @Test
  void aCauseSeenAgainWithinTheWindowIsRecurringWithItsCount() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> incidents = spark.createDataFrame(Incidents.group(new ArrayList<>(List.of(
        movement("csat", -0.25, "Head of Customer Care", "region=APAC", null)))),
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
