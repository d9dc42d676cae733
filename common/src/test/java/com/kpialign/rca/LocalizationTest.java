package com.kpialign.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalizationTest {
  private static List<String> texts(List<Localization.Cause> causes) {
    return causes.stream().map(Localization.Cause::text).toList();
  }

  private static List<Localization.Cause> localize(LeafTable.Builder table) {
    return Localization.localize(table.build(), Localization.Settings.DEFAULT);
  }

  @Test
  void singleCauseIsTheOneDimensionValueWhoseLeavesAllMoved() {
    LeafTable.Builder t = LeafTable.additive(List.of("region", "channel"))
        .add(List.of("EU", "web"), 50, 100).add(List.of("EU", "app"), 50, 100)
        .add(List.of("US", "web"), 101, 100).add(List.of("US", "app"), 99, 100)
        .add(List.of("APAC", "web"), 100, 100).add(List.of("APAC", "app"), 98, 100);
    List<Localization.Cause> causes = localize(t);
    assertEquals(List.of("region=EU"), texts(causes));
    // EU: 100 actual against 200 expected; the total: 498 against 600
    assertEquals(-100, causes.get(0).contribution(), 1e-9);
    assertEquals(100.0 / 102, causes.get(0).share(), 1e-9);
    assertEquals(1.0, causes.get(0).score(), 1e-9);
  }

  @Test
  void twoDimensionalCauseIsNotBlamedOnEitherOfItsValuesAlone() {
    LeafTable.Builder t = LeafTable.additive(List.of("region", "carrier", "device"));
    double[] wobble = {1.01, 0.99, 1.0, 0.98, 1.02, 1.0};
    int k = 0;
    for (String region : List.of("EU", "US")) {
      for (String carrier : List.of("A", "B", "C")) {
        for (String device : List.of("ios", "android")) {
          boolean cause = region.equals("EU") && carrier.equals("A");
          t.add(List.of(region, carrier, device), cause ? 60 : 100 * wobble[k++ % 6], 100);
        }
      }
    }
    assertEquals(List.of("carrier=A&region=EU"), texts(localize(t)));
  }

  @Test
  void twoSimultaneousCausesInOppositeDirectionsAreBothFoundLargestFirst() {
    LeafTable.Builder t = LeafTable.additive(List.of("region", "channel", "device"));
    double[] wobble = {1.01, 0.99, 1.0, 0.98, 1.02, 1.0, 0.995};
    int k = 0;
    for (String region : List.of("EU", "US", "APAC")) {
      for (String channel : List.of("web", "app", "store")) {
        for (String device : List.of("ios", "android")) {
          double actual = region.equals("EU") ? 50
              : region.equals("US") && channel.equals("app") ? 160 : 100 * wobble[k++ % 7];
          t.add(List.of(region, channel, device), actual, 100);
        }
      }
    }
    List<Localization.Cause> causes = localize(t);
    assertEquals(List.of("region=EU", "channel=app&region=US"), texts(causes));
    assertEquals(-300, causes.get(0).contribution(), 1e-9);
    assertEquals(120, causes.get(1).contribution(), 1e-9);
  }

  @Test
  void ratioMetricIsExplainedByTheRateThatFellNotByTheVolumeThatGrew() {
    // conversion = orders / sessions; US sessions doubled at the same rate, android halved
    LeafTable.Builder t = LeafTable.ratio(List.of("region", "device"));
    for (String region : List.of("EU", "US")) {
      for (String device : List.of("ios", "android", "web")) {
        double sessions = region.equals("US") ? 2000 : 1000;
        double rate = device.equals("android") ? 0.05 : 0.10;
        t.add(List.of(region, device), rate * sessions, sessions, 100, 1000);
      }
    }
    List<Localization.Cause> causes = localize(t);
    assertEquals(List.of("device=android"), texts(causes));
    // actual 750 / 9000; with android at expected: (750 - 150 + 200) / (9000 - 3000 + 2000) = 0.1
    assertEquals(750.0 / 9000 - 0.1, causes.get(0).contribution(), 1e-12);
    assertEquals(1.0, causes.get(0).share(), 1e-9);
  }

  @Test
  void causeIsFoundThroughFivePercentNoiseOnEveryLeaf() {
    Random random = new Random(7);
    List<String> dims = List.of("a", "b", "c", "d", "e");
    LeafTable.Builder t = LeafTable.additive(dims);
    for (int leaf = 0; leaf < 6 * 6 * 6 * 6 * 6; leaf++) {
      List<String> values = new ArrayList<>();
      int rest = leaf;
      for (String d : dims) {
        values.add(d + (rest % 6));
        rest /= 6;
      }
      double expected = Math.exp(3 + random.nextGaussian());
      double effect = values.get(1).equals("b2") && values.get(3).equals("d4") ? 0.7 : 1;
      t.add(values, expected * effect * (1 + 0.05 * random.nextGaussian()), expected);
    }
    assertEquals(List.of("b=b2&d=d4"), texts(localize(t)));
  }

  @Test
  void aMoveOfEveryLeafHasNoLocalCause() {
    LeafTable.Builder t = LeafTable.additive(List.of("region"))
        .add(List.of("EU"), 150, 100).add(List.of("US"), 148, 100).add(List.of("APAC"), 152, 100);
    assertTrue(localize(t).isEmpty());
  }

  @Test
  void maxCausesKeepsTheFirstFound() {
    LeafTable.Builder t = LeafTable.additive(List.of("region"))
        .add(List.of("EU"), 50, 100).add(List.of("US"), 200, 100)
        .add(List.of("APAC"), 100, 100).add(List.of("LATAM"), 101, 100)
        .add(List.of("MEA"), 99, 100).add(List.of("NA"), 100, 100);
    assertEquals(List.of("region=US", "region=EU"), texts(localize(t)));
    assertEquals(1, Localization.localize(t.build(),
        Localization.Settings.DEFAULT.withMaxCauses(1)).size());
  }

  @Test
  void noiseLevelOfGaussianDeviationsIsTheirStandardDeviation() {
    Random random = new Random(3);
    double[] deviation = new double[20_000];
    double[] weight = new double[deviation.length];
    for (int i = 0; i < deviation.length; i++) {
      // a third of the leaves are far off: the level must still be the noise's 0.05
      deviation[i] = i % 3 == 0 ? 0.8 : 0.05 * random.nextGaussian();
      weight[i] = 1;
    }
    assertEquals(0.05, Localization.noiseLevel(deviation, weight), 0.002);
  }

  @Test
  void benchScoresAtModerateNoiseAreAtLeastNinetyPercent() {
    var cases = LocalizationBench.cases(11, 10);
    assertEquals(10 * 7 * 3, cases.size());
    var score = LocalizationBench.atNoise(
        LocalizationBench.score(cases, Localization.Settings.DEFAULT), 0.05);
    assertEquals(70, score.cases());
    assertTrue(score.f1() >= 0.9, "F1 at 5% noise: " + score.f1());
  }

  @Test
  void aLeafOutsideItsOwnIntervalIsACauseWhereFewLeavesHideTheNoise() {
    // four regions: the pooled noise level (about 0.14 from these four deviations) puts EU's
    // +26% (130 against 100, relative to their mean 115) within three levels
    LeafTable.Builder pooled = LeafTable.additive(List.of("region"))
        .add(List.of("EU"), 130, 100).add(List.of("NA"), 96, 100)
        .add(List.of("APAC"), 104, 100).add(List.of("LATAM"), 100, 100);
    assertEquals(List.of(), texts(localize(pooled)));
    // each region's own interval 90..110: only EU is outside
    LeafTable.Builder own = LeafTable.additive(List.of("region"))
        .add(List.of("EU"), 130, 100).interval(90, 110)
        .add(List.of("NA"), 96, 100).interval(90, 110)
        .add(List.of("APAC"), 104, 100).interval(90, 110)
        .add(List.of("LATAM"), 100, 100).interval(90, 110);
    List<Localization.Cause> causes = localize(own);
    assertEquals(List.of("region=EU"), texts(causes));
    // the total 430 against 400: EU's 30 is all of it; EU's weight (130 + 100) / 2 of 415
    assertEquals(30, causes.get(0).contribution(), 1e-9);
    assertEquals(1.0, causes.get(0).share(), 1e-9);
    assertEquals(115.0 / 415, causes.get(0).size(), 1e-9);
  }

  @Test
  void aRatioLeafWhoseVolumeLeftItsIntervalMovesTheTotalByTheMix() {
    // channel A converts at its usual 10%, but with 100 sessions instead of 50; B and C convert
    // at 20%: the total falls from 85 / 450 = 0.18889 to 90 / 500 = 0.18
    List<Localization.Cause> causes = localize(mix(100));
    assertEquals(List.of("channel=A"), texts(causes));
    // A at its expected 5 of 50: (90 - 10 + 5) / (500 - 100 + 50) = 85 / 450, all the change
    assertEquals(0.18 - 85.0 / 450, causes.get(0).contribution(), 1e-12);
    assertEquals(1.0, causes.get(0).share(), 1e-9);
    // 65 sessions are outside A's interval 40..60, but not beyond twice its half-width (70)
    assertEquals(List.of(), texts(localize(mix(65))));
  }

  private static LeafTable.Builder mix(double sessionsOfA) {
    return LeafTable.ratio(List.of("channel"))
        .add(List.of("A"), sessionsOfA / 10, sessionsOfA, 5, 50).interval(0.08, 0.12)
        .denominatorInterval(40, 60)
        .add(List.of("B"), 40, 200, 40, 200).interval(0.18, 0.22).denominatorInterval(180, 220)
        .add(List.of("C"), 40, 200, 40, 200).interval(0.18, 0.22).denominatorInterval(180, 220);
  }
}
