package com.kpialign.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.hll_sketch_estimate;
import static org.apache.spark.sql.functions.hll_union_agg;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.EntityDefinition;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.catalog.MetricKind;
import com.kpialign.config.SourceDefinition;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The metric computation, as pure transformations (reading and writing tables is the job's).
 *
 * <ol>
 *   <li>{@link #dayStates}: each source is read once for the run's days and reduced to mergeable
 *       states per metric, day and slice: exact decimal sums and counts, and HyperLogLog sketches
 *       for distinct counts. First to the finest grain (day x every dimension the source's
 *       metrics use), then to each slice the metrics allow, from that much smaller table.
 *   <li>{@link #rollup}: day states are merged into the day, ISO week, month and quarter periods
 *       the run touches: sums and counts add up, sketches union; a distinct count is estimated
 *       from the merged sketch at each grain, never summed from days.
 *   <li>{@link #derived}: ratios and formulas from their parts' values at the same grain, period
 *       and slice, so a weekly ratio is the ratio of weekly sums.
 * </ol>
 *
 * <p>Distinct counts are HyperLogLog estimates ({@value #HLL_LG_K}: relative standard error
 * about 0.8%; below a few hundred distinct values the sketch is exact in practice). Sums are
 * decimal(38,6), so their result does not depend on how rows were partitioned.
 */
public final class MetricComputation {
  public static final int HLL_LG_K = 14;
  static final DecimalType AMOUNT = DataTypes.createDecimalType(38, 6);

  public static final String METRIC_ID = "metric_id";
  public static final String DAY = "day";
  public static final String GRAIN = "grain";
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_END = "period_end";
  public static final String SLICE_DIMS = "slice_dims";
  public static final String SLICE = "slice";
  public static final String NUMERATOR = "numerator";
  public static final String DENOMINATOR = "denominator";
  public static final String SKETCH = "sketch";
  public static final String VALUE = "value";
  public static final String PERIOD_MONTH = "period_month";

  private MetricComputation() {}

  /** The aggregate metrics that read {@code source}. */
  public static List<MetricDefinition> metricsOf(MetricCatalog catalog, SourceDefinition source) {
    return catalog.metrics().stream().filter(m -> m.kind().isAggregate()
        && m.source().filter(source.name()::equals).isPresent()).toList();
  }

  /**
   * States of every aggregate metric of the source, per day of [from, to] (by each metric's event
   * date) and slice: {@code metric_id, day, slice_dims, slice, numerator, denominator, sketch}.
   */
  public static Dataset<Row> dayStates(Dataset<Row> rows, SourceDefinition source,
      List<MetricDefinition> metrics, MetricCatalog catalog, LocalDate from, LocalDate to) {
    Map<String, List<MetricDefinition>> byEventDate = new LinkedHashMap<>();
    for (MetricDefinition m : metrics) {
      byEventDate.computeIfAbsent(m.eventDate().orElse(source.eventDate()),
          e -> new ArrayList<>()).add(m);
    }
    Dataset<Row> out = null;
    for (Map.Entry<String, List<MetricDefinition>> group : byEventDate.entrySet()) {
      Dataset<Row> states = statesByEventDate(rows, group.getKey(), group.getValue(), catalog,
          from, to);
      out = out == null ? states : out.unionByName(states);
    }
    return out;
  }

  private static Dataset<Row> statesByEventDate(Dataset<Row> rows, String eventDate,
      List<MetricDefinition> metrics, MetricCatalog catalog, LocalDate from, LocalDate to) {
    Set<String> dimensions = new TreeSet<>();
    metrics.forEach(m -> dimensions.addAll(m.dimensions()));
    List<Column> select = new ArrayList<>();
    select.add(to_date(col(eventDate)).as(DAY));
    dimensions.forEach(d -> select.add(col(d).cast("string").as(d)));
    List<Column> fine = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      Column counted = condition(m, catalog);
      Optional<Column> value = m.expression().map(e -> expr(e));
      switch (m.kind()) {
        case SUM -> {
          select.add(when(counted, value.orElseThrow().cast(AMOUNT)).as("n" + i));
          fine.add(sum(col("n" + i)).as("n" + i));
        }
        case COUNT -> {
          Column c = value.map(v -> counted.and(v.isNotNull())).orElse(counted);
          select.add(when(c, lit(1)).as("d" + i));
          fine.add(count(col("d" + i)).cast(AMOUNT).as("n" + i));
        }
        case AVG -> {
          select.add(when(counted, value.orElseThrow().cast(AMOUNT)).as("n" + i));
          fine.add(sum(col("n" + i)).as("n" + i));
          fine.add(count(col("n" + i)).cast(AMOUNT).as("d" + i));
        }
        case COUNT_DISTINCT -> {
          Column key = m.entity().map(id -> col(entity(catalog, id).key()))
              .orElseGet(value::orElseThrow);
          select.add(when(counted, key.cast("string")).as("k" + i));
          fine.add(hll_sketch_agg(col("k" + i), HLL_LG_K).as("k" + i));
        }
        default -> throw new IllegalArgumentException("not an aggregate: " + m.id());
      }
    }
    Column day = col(DAY);
    Dataset<Row> finest = rows.select(select.toArray(Column[]::new))
        .filter(day.between(lit(Date.valueOf(from)), lit(Date.valueOf(to))))
        .groupBy(groupColumns(dimensions))
        .agg(fine.get(0), fine.subList(1, fine.size()).toArray(Column[]::new));

    // every finest row once per cut (slice spec), then one aggregation for all cuts: the
    // finest table is computed once, and it is small (days x dimension combinations)
    Set<SliceSpec> specs = new LinkedHashSet<>();
    metrics.forEach(m -> specs.addAll(SliceSpec.of(m)));
    List<Column> cuts = new ArrayList<>();
    specs.forEach(spec -> cuts.add(struct(lit(spec.name()).as(SLICE_DIMS),
        spec.slice().as(SLICE))));
    List<Column> merged = new ArrayList<>();
    List<Column> perMetric = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      Column numerator = lit(null).cast(AMOUNT);
      Column denominator = lit(null).cast(AMOUNT);
      Column sketch = lit(null).cast(DataTypes.BinaryType);
      switch (m.kind()) {
        case SUM, COUNT -> {
          merged.add(coalesce(sum(col("n" + i)), lit(0).cast(AMOUNT)).as("n" + i));
          numerator = col("n" + i);
        }
        case AVG -> {
          merged.add(sum(col("n" + i)).as("n" + i));
          merged.add(sum(col("d" + i)).as("d" + i));
          numerator = col("n" + i);
          denominator = col("d" + i);
        }
        default -> {
          merged.add(hll_union_agg(col("k" + i)).as("k" + i));
          sketch = col("k" + i);
        }
      }
      Object[] allowed = SliceSpec.of(m).stream().map(SliceSpec::name).toArray();
      perMetric.add(when(col(SLICE_DIMS).isin(allowed), struct(lit(m.id()).as(METRIC_ID),
          numerator.cast(AMOUNT).as(NUMERATOR), denominator.cast(AMOUNT).as(DENOMINATOR),
          sketch.as(SKETCH))));
    }
    return finest.withColumn("cut", explode(array(cuts.toArray(Column[]::new))))
        .groupBy(col(DAY), col("cut." + SLICE_DIMS).as(SLICE_DIMS), col("cut." + SLICE).as(SLICE))
        .agg(merged.get(0), merged.subList(1, merged.size()).toArray(Column[]::new))
        .select(col(DAY), col(SLICE_DIMS), col(SLICE),
            explode(array(perMetric.toArray(Column[]::new))).as("m"))
        .filter(col("m").isNotNull())
        .select(col("m." + METRIC_ID).as(METRIC_ID), col(DAY), col(SLICE_DIMS), col(SLICE),
            col("m." + NUMERATOR).as(NUMERATOR), col("m." + DENOMINATOR).as(DENOMINATOR),
            col("m." + SKETCH).as(SKETCH));
  }

  private static Column[] groupColumns(Iterable<String> dimensions) {
    List<Column> out = new ArrayList<>();
    out.add(col(DAY));
    dimensions.forEach(d -> out.add(col(d)));
    return out.toArray(Column[]::new);
  }

  private static EntityDefinition entity(MetricCatalog catalog, String id) {
    return catalog.entities().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  /** The rows a metric counts: its filter and its entity's, a null filter counting as false. */
  private static Column condition(MetricDefinition m, MetricCatalog catalog) {
    Column c = lit(true);
    if (m.filter().isPresent()) {
      c = c.and(coalesce(expr(m.filter().get()), lit(false)));
    }
    Optional<String> entityFilter = m.entity().flatMap(id -> entity(catalog, id).filter());
    if (entityFilter.isPresent()) {
      c = c.and(coalesce(expr(entityFilter.get()), lit(false)));
    }
    return c;
  }

  /** The periods of each grain that contain a day of [from, to]. */
  public static Column touchedPeriods(LocalDate from, LocalDate to) {
    Column out = lit(false);
    for (Grain g : Grain.values()) {
      out = out.or(col(GRAIN).equalTo(g.spelling()).and(col(PERIOD_START).between(
          lit(Date.valueOf(g.start(from))), lit(Date.valueOf(g.start(to))))));
    }
    return out;
  }

  /**
   * {@link #touchedPeriods} also stated on the partition column {@code period_month}, so that a
   * replace reads and rewrites only the partitions of the touched periods.
   */
  public static Column touchedPartitions(LocalDate from, LocalDate to) {
    Column out = lit(false);
    for (Grain g : Grain.values()) {
      out = out.or(col(GRAIN).equalTo(g.spelling())
          .and(col(PERIOD_MONTH).between(lit(Date.valueOf(g.start(from).withDayOfMonth(1))),
              lit(Date.valueOf(g.start(to).withDayOfMonth(1)))))
          .and(col(PERIOD_START).between(lit(Date.valueOf(g.start(from))),
              lit(Date.valueOf(g.start(to))))));
    }
    return out;
  }

  /** The days whose states the periods touched by [from, to] need. */
  public static LocalDate[] stateDaysNeeded(LocalDate from, LocalDate to) {
    LocalDate first = from;
    LocalDate last = to;
    for (Grain g : Grain.values()) {
      first = g.start(from).isBefore(first) ? g.start(from) : first;
      last = g.end(to).isAfter(last) ? g.end(to) : last;
    }
    return new LocalDate[] {first, last};
  }

  /**
   * Aggregate metric values of the periods touched by [from, to], from day states:
   * {@code metric_id, grain, period_start, period_end, slice_dims, slice, value, numerator,
   * denominator}.
   */
  public static Dataset<Row> rollup(Dataset<Row> states, MetricCatalog catalog, LocalDate from,
      LocalDate to) {
    Dataset<Row> merged = byPeriod(states)
        .filter(touchedPeriods(from, to))
        .groupBy(METRIC_ID, GRAIN, PERIOD_START, SLICE_DIMS, SLICE)
        .agg(sum(NUMERATOR).as(NUMERATOR), sum(DENOMINATOR).as(DENOMINATOR),
            hll_union_agg(col(SKETCH)).as(SKETCH));
    List<String> distinct = ids(catalog, MetricKind.COUNT_DISTINCT);
    List<String> averages = ids(catalog, MetricKind.AVG);
    Column metric = col(METRIC_ID);
    Column value = when(metric.isin(distinct.toArray()),
        hll_sketch_estimate(col(SKETCH)).cast("double"))
        .when(metric.isin(averages.toArray()), col(NUMERATOR).cast("double")
            .divide(col(DENOMINATOR).cast("double")))
        .otherwise(col(NUMERATOR).cast("double"));
    return merged.select(col(METRIC_ID), col(GRAIN), col(PERIOD_START), periodEnd(),
        col(SLICE_DIMS), col(SLICE), value.as(VALUE),
        when(metric.isin(averages.toArray()), col(NUMERATOR).cast("double")).as(NUMERATOR),
        when(metric.isin(averages.toArray()), col(DENOMINATOR).cast("double")).as(DENOMINATOR));
  }

  /**
   * {@code grain, period_start, run_date}: the last day of each touched period that has data, so
   * a value says how far into its period it reaches however it was computed (one range run or
   * nightly runs, in any order).
   */
  public static Dataset<Row> dataThrough(Dataset<Row> states, LocalDate from, LocalDate to) {
    return byPeriod(states).filter(touchedPeriods(from, to))
        .groupBy(GRAIN, PERIOD_START).agg(org.apache.spark.sql.functions.max(DAY).as("run_date"));
  }

  private static Dataset<Row> byPeriod(Dataset<Row> states) {
    return byPeriod(states, DAY);
  }

  /** Each row once per grain, with the start of the period of that grain its day falls in. */
  public static Dataset<Row> byPeriod(Dataset<Row> states, String dayColumn) {
    List<Column> periods = new ArrayList<>();
    for (Grain g : Grain.values()) {
      periods.add(struct(lit(g.spelling()).as(GRAIN), g.start(col(dayColumn)).as(PERIOD_START)));
    }
    return states.withColumn("p", explode(array(periods.toArray(Column[]::new))))
        .withColumn(GRAIN, col("p." + GRAIN)).withColumn(PERIOD_START, col("p." + PERIOD_START))
        .drop("p");
  }

  private static Column periodEnd() {
    Column start = col(PERIOD_START);
    return when(col(GRAIN).equalTo("day"), start)
        .when(col(GRAIN).equalTo("week"), org.apache.spark.sql.functions.date_add(start, 6))
        .when(col(GRAIN).equalTo("month"), org.apache.spark.sql.functions.last_day(start))
        .otherwise(org.apache.spark.sql.functions.date_sub(
            org.apache.spark.sql.functions.add_months(start, 3), 1)).as(PERIOD_END);
  }

  private static List<String> ids(MetricCatalog catalog, MetricKind kind) {
    return catalog.metrics().stream().filter(m -> m.kind() == kind).map(MetricDefinition::id)
        .toList();
  }

  /**
   * Ratio and formula metrics from the aggregate values of the same grain, period and slice, in
   * dependency order (a formula may use a ratio). A ratio keeps its parts as numerator and
   * denominator; a zero denominator gives null, never a number.
   */
  public static Dataset<Row> derived(Dataset<Row> values, MetricCatalog catalog) {
    List<MetricDefinition> derived = catalog.metrics().stream()
        .filter(m -> !m.kind().isAggregate()).toList();
    if (derived.isEmpty()) {
      return values.limit(0);
    }
    List<Object> aggregateIds = new ArrayList<>();
    catalog.metrics().stream().filter(m -> m.kind().isAggregate())
        .forEach(m -> aggregateIds.add(m.id()));
    Dataset<Row> wide = values.groupBy(GRAIN, PERIOD_START, PERIOD_END, SLICE_DIMS, SLICE)
        .pivot(METRIC_ID, aggregateIds).agg(first(VALUE));
    List<Column> rows = new ArrayList<>();
    for (MetricDefinition m : derived) {
      Column value;
      Column numerator = lit(null).cast("double");
      Column denominator = lit(null).cast("double");
      if (m.kind() == MetricKind.RATIO) {
        numerator = col(quote(m.numerator().orElseThrow()));
        denominator = col(quote(m.denominator().orElseThrow()));
        value = when(denominator.notEqual(0), numerator.divide(denominator));
      } else {
        value = expr(m.expression().orElseThrow()).cast("double");
      }
      wide = wide.withColumn(m.id(), value);
      List<Object> allowed = new ArrayList<>();
      SliceSpec.of(m).forEach(s -> allowed.add(s.name()));
      rows.add(when(col(SLICE_DIMS).isin(allowed.toArray()), struct(lit(m.id()).as(METRIC_ID),
          col(quote(m.id())).as(VALUE), numerator.as(NUMERATOR), denominator.as(DENOMINATOR))));
    }
    return wide.select(col(GRAIN), col(PERIOD_START), col(PERIOD_END), col(SLICE_DIMS),
            col(SLICE), explode(array(rows.toArray(Column[]::new))).as("m"))
        .filter(col("m").isNotNull()
            .and(col("m." + VALUE).isNotNull().or(col("m." + NUMERATOR).isNotNull())
                .or(col("m." + DENOMINATOR).isNotNull())))
        .select(col("m." + METRIC_ID).as(METRIC_ID), col(GRAIN), col(PERIOD_START),
            col(PERIOD_END), col(SLICE_DIMS), col(SLICE), col("m." + VALUE).as(VALUE),
            col("m." + NUMERATOR).as(NUMERATOR), col("m." + DENOMINATOR).as(DENOMINATOR));
  }

  private static String quote(String id) {
    return "`" + id + "`";
  }
}
