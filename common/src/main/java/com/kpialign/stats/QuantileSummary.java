package com.kpialign.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable summary of a multiset of doubles that answers quantiles, and whose state depends
 * only on the multiset: not on the order of the values, nor on how they were split and merged.
 * Spark feeds an aggregation its rows in whatever order partitions and shuffles deliver them, so
 * a randomized or order-dependent sketch (KLL compacts with a coin flip) gives a job different
 * tables from one run to the next; this one gives the same bytes.
 *
 * <p>Up to {@value #EXACT_LIMIT} distinct values it keeps every value with its count, and a
 * quantile is exact. Past that it keeps a DDSketch (Masson, Rim and Lee, "DDSketch: A Fast and
 * Fully-Mergeable Quantile Sketch with Relative-Error Guarantees", PVLDB 12(12), 2019): counts
 * in logarithmic buckets, so an answer is within {@value #RELATIVE_ACCURACY} of a value of the
 * asked rank, relative to it. Merging adds counts. At most {@value #MAX_BUCKETS} buckets of a sign
 * are kept: the buckets nearest zero are folded into the lowest one kept, which can only lower
 * the accuracy of those values. Which state a summary is in, and its buckets, are functions of
 * the multiset, so the order independence holds across the switch.
 */
public final class QuantileSummary {
  public static final int EXACT_LIMIT = 256;
  public static final double RELATIVE_ACCURACY = 0.01;
  public static final int MAX_BUCKETS = 2048;

  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = StrictMath.log(GAMMA);
  private static final byte MAGIC = 'Q';
  private static final byte FORMAT = 1;
  private static final byte EXACT = 0;
  private static final byte BUCKETED = 1;

  private long n;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  /** Every value and its count, while exact; null once bucketed. */
  private TreeMap<Double, Long> values = new TreeMap<>();
  private long zeros;
  private final TreeMap<Integer, Long> positive = new TreeMap<>();
  /** Buckets of the magnitudes of negative values. */
  private final TreeMap<Integer, Long> negative = new TreeMap<>();

  public long count() {
    return n;
  }

  public boolean isExact() {
    return values != null;
  }

  /** The number of buckets kept, both signs (0 while exact). */
  int buckets() {
    return positive.size() + negative.size();
  }

  /** Adds a value; NaN is not a value and is skipped. */
  public QuantileSummary add(double value) {
    return add(value, 1);
  }

  /** Adds a value {@code count} times. */
  QuantileSummary add(double value, long count) {
    if (Double.isNaN(value) || count <= 0) {
      return this;
    }
    double v = value + 0.0; // -0.0 and 0.0 are one value
    n += count;
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (values != null) {
      values.merge(v, count, Long::sum);
      if (values.size() > EXACT_LIMIT) {
        toBuckets();
      }
    } else {
      addToBucket(v, count);
    }
    return this;
  }

  public QuantileSummary merge(QuantileSummary other) {
    if (other.values != null) {
      other.values.forEach(this::add);
      return this;
    }
    if (values != null) {
      toBuckets();
    }
    n += other.n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    zeros += other.zeros;
    other.positive.forEach((i, c) -> positive.merge(i, c, Long::sum));
    other.negative.forEach((i, c) -> negative.merge(i, c, Long::sum));
    foldNearZero(positive);
    foldNearZero(negative);
    return this;
  }

  /**
   * The nearest-rank quantile: the ceil(q n)-th smallest value (the smallest for q 0), as
   * Spark's {@code percentile_approx} and {@code percentile_disc} define it; null when empty.
   */
  public Double quantile(double rank) {
    if (n == 0) {
      return null;
    }
    long needed = Math.max(1, (long) Math.ceil(rank * n - 1e-9)); // 0.9 * 10 is 9.000000000000002
    long cumulative = 0;
    if (values != null) {
      for (Map.Entry<Double, Long> e : values.entrySet()) {
        cumulative += e.getValue();
        if (cumulative >= needed) {
          return e.getKey();
        }
      }
      return max;
    }
    for (Map.Entry<Integer, Long> e : negative.descendingMap().entrySet()) {
      cumulative += e.getValue();
      if (cumulative >= needed) {
        return clamp(-representative(e.getKey()));
      }
    }
    cumulative += zeros;
    if (cumulative >= needed) {
      return 0.0;
    }
    for (Map.Entry<Integer, Long> e : positive.entrySet()) {
      cumulative += e.getValue();
      if (cumulative >= needed) {
        return clamp(representative(e.getKey()));
      }
    }
    return max;
  }

  private double clamp(double v) {
    return Math.max(min, Math.min(max, v));
  }

  private void toBuckets() {
    TreeMap<Double, Long> exact = values;
    values = null;
    exact.forEach(this::addToBucket);
  }

  private void addToBucket(double v, long count) {
    if (v == 0) {
      zeros += count;
      return;
    }
    TreeMap<Integer, Long> store = v > 0 ? positive : negative;
    store.merge(index(Math.abs(v)), count, Long::sum);
    foldNearZero(store);
  }

  /** Bucket i holds the magnitudes in (gamma^(i-1), gamma^i]. StrictMath: the same on any JVM. */
  private static int index(double magnitude) {
    double m = Math.min(magnitude, Double.MAX_VALUE);
    return (int) Math.ceil(StrictMath.log(m) / LOG_GAMMA);
  }

  /** The value of bucket i whose relative distance to any magnitude in it is at most alpha. */
  private static double representative(int index) {
    return 2 * StrictMath.exp(index * LOG_GAMMA) / (GAMMA + 1);
  }

  /** Keeps the buckets within MAX_BUCKETS of the highest; the others fold into the lowest kept. */
  private static void foldNearZero(TreeMap<Integer, Long> store) {
    if (store.isEmpty()) {
      return;
    }
    int lowestKept = store.lastKey() - MAX_BUCKETS + 1;
    if (store.firstKey() >= lowestKept) {
      return;
    }
    Map<Integer, Long> folded = store.headMap(lowestKept);
    long count = folded.values().stream().mapToLong(Long::longValue).sum();
    folded.clear();
    store.merge(lowestKept, count, Long::sum);
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(MAGIC);
      out.writeByte(FORMAT);
      out.writeByte(values != null ? EXACT : BUCKETED);
      out.writeLong(n);
      out.writeDouble(min);
      out.writeDouble(max);
      if (values != null) {
        out.writeInt(values.size());
        for (Map.Entry<Double, Long> e : values.entrySet()) {
          out.writeDouble(e.getKey());
          out.writeLong(e.getValue());
        }
      } else {
        out.writeLong(zeros);
        writeBuckets(out, positive);
        writeBuckets(out, negative);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeBuckets(DataOutputStream out, TreeMap<Integer, Long> store)
      throws IOException {
    out.writeInt(store.size());
    for (Map.Entry<Integer, Long> e : store.entrySet()) {
      out.writeInt(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  /** Whether these bytes are a summary of this class (and not, say, an earlier KLL sketch). */
  public static boolean isSummary(byte[] bytes) {
    return bytes.length > 2 && bytes[0] == MAGIC && bytes[1] == FORMAT;
  }

  public static QuantileSummary fromBytes(byte[] bytes) {
    if (!isSummary(bytes)) {
      throw new IllegalArgumentException("not a quantile summary of format " + FORMAT);
    }
    QuantileSummary s = new QuantileSummary();
    try (DataInputStream in = new DataInputStream(
        new ByteArrayInputStream(bytes, 2, bytes.length - 2))) {
      boolean exact = in.readByte() == EXACT;
      s.n = in.readLong();
      s.min = in.readDouble();
      s.max = in.readDouble();
      if (exact) {
        for (int i = in.readInt(); i > 0; i--) {
          s.values.put(in.readDouble(), in.readLong());
        }
      } else {
        s.values = null;
        s.zeros = in.readLong();
        readBuckets(in, s.positive);
        readBuckets(in, s.negative);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  private static void readBuckets(DataInputStream in, TreeMap<Integer, Long> store)
      throws IOException {
    for (int i = in.readInt(); i > 0; i--) {
      store.put(in.readInt(), in.readLong());
    }
  }
}
