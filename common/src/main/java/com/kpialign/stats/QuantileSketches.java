package com.kpialign.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllDoublesSketchIterator;
import org.apache.datasketches.memory.Memory;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark functions over {@link QuantileSummary}: the summary of a day's values merges with other
 * days' and slices' summaries into the summary of a week or a region, so a percentile is never
 * an average of daily percentiles, and the bytes of a day state are the same from run to run.
 * Day states written by an earlier version as KLL sketches (Apache DataSketches) are read as the
 * values and weights the sketch retained.
 */
public final class QuantileSketches {
  private QuantileSketches() {}

  /** {@code double -> binary}: the summary of a column's non-null values. */
  public static UserDefinedFunction sketchAgg() {
    return functions.udaf(new Build(), Encoders.DOUBLE()).withName("quantile_summary_agg");
  }

  /** {@code binary -> binary}: the union of summaries; null summaries are skipped. */
  public static UserDefinedFunction unionAgg() {
    return functions.udaf(new Union(), Encoders.BINARY()).withName("quantile_summary_union");
  }

  /** {@code (binary, double) -> double}: the quantile of rank q; null for an empty summary. */
  public static UserDefinedFunction quantile() {
    return functions.udf((UDF2<byte[], Double, Double>) QuantileSketches::quantile,
        DataTypes.DoubleType).withName("quantile_summary_value");
  }

  public static Double quantile(byte[] summary, Double rank) {
    if (summary == null || rank == null) {
      return null;
    }
    return read(summary).quantile(rank);
  }

  static QuantileSummary read(byte[] bytes) {
    if (QuantileSummary.isSummary(bytes)) {
      return QuantileSummary.fromBytes(bytes);
    }
    KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(bytes));
    QuantileSummary s = new QuantileSummary();
    KllDoublesSketchIterator it = kll.iterator();
    while (it.next()) {
      s.add(it.getValue(), it.getWeight());
    }
    return s;
  }

  /** An aggregation buffer that Spark keeps as an object and serializes only to shuffle. */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient QuantileSummary summary = new QuantileSummary();

    private void writeObject(ObjectOutputStream out) throws IOException {
      byte[] bytes = summary.toBytes();
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private void readObject(ObjectInputStream in) throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      summary = QuantileSummary.fromBytes(bytes);
    }

    Buffer merge(Buffer other) {
      summary.merge(other.summary);
      return this;
    }

    byte[] bytes() {
      return summary.toBytes();
    }
  }

  private abstract static class SketchAggregator<I> extends Aggregator<I, Buffer, byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Buffer zero() {
      return new Buffer();
    }

    @Override
    public Buffer merge(Buffer a, Buffer b) {
      return a.merge(b);
    }

    @Override
    public byte[] finish(Buffer buffer) {
      return buffer.bytes();
    }

    @Override
    public Encoder<Buffer> bufferEncoder() {
      return Encoders.javaSerialization(Buffer.class);
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }

  private static final class Build extends SketchAggregator<Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Buffer reduce(Buffer buffer, Double value) {
      if (value != null) {
        buffer.summary.add(value);
      }
      return buffer;
    }
  }

  private static final class Union extends SketchAggregator<byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Buffer reduce(Buffer buffer, byte[] sketch) {
      if (sketch != null) {
        buffer.summary.merge(read(sketch));
      }
      return buffer;
    }
  }
}
