package com.kpialign.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Multi-dimensional root-cause localization: given the actual and expected measure of every
 * leaf (one combination of dimension values), the smallest set of elements ({@code region=EU},
 * {@code carrier=X&region=EU}) whose leaves deviate while the rest do not.
 *
 * <p>It follows the line of HotSpot, Squeeze and RiskLoc, and keeps what makes them work:
 *
 * <ol>
 *   <li><b>Leaf deviation.</b> Each leaf's relative deviation {@code (a - f) / ((|a| + |f|) / 2)}
 *       (for a ratio metric, of the leaf's ratio), weighted by the leaf's size (its mean value,
 *       or its mean denominator for a ratio, so that a leaf's rate counts by its volume; a
 *       leaf's contribution to a ratio is not its share of the total).
 *   <li><b>Abnormal leaves.</b> The noise level is estimated robustly from the leaves themselves
 *       (a low quantile of the absolute deviations, refined by 3-sigma clipping, so that it holds
 *       when causes cover most leaves); a leaf more than three noise levels away, and at least
 *       {@code minDeviation} (5%: smaller moves are not worth a root cause), is abnormal, up or
 *       down. A leaf with a prediction interval of its own (the pipeline's slices have one) is
 *       abnormal when it is outside it, and at least {@code minDeviation} away: few leaves
 *       (four regions) say little about the noise, a model of each leaf's history says more. A
 *       ratio leaf whose denominator is clearly outside its interval is abnormal in the
 *       direction it moves the total by the mix, when that move matters.
 *   <li><b>Candidates.</b> Every element of every cuboid (combination of up to {@code maxDepth}
 *       dimensions) is scored in one pass over the leaves per cuboid: its purity (the weight of
 *       its leaves abnormal in its dominant direction over its total weight; the generalized
 *       ripple effect says a true cause's leaves all move) and its coverage of abnormal weight.
 *   <li><b>Selection.</b> Pure candidates are taken coarsest first (fewer dimensions explain more
 *       succinctly), then by coverage; one is kept only while it covers enough abnormal weight
 *       that no kept element covers, and never beside its own ancestor. Selection ends when the
 *       abnormal weight left is small or {@code maxCauses} are kept. Causes in opposite
 *       directions and overlapping causes are found together.
 * </ol>
 *
 * <p>Causes are returned by importance: the absolute change of the total that reverting the
 * element to its expected values would undo (for a ratio: the total ratio recomputed with the
 * element's numerator and denominator at their expected values).
 */
public final class Localization {
  /** How hard to look; {@link #DEFAULT} suits leaf tables of a few to tens of thousands. */
  public record Settings(int maxCauses, int maxDepth, double threshold, double minDeviation,
      double purity, double minShare, double stopShare) implements java.io.Serializable {
    public static final Settings DEFAULT = new Settings(5, 3, 3.0, 0.05, 0.7, 0.01, 0.02);

    public Settings {
      if (maxCauses < 1 || maxDepth < 1) {
        throw new IllegalArgumentException("maxCauses and maxDepth must be at least 1");
      }
    }

    public Settings withMaxCauses(int k) {
      return new Settings(k, maxDepth, threshold, minDeviation, purity, minShare, stopShare);
    }
  }

  /**
   * One root cause: the element (dimension → value, sorted by dimension), the change of the total
   * it explains, that change's share of the total change, its purity as score, and its size (the
   * share of all leaves' weight that its leaves hold).
   */
  public record Cause(SortedMap<String, String> element, double contribution, double share,
      double score, double size) {
    /** {@code carrier=X&region=EU}. */
    public String text() {
      return text(element);
    }

    /** An element as text: its pairs sorted by dimension, joined by {@code &}. */
    public static String text(SortedMap<String, String> element) {
      return element.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("&"));
    }
  }

  // per-element statistics, in one double[] per element
  private static final int WEIGHT = 0;
  private static final int UP = 1;
  private static final int DOWN = 2;
  private static final int AN = 3;
  private static final int AD = 4;
  private static final int EN = 5;
  private static final int ED = 6;

  private record Candidate(int[] dimensions, int[] codes, int sign, double abnormal,
      double purity, double[] stats) {}

  private Localization() {}

  public static List<Cause> localize(LeafTable leaves, Settings settings) {
    int n = leaves.size();
    double[] weight = new double[n];
    double[] deviation = new double[n];
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      double a;
      double f;
      if (leaves.isRatio()) {
        double ad = leaves.actualDenominator(i);
        double ed = leaves.expectedDenominator(i);
        if (ad == 0 || ed == 0) {
          continue; // a leaf that appears or disappears changes the mix, not a rate
        }
        a = leaves.actualNumerator(i) / ad;
        f = leaves.expectedNumerator(i) / ed;
        weight[i] = (Math.abs(ad) + Math.abs(ed)) / 2;
      } else {
        a = leaves.actualNumerator(i);
        f = leaves.expectedNumerator(i);
        weight[i] = (Math.abs(a) + Math.abs(f)) / 2;
      }
      value[i] = a;
      double scale = (Math.abs(a) + Math.abs(f)) / 2;
      deviation[i] = scale == 0 ? 0 : (a - f) / scale;
      if (!Double.isFinite(deviation[i]) || !Double.isFinite(weight[i])) {
        deviation[i] = 0;
        weight[i] = 0;
      }
    }
    double cutoff = Math.max(settings.threshold() * noiseLevel(deviation, weight),
        settings.minDeviation());
    int[] sign = new int[n];
    double[] totals = totals(leaves);
    double total = Arrays.stream(weight).sum();
    double up = 0;
    double down = 0;
    for (int i = 0; i < n; i++) {
      if (weight[i] > 0) {
        sign[i] = leaves.hasInterval(i) || leaves.hasDenominatorInterval(i)
            ? signAgainstIntervals(leaves, i, value[i], deviation[i], weight[i] / total,
                totals, settings)
            : Math.abs(deviation[i]) > cutoff ? (deviation[i] > 0 ? 1 : -1) : 0;
      }
      up += sign[i] > 0 ? weight[i] : 0;
      down += sign[i] < 0 ? weight[i] : 0;
    }
    double abnormal = up + down;
    if (abnormal == 0 || Math.max(up, down) >= settings.purity() * total) {
      return List.of(); // nothing deviates, or everything does: no element is the cause
    }
    List<Candidate> candidates = candidates(leaves, weight, sign, abnormal, settings);
    candidates.sort(Comparator.<Candidate>comparingInt(c -> c.dimensions().length)
        .thenComparing(Comparator.comparingDouble(Candidate::abnormal).reversed())
        .thenComparing(c -> text(leaves, c)));
    boolean[] covered = new boolean[n];
    double left = abnormal;
    List<Candidate> chosen = new ArrayList<>();
    for (Candidate c : candidates) {
      if (chosen.size() == settings.maxCauses() || left < settings.stopShare() * abnormal) {
        break;
      }
      if (chosen.stream().anyMatch(k -> isAncestor(k, c))) {
        continue;
      }
      double gain = 0;
      for (int i = 0; i < n; i++) {
        if (sign[i] == c.sign() && !covered[i] && contains(leaves, c, i)) {
          gain += weight[i];
        }
      }
      if (gain < settings.minShare() * abnormal || gain < 0.5 * c.abnormal()) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (sign[i] == c.sign() && contains(leaves, c, i)) {
          covered[i] = true;
        }
      }
      left -= gain;
      chosen.add(c);
    }
    return causes(leaves, chosen, total);
  }

  /**
   * A leaf with intervals of its own: abnormal in the direction of its deviation when its value
   * is outside its interval, by at least {@code minDeviation}. A ratio leaf whose denominator is
   * clearly outside its interval (beyond twice its half-width) is abnormal in the direction it
   * moves the total ratio by the mix, when its own ratio would have to move by at least
   * {@code minDeviation} to move the total as much: a channel whose sessions doubled at a low
   * conversion moves the total's conversion; a carrier with a few more deliveries than usual
   * does not.
   *
   * @param share the leaf's share of all leaves' weight
   */
  private static int signAgainstIntervals(LeafTable leaves, int i, double value,
      double deviation, double share, double[] totals, Settings settings) {
    if (leaves.hasInterval(i) && (value > leaves.high(i) || value < leaves.low(i))
        && Math.abs(deviation) >= settings.minDeviation()) {
      return deviation > 0 ? 1 : -1;
    }
    if (!leaves.isRatio() || !leaves.hasDenominatorInterval(i)) {
      return 0;
    }
    double ad = leaves.actualDenominator(i);
    double ed = leaves.expectedDenominator(i);
    boolean volume = ad > ed + 2 * (leaves.denominatorHigh(i) - ed)
        || ad < ed - 2 * (ed - leaves.denominatorLow(i));
    if (!volume) {
      return 0;
    }
    double effect = totals[0] / totals[1] - (totals[0] - leaves.actualNumerator(i)
        + leaves.expectedNumerator(i)) / (totals[1] - ad + ed);
    double expected = leaves.expectedNumerator(i) / ed;
    boolean large = Math.abs(effect / share) >= settings.minDeviation() * Math.abs(expected);
    return !large ? 0 : effect > 0 ? 1 : -1;
  }

  /** The leaves' summed actual numerator, actual denominator, expected ones. */
  private static double[] totals(LeafTable leaves) {
    double[] t = new double[4];
    for (int i = 0; i < leaves.size(); i++) {
      t[0] += leaves.actualNumerator(i);
      t[1] += leaves.actualDenominator(i);
      t[2] += leaves.expectedNumerator(i);
      t[3] += leaves.expectedDenominator(i);
    }
    return t;
  }

  /**
   * The noise level of the deviations: from the weighted 25% quantile of their absolute values
   * (|N(0, s)| has its 25% quantile at 0.3186 s), then refined by clipping at three levels.
   */
  static double noiseLevel(double[] deviation, double[] weight) {
    int n = deviation.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(deviation[i])));
    double total = Arrays.stream(weight).sum();
    if (total == 0) {
      return 0;
    }
    double running = 0;
    double quantile = 0;
    for (int i : order) {
      running += weight[i];
      if (running >= 0.25 * total) {
        quantile = Math.abs(deviation[i]);
        break;
      }
    }
    double level = quantile / 0.3186;
    for (int round = 0; round < 20 && level > 0; round++) {
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        if (Math.abs(deviation[i]) <= 3 * level) {
          sum += weight[i];
          squares += weight[i] * deviation[i] * deviation[i];
        }
      }
      // the standard deviation of a normal clipped at 3 sigma is 0.9866 sigma
      double next = sum == 0 ? level : Math.sqrt(squares / sum) / 0.9866;
      if (Math.abs(next - level) < 1e-9 * Math.max(level, 1e-12)) {
        break;
      }
      level = next;
    }
    return level;
  }

  private static List<Candidate> candidates(LeafTable leaves, double[] weight, int[] sign,
      double abnormal, Settings settings) {
    int dims = leaves.dimensions().size();
    List<Candidate> out = new ArrayList<>();
    for (int[] cuboid : cuboids(dims, Math.min(settings.maxDepth(), dims))) {
      long[] radix = radix(leaves, cuboid);
      if (radix == null) {
        continue; // too many combinations to key in a long: such a cuboid cannot be a cause
      }
      Map<Long, double[]> elements = new HashMap<>();
      for (int i = 0; i < leaves.size(); i++) {
        long key = 0;
        for (int d = 0; d < cuboid.length; d++) {
          key += leaves.code(cuboid[d], i) * radix[d];
        }
        double[] s = elements.computeIfAbsent(key, k -> new double[7]);
        s[WEIGHT] += weight[i];
        s[UP] += sign[i] > 0 ? weight[i] : 0;
        s[DOWN] += sign[i] < 0 ? weight[i] : 0;
        s[AN] += leaves.actualNumerator(i);
        s[AD] += leaves.actualDenominator(i);
        s[EN] += leaves.expectedNumerator(i);
        s[ED] += leaves.expectedDenominator(i);
      }
      for (Map.Entry<Long, double[]> e : elements.entrySet()) {
        double[] s = e.getValue();
        int direction = s[UP] >= s[DOWN] ? 1 : -1;
        double covered = Math.max(s[UP], s[DOWN]);
        double purity = s[WEIGHT] == 0 ? 0 : covered / s[WEIGHT];
        if (purity >= settings.purity() && covered >= settings.minShare() * abnormal) {
          int[] codes = new int[cuboid.length];
          long key = e.getKey();
          for (int d = cuboid.length - 1; d >= 0; d--) {
            codes[d] = (int) (key / radix[d]);
            key %= radix[d];
          }
          out.add(new Candidate(cuboid, codes, direction, covered, purity, s));
        }
      }
    }
    return out;
  }

  /** Every combination of 1 to {@code depth} of the dimensions 0..dims-1, smallest first. */
  static List<int[]> cuboids(int dims, int depth) {
    List<int[]> out = new ArrayList<>();
    for (int size = 1; size <= depth; size++) {
      combine(new int[size], 0, 0, dims, out);
    }
    return out;
  }

  private static void combine(int[] prefix, int filled, int start, int dims, List<int[]> out) {
    if (filled == prefix.length) {
      out.add(prefix.clone());
      return;
    }
    for (int d = start; d < dims; d++) {
      prefix[filled] = d;
      combine(prefix, filled + 1, d + 1, dims, out);
    }
  }

  /** Mixed-radix place values of the cuboid's dimensions, or null if they overflow a long. */
  private static long[] radix(LeafTable leaves, int[] cuboid) {
    long[] out = new long[cuboid.length];
    long place = 1;
    for (int d = 0; d < cuboid.length; d++) {
      out[d] = place;
      try {
        place = Math.multiplyExact(place, (long) Math.max(1, leaves.cardinality(cuboid[d])));
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return out;
  }

  private static boolean contains(LeafTable leaves, Candidate c, int leaf) {
    for (int d = 0; d < c.dimensions().length; d++) {
      if (leaves.code(c.dimensions()[d], leaf) != c.codes()[d]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code a} is {@code b} or contains it (a coarser element with the same values). */
  private static boolean isAncestor(Candidate a, Candidate b) {
    for (int d = 0; d < a.dimensions().length; d++) {
      int at = Arrays.binarySearch(b.dimensions(), a.dimensions()[d]);
      if (at < 0 || b.codes()[at] != a.codes()[d]) {
        return false;
      }
    }
    return true;
  }

  private static List<Cause> causes(LeafTable leaves, List<Candidate> chosen, double weight) {
    double[] totals = totals(leaves);
    double an = totals[0];
    double ad = totals[1];
    double en = totals[2];
    double ed = totals[3];
    double actual = leaves.isRatio() ? an / ad : an;
    double change = actual - (leaves.isRatio() ? en / ed : en);
    List<Cause> out = new ArrayList<>();
    for (Candidate c : chosen) {
      double[] s = c.stats();
      double contribution = leaves.isRatio()
          ? actual - (an - s[AN] + s[EN]) / (ad - s[AD] + s[ED])
          : s[AN] - s[EN];
      SortedMap<String, String> element = new TreeMap<>();
      for (int d = 0; d < c.dimensions().length; d++) {
        element.put(leaves.dimensions().get(c.dimensions()[d]),
            leaves.value(c.dimensions()[d], c.codes()[d]));
      }
      out.add(new Cause(element, contribution, change == 0 ? Double.NaN : contribution / change,
          c.purity(), s[WEIGHT] / weight));
    }
    out.sort(Comparator.comparingDouble((Cause c) -> -Math.abs(c.contribution()))
        .thenComparing(Cause::text));
    return out;
  }

  private static String text(LeafTable leaves, Candidate c) {
    StringBuilder b = new StringBuilder();
    for (int d = 0; d < c.dimensions().length; d++) {
      b.append(leaves.dimensions().get(c.dimensions()[d])).append('=')
          .append(leaves.value(c.dimensions()[d], c.codes()[d])).append('&');
    }
    return b.toString();
  }
}
