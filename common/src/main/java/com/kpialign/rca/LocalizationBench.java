package com.kpialign.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Labelled cases for {@link Localization}, generated from a seed: random leaf tables over five
 * dimensions of 3 to 9 values each (up to 10,000 leaves, log-normal sizes), with root causes of
 * one to three dimensions injected (each moves its leaves by 20% to 90%, up or down), one to
 * three causes at once that share no leaf, Gaussian relative noise on every leaf, for additive
 * and ratio metrics. Scored as in the literature: a predicted element counts only if it is
 * exactly a true cause.
 */
public final class LocalizationBench {
  static final String[] DIMENSIONS = {"a", "b", "c", "d", "e"};
  static final int MAX_LEAVES = 10_000;

  /** A kind of case: how many causes of how many dimensions, and whether the metric is a ratio. */
  public record CaseType(String name, int[] causeDepths, boolean ratio) {}

  public static final List<CaseType> TYPES = List.of(
      new CaseType("one cause, 1 dimension", new int[] {1}, false),
      new CaseType("one cause, 2 dimensions", new int[] {2}, false),
      new CaseType("one cause, 3 dimensions", new int[] {3}, false),
      new CaseType("two causes", new int[] {1, 2}, false),
      new CaseType("three causes", new int[] {1, 2, 3}, false),
      new CaseType("ratio, one cause", new int[] {2}, true),
      new CaseType("ratio, two causes", new int[] {1, 2}, true));

  public static final double[] NOISE = {0.02, 0.05, 0.10};

  /** One generated case: its leaves and the causes injected into them. */
  public record Case(CaseType type, double noise, LeafTable leaves, Set<String> truth) {}

  /** Precision, recall and F1 over a set of cases (micro-averaged over elements). */
  public record Score(int cases, int truePositives, int predicted, int actual) {
    public double precision() {
      return predicted == 0 ? 1 : (double) truePositives / predicted;
    }

    public double recall() {
      return actual == 0 ? 1 : (double) truePositives / actual;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Score plus(Score o) {
      return new Score(cases + o.cases, truePositives + o.truePositives, predicted + o.predicted,
          actual + o.actual);
    }
  }

  private LocalizationBench() {}

  /** {@code perCell} cases of every type at every noise level. */
  public static List<Case> cases(long seed, int perCell) {
    Random random = new Random(seed);
    List<Case> out = new ArrayList<>();
    for (double noise : NOISE) {
      for (CaseType type : TYPES) {
        for (int i = 0; i < perCell; i++) {
          out.add(generate(type, noise, random));
        }
      }
    }
    return out;
  }

  /** Scores per case type and noise level, in generation order, keyed "type @ noise". */
  public static Map<String, Score> score(List<Case> cases, Localization.Settings settings) {
    Map<String, Score> out = new LinkedHashMap<>();
    for (Case c : cases) {
      Set<String> found = Localization.localize(c.leaves(), settings).stream()
          .map(Localization.Cause::text).collect(Collectors.toSet());
      int hits = (int) found.stream().filter(c.truth()::contains).count();
      out.merge(key(c.type(), c.noise()), new Score(1, hits, found.size(), c.truth().size()),
          Score::plus);
    }
    return out;
  }

  public static String key(CaseType type, double noise) {
    return type.name() + " @ " + noise;
  }

  /** The sum of the scores whose key ends with the noise level. */
  public static Score atNoise(Map<String, Score> scores, double noise) {
    return scores.entrySet().stream().filter(e -> e.getKey().endsWith(" @ " + noise))
        .map(Map.Entry::getValue).reduce(new Score(0, 0, 0, 0), Score::plus);
  }

