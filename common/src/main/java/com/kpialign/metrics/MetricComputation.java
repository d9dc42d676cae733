package com.kpialign.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.AggregateKind;
import com.kpialign.catalog.DerivedKind;
import com.kpialign.catalog.EntityDefinition;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
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
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 * <p>What each metric keeps and how it merges is its kind's ({@link AggregateKind},
 * {@link DerivedKind}): exact decimal sums and counts, HyperLogLog sketches for distinct counts,
 * quantile summaries for percentiles. Sums are decimal(38,6), and sketches and summaries depend
 * only on the values they hold, so no result depends on how rows were partitioned or ordered.
 */
public final class MetricComputation {
  static final DecimalType AMOUNT = AggregateKind.AMOUNT;

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
    return catalog.metrics().stream().filter(m -> m.kind() instanceof AggregateKind
        && m.source().filter(source.name()::equals).isPresent()).toList();
  }

  /**
   * States of every aggregate metric of the source, per day of [from, to] (by each metric's event
   * date) and slice: {@code metric_id, day, slice_dims, slice, numerator, denominator, sketch}.
   * {@code rows} holds the dimensions read through references already
   * ({@link JoinedDimensions#join}).
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

  /** Every dimension and event date the metrics read, in name order. */
  public static Set<String> pathsOf(List<MetricDefinition> metrics, SourceDefinition source) {
    Set<String> paths = dimensionsOf(metrics);
    metrics.forEach(m -> paths.add(m.eventDate().orElse(source.eventDate())));
    return paths;
  }

  /** Every dimension the metrics use, in name order. */
  public static Set<String> dimensionsOf(List<MetricDefinition> metrics) {
    Set<String> dimensions = new TreeSet<>();
    metrics.forEach(m -> dimensions.addAll(m.dimensions()));
    return dimensions;
  }

  private static Dataset<Row> statesByEventDate(Dataset<Row> rows, String eventDate,
      List<MetricDefinition> metrics, MetricCatalog catalog, LocalDate from, LocalDate to) {
    Set<String> dimensions = dimensionsOf(metrics);
    String source = metrics.get(0).source().orElseThrow();
    Set<String> multiValued = new TreeSet<>();
    dimensions.stream().filter(d -> catalog.sources().isMultiValued(source, d))
        .forEach(multiValued::add);
    List<Column> group = new ArrayList<>();
    group.add(col(DAY));
    // a multi-valued dimension groups by the set of a row's values: a row counts once per set
    dimensions.forEach(d -> group.add((multiValued.contains(d)
        ? array_sort(array_distinct(col(d).cast("array<string>"))) : col(d).cast("string"))
        .as(d)));
    // every metric's state in one aggregation to the finest grain (day x every dimension used)
    List<Column> fine = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      Optional<Column> measured = m.entity().map(id -> col(entity(catalog, id).key()))
          .or(() -> m.expression().map(e -> expr(e)));
      AggregateKind.State state = kind(m).aggregate(
          new AggregateKind.Input(condition(m, catalog), measured));
      fine.addAll(slotColumns(state, i));
    }
    Column day = col(DAY);
    Dataset<Row> finest = rows.withColumn(DAY, to_date(col(eventDate)))
        .filter(day.between(lit(Date.valueOf(from)), lit(Date.valueOf(to))))
        .groupBy(group.toArray(Column[]::new))
        .agg(fine.get(0), fine.subList(1, fine.size()).toArray(Column[]::new));

    // every finest row once per cut (slice spec), and once per member of a multi-valued
    // dimension's set, then one aggregation for all cuts: the finest table is computed once,
    // and it is small (days x dimension combinations)
    Set<SliceSpec> specs = new LinkedHashSet<>();
    metrics.forEach(m -> specs.addAll(SliceSpec.of(m)));
    List<Column> cuts = new ArrayList<>();
    specs.forEach(spec -> cuts.add(struct(lit(spec.name()).as(SLICE_DIMS),
        spec.slices(multiValued).as("slices"))));
    List<Column> merged = new ArrayList<>();
    List<Column> perMetric = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      merged.addAll(slotColumns(kind(m).merge(slot(i)), i));
      AggregateKind.State state = slot(i);
      Object[] allowed = SliceSpec.of(m).stream().map(SliceSpec::name).toArray();
      perMetric.add(when(col(SLICE_DIMS).isin(allowed), struct(lit(m.id()).as(METRIC_ID),
          state.numerator().cast(AMOUNT).as(NUMERATOR),
          state.denominator().cast(AMOUNT).as(DENOMINATOR), state.sketch().as(SKETCH))));
    }
    return finest.withColumn("cut", explode(array(cuts.toArray(Column[]::new))))
        .withColumn(SLICE, explode(col("cut.slices")))
        .groupBy(col(DAY), col("cut." + SLICE_DIMS).as(SLICE_DIMS), col(SLICE))
        .agg(merged.get(0), merged.subList(1, merged.size()).toArray(Column[]::new))
        .select(col(DAY), col(SLICE_DIMS), col(SLICE),
            explode(array(perMetric.toArray(Column[]::new))).as("m"))
        .filter(col("m").isNotNull())
        .select(col("m." + METRIC_ID).as(METRIC_ID), col(DAY), col(SLICE_DIMS), col(SLICE),
            col("m." + NUMERATOR).as(NUMERATOR), col("m." + DENOMINATOR).as(DENOMINATOR),
            col("m." + SKETCH).as(SKETCH));
  }

  /** Metric i's state in the columns {@code n<i>}, {@code d<i>}, {@code k<i>} of one row. */
  private static AggregateKind.State slot(int i) {
    return new AggregateKind.State(col("n" + i), col("d" + i), col("k" + i));
  }

  private static List<Column> slotColumns(AggregateKind.State state, int i) {
    return List.of(state.numerator().as("n" + i), state.denominator().as("d" + i),
        state.sketch().as("k" + i));
  }

  private static AggregateKind kind(MetricDefinition m) {
    return (AggregateKind) m.kind();
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
    List<MetricDefinition> aggregates = catalog.metrics().stream()
        .filter(m -> m.kind() instanceof AggregateKind).toList();
    // a group holds one metric; each kind merges the state columns of its own metrics
    List<AggregateKind> kinds = aggregates.stream().map(MetricComputation::kind).distinct()
        .toList();
    List<Column> merges = new ArrayList<>();
    for (AggregateKind kind : kinds) {
      Column ofKind = col(METRIC_ID).isin(aggregates.stream().filter(m -> m.kind() == kind)
          .map(MetricDefinition::id).toArray());
      AggregateKind.State own = new AggregateKind.State(when(ofKind, col(NUMERATOR)),
          when(ofKind, col(DENOMINATOR)), when(ofKind, col(SKETCH)));
      merges.addAll(slotColumns(kind.merge(own), kinds.indexOf(kind)));
    }
    Dataset<Row> merged = byPeriod(states)
        .filter(touchedPeriods(from, to))
        .groupBy(METRIC_ID, GRAIN, PERIOD_START, SLICE_DIMS, SLICE)
        .agg(merges.get(0), merges.subList(1, merges.size()).toArray(Column[]::new));
    Function<MetricDefinition, AggregateKind.State> state = m -> slot(kinds.indexOf(kind(m)));
    return merged.select(col(METRIC_ID), col(GRAIN), col(PERIOD_START), periodEnd(),
        col(SLICE_DIMS), col(SLICE),
        byMetric(aggregates, m -> kind(m).value(m, state.apply(m))).as(VALUE),
        byMetric(aggregates, m -> kind(m).published(state.apply(m)).get(0)).as(NUMERATOR),
        byMetric(aggregates, m -> kind(m).published(state.apply(m)).get(1)).as(DENOMINATOR));
  }

  /** {@code CASE metric_id WHEN m1 THEN column(m1) WHEN m2 ... END}. */
  private static Column byMetric(List<MetricDefinition> metrics,
      Function<MetricDefinition, Column> column) {
    Column out = null;
    for (MetricDefinition m : metrics) {
      Column isMetric = col(METRIC_ID).equalTo(m.id());
      out = out == null ? when(isMetric, column.apply(m)) : out.when(isMetric, column.apply(m));
    }
    return out;
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

  /**
   * A derived metric's part in the pivoted values: an aggregate that is 0 over no rows (a sum, a
   * count) reads 0 where another part of the metric has a value, so that an order without items
   * has an average item value of 0, not null.
   */
  private static Column part(MetricCatalog catalog, MetricDefinition metric, String partId) {
    Column value = col(quote(partId));
    boolean zeroOverNoRows = catalog.metric(partId).map(MetricDefinition::kind)
        .filter(k -> k instanceof AggregateKind a && a.isZeroOverNoRows()).isPresent();
    Column otherPart = metric.parts().stream().filter(p -> !p.equals(partId))
        .map(p -> col(quote(p)).isNotNull()).reduce(Column::or).orElse(lit(false));
    return zeroOverNoRows ? when(value.isNull().and(otherPart), lit(0.0)).otherwise(value)
        : value;
  }

  /**
   * Ratio and formula metrics from the aggregate values of the same grain, period and slice, in
   * dependency order (a formula may use a ratio). A ratio keeps its parts as numerator and
   * denominator; a zero denominator gives null, never a number. A sum or count
   * without rows reads 0 where the other parts have values ({@link #part}).
   */
  public static Dataset<Row> derived(Dataset<Row> values, MetricCatalog catalog) {
    List<MetricDefinition> derived = catalog.metrics().stream()
        .filter(m -> m.kind() instanceof DerivedKind).toList();
    if (derived.isEmpty()) {
      return values.limit(0);
    }
    List<Object> aggregateIds = new ArrayList<>();
    catalog.metrics().stream().filter(m -> m.kind() instanceof AggregateKind)
        .forEach(m -> aggregateIds.add(m.id()));
    Dataset<Row> wide = values.groupBy(GRAIN, PERIOD_START, PERIOD_END, SLICE_DIMS, SLICE)
        .pivot(METRIC_ID, aggregateIds).agg(first(VALUE));
    List<Column> rows = new ArrayList<>();
    for (MetricDefinition m : derived) {
      DerivedKind kind = (DerivedKind) m.kind();
      List<Column> published = kind.published(m, part -> part(catalog, m, part));
      Column numerator = published.get(0);
      Column denominator = published.get(1);
      wide = wide.withColumn(m.id(), kind.value(m, part -> part(catalog, m, part)));
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
