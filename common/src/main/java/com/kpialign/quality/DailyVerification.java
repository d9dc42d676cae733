package com.kpialign.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analysis;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ScanShareableAnalyzer;
import com.amazon.deequ.analyzers.State;
import com.amazon.deequ.analyzers.StateLoader;
import com.amazon.deequ.anomalydetection.OnlineNormalStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.memory.InMemoryMetricsRepository;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.kpialign.catalog.CheckType;
import com.kpialign.catalog.Severity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.util.Success;

/**
 * Runs a source's checks on every day of a run with Deequ, reading the data once.
 *
 * <p>Deequ's scan-shareable analyzers (completeness, compliance, size, sum...) each reduce the
 * data to a small mergeable state. All analyzers of all checks are computed in ONE grouped
 * aggregation by day, using each analyzer's own aggregation functions; then, for each day,
 * {@code VerificationSuite.runOnAggregatedStates} computes the metrics from that day's states and
 * evaluates the checks. The result is what a Deequ run on each day's rows alone would give, at
 * the cost of one scan for the whole range instead of one per day.
 *
 * <p>Anomaly checks use Deequ's {@link OnlineNormalStrategy} on the same weekday of the
 * {@value #HISTORY_WEEKS} weeks before the day (from {@link MetricHistory}); with fewer than
 * {@value #MIN_HISTORY} earlier values a check is {@code skipped}: the strategy counts the new
 * point in its own mean and deviation, so with n points no value can lie further than
 * (n-1)/sqrt(n) deviations out, and 3 deviations need at least 11 points.
 */
public final class DailyVerification {
  public static final int HISTORY_WEEKS = 26;
  public static final int MIN_HISTORY = 10;
  public static final double DEVIATIONS = 3.0;

  public enum Status {
    PASSED, FAILED, NO_DATA, SKIPPED;

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The outcome of one check on one day. */
  public record Outcome(LocalDate day, SourceChecks.Planned check, Status status,
      Optional<Double> value, String message) {
    /** A failed check of severity error: it unverifies metrics and fails the job. */
    public boolean failedError() {
      return status == Status.FAILED && check.severity() == Severity.ERROR;
    }
  }

  /** One Deequ metric of one day. */
  public record DayMetric(LocalDate day, String source, String entity, String name,
      String instance, double value) {}

  public record Result(List<Outcome> outcomes, List<DayMetric> metrics) {
    /** The day's value of a metric listed in {@code dailyValueMetrics}, if the day had rows. */
    public Optional<Double> dailyValue(LocalDate day, String metricId) {
      String instance = SourceChecks.metricColumn(metricId);
      return metrics.stream().filter(m -> m.day().equals(day) && m.name().equals("Sum")
          && m.instance().equals(instance)).map(DayMetric::value).findFirst();
    }
  }

  private DailyVerification() {}