  static Case generate(CaseType type, double noise, Random random) {
    int dims = DIMENSIONS.length;
    int[] cardinality = new int[dims];
    long combinations = 1;
    for (int d = 0; d < dims; d++) {
      cardinality[d] = 3 + random.nextInt(7);
      combinations *= cardinality[d];
    }
    List<int[]> leaves = new ArrayList<>();
    if (combinations <= MAX_LEAVES) {
      for (long k = 0; k < combinations; k++) {
        leaves.add(decode(k, cardinality));
      }
    } else {
      Set<Long> seen = new HashSet<>();
      while (seen.size() < MAX_LEAVES) {
        long k = (long) (random.nextDouble() * combinations);
        if (seen.add(k)) {
          leaves.add(decode(k, cardinality));
        }
      }
    }
    List<int[]> causes = new ArrayList<>(); // per cause: value per dimension, -1 = any
    boolean[] taken = new boolean[leaves.size()];
    List<boolean[]> members = new ArrayList<>();
    for (int depth : type.causeDepths()) {
      for (int attempt = 0; attempt < 1000; attempt++) {
        int[] cause = randomElement(depth, cardinality, random);
        boolean[] in = new boolean[leaves.size()];
        int count = 0;
        boolean overlaps = false;
        for (int i = 0; i < leaves.size(); i++) {
          in[i] = matches(cause, leaves.get(i));
          count += in[i] ? 1 : 0;
          overlaps |= in[i] && taken[i];
        }
        if (count >= 5 && !overlaps) {
          causes.add(cause);
          members.add(in);
          for (int i = 0; i < leaves.size(); i++) {
            taken[i] |= in[i];
          }
          break;
        }
      }
    }
    double[] magnitude = new double[causes.size()];
    for (int c = 0; c < causes.size(); c++) {
      magnitude[c] = (0.2 + 0.7 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
    }
    List<String> names = List.of(DIMENSIONS);
    LeafTable.Builder table = type.ratio() ? LeafTable.ratio(names) : LeafTable.additive(names);
    for (int i = 0; i < leaves.size(); i++) {
      double effect = 1;
      for (int c = 0; c < causes.size(); c++) {
        effect *= members.get(c)[i] ? 1 + magnitude[c] : 1;
      }
      List<String> values = new ArrayList<>();
      for (int d = 0; d < dims; d++) {
        values.add(DIMENSIONS[d] + leaves.get(i)[d]);
      }
      if (type.ratio()) {
        double expectedDenominator = Math.exp(4 + random.nextGaussian());
        double rate = 0.05 + 0.55 * random.nextDouble();
        double actualDenominator = expectedDenominator * noisy(noise, random);
        double actualRate = rate * effect * noisy(noise, random);
        table.add(values, actualRate * actualDenominator, actualDenominator,
            rate * expectedDenominator, expectedDenominator);
      } else {
        double expected = Math.exp(3 + random.nextGaussian());
        table.add(values, expected * effect * noisy(noise, random), expected);
      }
    }
    Set<String> truth = new HashSet<>();
    for (int[] cause : causes) {
      SortedMap<String, String> element = new TreeMap<>();
      for (int d = 0; d < dims; d++) {
        if (cause[d] >= 0) {
          element.put(DIMENSIONS[d], DIMENSIONS[d] + cause[d]);
        }
      }
      truth.add(Localization.Cause.text(element));
    }
    return new Case(type, noise, table.build(), truth);
  }

  private static double noisy(double noise, Random random) {
    return Math.max(0, 1 + noise * random.nextGaussian());
  }

  private static int[] decode(long k, int[] cardinality) {
    int[] out = new int[cardinality.length];
    for (int d = 0; d < cardinality.length; d++) {
      out[d] = (int) (k % cardinality[d]);
      k /= cardinality[d];
    }
    return out;
  }

  private static int[] randomElement(int depth, int[] cardinality, Random random) {
    int[] out = new int[cardinality.length];
    Arrays.fill(out, -1);
    List<Integer> order = new ArrayList<>();
    for (int d = 0; d < cardinality.length; d++) {
      order.add(d);
    }
    Collections.shuffle(order, random);
    for (int d : order.subList(0, depth)) {
      out[d] = random.nextInt(cardinality[d]);
    }
    return out;
  }

  private static boolean matches(int[] cause, int[] leaf) {
    for (int d = 0; d < cause.length; d++) {
      if (cause[d] >= 0 && cause[d] != leaf[d]) {
        return false;
      }
    }
    return true;
  }
}
