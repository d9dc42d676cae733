package com.kpialign.demo;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Relations between verticals that hold every day of the demo, not only during an incident: the
 * ground truth {@code kpi correlate} is checked against. Their day-level drivers come from a
 * random stream of their own, so they do not shift the other draws of a day.
 *
 * <ul>
 *   <li>Carrier congestion varies from day to day (an AR(1) process): on a congested day more
 *       shipments are held up three days, so fewer are on time. Customers whose delivery was late
 *       answer the support survey about a week later, with lower scores: on-time delivery
 *       (operations) leads CSAT (support) by about 7 days, with a positive sign.</li>
 *   <li>Marketing pushes paid social in about one week in three: social traffic and sign-ups
 *       rise, but those visitors rarely buy, so the conversion rate (product) falls the same days:
 *       sign-ups (marketing) against conversion (product), lag 0, a negative sign.</li>
 * </ul>
 */
public final class PlantedRelations {
  public static final String FILE = "planted_relations.csv";

  /** {@code leader} moves {@code follower} {@code lagDays} later, with {@code sign}. */
  public record Relation(String id, String leader, String follower, String sign, int lagDays,
      String description) {}

  public static final List<Relation> RELATIONS = List.of(
      new Relation("late_deliveries_hurt_csat", "on_time_delivery_rate", "csat", "+", 7,
          "customers whose delivery was late answer the survey about a week later, unhappier"),
      new Relation("social_push_buys_signups", "signups", "conversion_rate", "-", 0,
          "paid social pushes bring sign-ups that rarely buy: conversion falls the same days"));

  /** Share of shipments held up three days on an average day, and its day-to-day spread. */
  static final double CONGESTION_MEAN = 0.07;
  static final double CONGESTION_SPREAD = 0.08;
  static final double CONGESTION_PERSISTENCE = 0.5;
  static final int HOLD_UP_DAYS = 3;
  static final double PUSH_WEEK_SHARE = 1.0 / 3;
  /** Survey answers about late deliveries arrive this many days after delivery, plus 0 to 2. */
  static final int SURVEY_DELAY_MIN = 6;

  private final LocalDate start;
  private final double[] congestion;
  private final double[] socialLift;

  PlantedRelations(DemoCompany.Settings settings) {
    this.start = settings.start();
    SplittableRandom rng = new SplittableRandom(DemoCompany.mix(settings.seed(), -2));
    congestion = new double[settings.days()];
    double z = rng.nextGaussian();
    double innovation = Math.sqrt(1 - CONGESTION_PERSISTENCE * CONGESTION_PERSISTENCE);
    for (int i = 0; i < congestion.length; i++) {
      z = CONGESTION_PERSISTENCE * z + innovation * rng.nextGaussian();
      congestion[i] = Math.max(0, Math.min(0.5, CONGESTION_MEAN + CONGESTION_SPREAD * z));
    }
    socialLift = new double[settings.days()];
    double lift = 1;
    for (int i = 0; i < socialLift.length; i++) {
      if (i == 0 || start.plusDays(i).getDayOfWeek() == DayOfWeek.MONDAY) {
        lift = rng.nextDouble() < PUSH_WEEK_SHARE ? 2.0 + 0.6 * rng.nextDouble() : 1.0;
      }
      socialLift[i] = lift;
    }
  }

  /** Share of the shipments sent on this day that are held up three extra days. */
  double congestion(LocalDate date) {
    return at(congestion, date, CONGESTION_MEAN);
  }

  /** Paid social traffic relative to normal this week: 1 outside push weeks. */
  double socialLift(LocalDate date) {
    return at(socialLift, date, 1.0);
  }

  /** Shipped or surveyed after the last simulated day: an average day. */
  private double at(double[] values, LocalDate date, double otherwise) {
    long i = ChronoUnit.DAYS.between(start, date);
    return i < 0 || i >= values.length ? otherwise : values[(int) i];
  }

  static void write(Path out) {
    try (ExtractFiles.Csv csv = new ExtractFiles.Csv(out.resolve(FILE), List.of("relation_id",
        "leader", "follower", "sign", "lag_days", "description"))) {
      for (Relation r : RELATIONS) {
        csv.row(r.id() + "," + r.leader() + "," + r.follower() + "," + r.sign() + ","
            + r.lagDays() + ",\"" + r.description() + "\"");
      }
    }
  }
}