  /**
   * @param rows the source's delivered rows with derived columns, for the run's days
   * @param days the days to judge, ascending: a day without rows gets {@code no_data}
   * @param history earlier metric values; this run's values are added as days are judged
   */
  public static Result verify(Dataset<Row> rows, String dayColumn, String source,
      List<LocalDate> days, List<SourceChecks.Planned> plan, Set<String> dailyValueMetrics,
      MetricHistory history) {
    Map<SourceChecks.Planned, Check> singleDay = new LinkedHashMap<>();
    Set<Analyzer<?, ?>> analyzers = new LinkedHashSet<>();
    analyzers.add(new com.amazon.deequ.analyzers.Size(Option.empty()));
    for (SourceChecks.Planned p : plan) {
      switch (p.type()) {
        case ROW_COUNT_ANOMALY, METRIC_ANOMALY -> analyzers.add(SourceChecks.anomalyAnalyzer(p));
        case RECONCILE -> { } // judged across sources, from the daily values
        default -> {
          Check check = SourceChecks.constraint(new Check(level(p.severity()), p.constraint(),
              emptySeq()), p);
          singleDay.put(p, check);
          JavaConverters.setAsJavaSet(check.requiredAnalyzers()).forEach(analyzers::add);
        }
      }
    }
    dailyValueMetrics.forEach(id -> analyzers.add(SourceChecks.dailyValue(id)));

    Map<LocalDate, Map<Analyzer<?, ?>, State<?>>> states =
        statesByDay(rows, dayColumn, new ArrayList<>(analyzers));
    List<Outcome> outcomes = new ArrayList<>();
    List<DayMetric> metrics = new ArrayList<>();
    for (LocalDate day : days) {
      Map<Analyzer<?, ?>, State<?>> dayStates = states.get(day);
      if (dayStates == null) {
        for (SourceChecks.Planned p : plan) {
          if (p.type() != CheckType.RECONCILE) {
            outcomes.add(new Outcome(day, p, Status.NO_DATA, Optional.empty(),
                "the extract of this day has no rows"));
          }
        }
        continue;
      }
      Map<SourceChecks.Planned, Check> checks = new LinkedHashMap<>(singleDay);
      for (SourceChecks.Planned p : plan) {
        if (p.type() == CheckType.ROW_COUNT_ANOMALY || p.type() == CheckType.METRIC_ANOMALY) {
          List<Map.Entry<LocalDate, Double>> earlier =
              history.sameWeekdayBefore(historyKey(source, p), day, HISTORY_WEEKS);
          if (earlier.size() < MIN_HISTORY) {
            outcomes.add(new Outcome(day, p, Status.SKIPPED, Optional.empty(), "needs "
                + MIN_HISTORY + " values of the same weekday in the " + HISTORY_WEEKS
                + " weeks before, has " + earlier.size()));
          } else {
            checks.put(p, anomalyCheck(p, earlier));
          }
        }
      }
      // Deequ merges the loaded state once per listing of an analyzer: list each only once
      Set<Analyzer<?, ?>> extra = new LinkedHashSet<>(analyzers);
      checks.values().forEach(c -> extra.removeAll(JavaConverters.setAsJavaSet(
          c.requiredAnalyzers())));
      VerificationResult result = new VerificationSuite().runOnAggregatedStates(rows.schema(),
          seq(new ArrayList<>(checks.values())), seq(List.of(loader(dayStates))),
          new Analysis(seq(analyzerList(extra))), Option.empty(), Option.empty(),
          Option.empty());
      for (Map.Entry<SourceChecks.Planned, Check> e : checks.entrySet()) {
        outcomes.add(outcome(day, e.getKey(), result.checkResults().get(e.getValue()).get()));
      }
      for (Metric<?> m : JavaConverters.asJavaCollection(result.metrics().values())) {
        if (m instanceof DoubleMetric d && d.value().isSuccess()) {
          double value = (Double) d.value().get();
          metrics.add(new DayMetric(day, source, d.entity().toString(), d.name(), d.instance(),
              value));
          history.add(MetricHistory.key(source, d.name(), d.instance()), day, value);
        }
      }
    }
    metrics.sort(java.util.Comparator.comparing(DayMetric::day).thenComparing(DayMetric::name)
        .thenComparing(DayMetric::instance));
    return new Result(outcomes, metrics);
  }

  /** Each analyzer's state for every day that has rows: one aggregation grouped by day. */
  static Map<LocalDate, Map<Analyzer<?, ?>, State<?>>> statesByDay(Dataset<Row> rows,
      String dayColumn, List<Analyzer<?, ?>> analyzers) {
    List<Column> aggregations = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    for (Analyzer<?, ?> analyzer : analyzers) {
      if (!(analyzer instanceof ScanShareableAnalyzer<?, ?> shareable)) {
        throw new IllegalArgumentException("not computable by day in one scan: " + analyzer);
      }
      offsets.add(1 + aggregations.size());
      aggregations.addAll(JavaConverters.seqAsJavaList(shareable.aggregationFunctions()));
    }
    Map<LocalDate, Map<Analyzer<?, ?>, State<?>>> out = new TreeMap<>();
    List<Row> perDay = rows.groupBy(dayColumn).agg(aggregations.get(0),
        aggregations.subList(1, aggregations.size()).toArray(Column[]::new)).collectAsList();
    for (Row row : perDay) {
      Map<Analyzer<?, ?>, State<?>> states = new HashMap<>();
      for (int i = 0; i < analyzers.size(); i++) {
        Option<?> state = ((ScanShareableAnalyzer<?, ?>) analyzers.get(i))
            .fromAggregationResult(row, offsets.get(i));
        if (state.isDefined()) {
          states.put(analyzers.get(i), (State<?>) state.get());
        }
      }
      out.put(row.getDate(0).toLocalDate(), states);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Analyzer<?, Metric<?>>> analyzerList(Set<Analyzer<?, ?>> analyzers) {
    return (List) new ArrayList<>(analyzers);
  }

  private static StateLoader loader(Map<Analyzer<?, ?>, State<?>> states) {
    return new StateLoader() {
      @Override
      @SuppressWarnings("unchecked")
      public <S extends State<?>> Option<S> load(Analyzer<S, ?> analyzer) {
        return Option.apply((S) states.get(analyzer));
      }
    };
  }

  /** The history key of the check's analyzer: Deequ's own metric name and instance. */
  private static String historyKey(String source, SourceChecks.Planned p) {
    Metric<?> named = SourceChecks.anomalyAnalyzer(p).computeMetricFrom(Option.empty());
    return MetricHistory.key(source, named.name(), named.instance());
  }

  /** Deequ's anomaly check of the day's value against {@code earlier} values. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Check anomalyCheck(SourceChecks.Planned p,
      List<Map.Entry<LocalDate, Double>> earlier) {
    Analyzer analyzer = SourceChecks.anomalyAnalyzer(p);
    InMemoryMetricsRepository repository = new InMemoryMetricsRepository();
    for (Map.Entry<LocalDate, Double> point : earlier) {
      DoubleMetric metric = new DoubleMetric(Entity.Dataset(), "history", "*",
          new Success<>(point.getValue()), Option.empty());
      scala.collection.immutable.Map<Analyzer<?, Metric<?>>, Metric<?>> context =
          (scala.collection.immutable.Map) scala.collection.immutable.Map$.MODULE$.empty()
              .$plus(new Tuple2<>(analyzer, metric));
      repository.save(new ResultKey(point.getKey().atStartOfDay().toInstant(ZoneOffset.UTC)
          .toEpochMilli(), (scala.collection.immutable.Map) scala.collection.immutable.Map$.MODULE$
          .empty()), new AnalyzerContext(context));
    }
    return new Check(level(p.severity()), p.constraint(), emptySeq())
        .isNewestPointNonAnomalous(repository, new OnlineNormalStrategy(Option.apply(DEVIATIONS),
            Option.apply(DEVIATIONS), 0.0, true), analyzer,
            (scala.collection.immutable.Map) scala.collection.immutable.Map$.MODULE$.empty(),
            Option.empty(), Option.empty(), Option.apply(p.constraint()));
  }

  private static Outcome outcome(LocalDate day, SourceChecks.Planned p, CheckResult result) {
    ConstraintResult c = JavaConverters.seqAsJavaList(result.constraintResults()).get(0);
    boolean passed = c.status() == ConstraintStatus.Success();
    Optional<Double> value = Optional.empty();
    if (c.metric().isDefined()) {
      Metric<?> m = c.metric().get();
      if (m.value().isSuccess() && m.value().get() instanceof Number n) {
        value = Optional.of(n.doubleValue());
      }
    }
    String message = c.message().isDefined() ? c.message().get() : (passed ? "ok" : "failed");
    return new Outcome(day, p, passed ? Status.PASSED : Status.FAILED, value, message);
  }

  private static scala.Enumeration.Value level(Severity severity) {
    return severity == Severity.ERROR ? CheckLevel.Error() : CheckLevel.Warning();
  }

  private static <T> scala.collection.Seq<T> seq(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toSeq();
  }

  @SuppressWarnings("unchecked")
  private static <T> scala.collection.Seq<T> emptySeq() {
    return (scala.collection.Seq<T>) scala.collection.immutable.Nil$.MODULE$;
  }
}
