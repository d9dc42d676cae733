package com.kpialign.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Sum;
import com.amazon.deequ.checks.Check;
import com.kpialign.catalog.AggregateKind;
import com.kpialign.catalog.CatalogRows;
import com.kpialign.catalog.CheckDefinition;
import com.kpialign.catalog.CheckType;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.catalog.Severity;
import com.kpialign.config.ColumnSpec;
import com.kpialign.config.SourceDefinition;
import com.kpialign.ingest.ExtractLoad;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.runtime.java8.JFunction1$mcZD$sp;

/**
 * The data-quality checks of one source, generated from its schema and declared by the catalog
 * metrics that read it, and how each becomes a Deequ constraint.
 *
 * <p>From the schema, as warnings (every defect is recorded): completeness of each required
 * column, allowed values, uniqueness of the primary key. A catalog check on the same column and
 * kind replaces the generated one, with its own severity. Checks that need more than the source's
 * own columns read derived columns added by {@link #withDerivedColumns}: whether a referenced key
 * exists, and the daily value of a metric.
 */
public final class SourceChecks {
  private static final String REFERENCE_PREFIX = "_ref_";
  private static final String METRIC_PREFIX = "_metric_";

  private SourceChecks() {}

  /** One check on a source; {@code metricId} is empty for checks generated from the schema. */
  public record Planned(String source, Optional<String> metricId, CheckDefinition definition,
      List<String> allowed) {
    public Planned {
      allowed = List.copyOf(allowed);
    }

    /** The readable constraint recorded in {@code quality.dq_results}. */
    public String constraint() {
      return CatalogRows.describe(definition);
    }

    public Severity severity() {
      return definition.severity();
    }

    public CheckType type() {
      return definition.type();
    }
  }

  public static List<Planned> plan(SourceDefinition source, MetricCatalog catalog) {
    List<Planned> declared = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      if (m.source().filter(source.name()::equals).isEmpty()) {
        continue;
      }
      for (CheckDefinition c : m.checks()) {
        List<String> allowed = c.type() == CheckType.ALLOWED
            ? source.column(c.column().orElseThrow()).orElseThrow().allowed() : List.of();
        declared.add(new Planned(source.name(), Optional.of(m.id()), c, allowed));
      }
    }
    List<Planned> out = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      if (!column.nullable() && !covers(declared, CheckType.COMPLETE, column.name())) {
        out.add(generated(source, CheckType.COMPLETE, column.name(), List.of()));
      }
      if (!column.allowed().isEmpty() && !covers(declared, CheckType.ALLOWED, column.name())) {
        out.add(generated(source, CheckType.ALLOWED, column.name(), column.allowed()));
      }
    }
    if (!source.rowKey().isEmpty()
        && declared.stream().noneMatch(p -> p.type() == CheckType.UNIQUE)) {
      out.add(generated(source, CheckType.UNIQUE, String.join("+", source.rowKey()),
          List.of()));
    }
    out.addAll(declared);
    return out;
  }

  private static boolean covers(List<Planned> declared, CheckType type, String column) {
    return declared.stream().anyMatch(p -> p.type() == type
        && p.definition().column().filter(column::equals).isPresent());
  }

  private static Planned generated(SourceDefinition source, CheckType type, String column,
      List<String> allowed) {
    return new Planned(source.name(), Optional.empty(), new CheckDefinition(type,
        Optional.of(column), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Severity.WARNING), allowed);
  }

  /** The metrics of this source whose daily value a check needs (anomaly, reconciliation). */
  public static Set<String> dailyValueMetrics(SourceDefinition source, MetricCatalog catalog) {
    Set<String> out = new LinkedHashSet<>();
    for (MetricDefinition m : catalog.metrics()) {
      for (CheckDefinition c : m.checks()) {
        if (c.type() == CheckType.METRIC_ANOMALY || c.type() == CheckType.RECONCILE) {
          out.add(m.id());
        }
        if (c.type() == CheckType.RECONCILE) {
          out.add(c.reference().orElseThrow());
        }
      }
    }
    out.removeIf(id -> catalog.metric(id).flatMap(MetricDefinition::source)
        .filter(source.name()::equals).isEmpty());
    return out;
  }

  /**
   * Adds the columns checks read besides the source's own: for each reference check whether the
   * value exists in the referenced source, and each daily-value metric's contribution of the row.
   *
   * @param referenced for each reference check's {@code source.column}, the referenced values
   *     (one column, any name)
   */
  public static Dataset<Row> withDerivedColumns(Dataset<Row> delivered, List<Planned> plan,
      Set<String> dailyValueMetrics, MetricCatalog catalog,
      java.util.Map<String, Dataset<Row>> referenced) {
    Dataset<Row> out = delivered;
    for (Planned p : plan) {
      if (p.type() != CheckType.REFERENCE) {
        continue;
      }
      String column = p.definition().column().orElseThrow();
      String flag = referenceColumn(column);
      if (java.util.Arrays.asList(out.columns()).contains(flag)) {
        continue;
      }
      Dataset<Row> keys = referenced.get(p.definition().reference().orElseThrow());
      Dataset<Row> present = keys.select(keys.col(keys.columns()[0]).as("_ref_key"))
          .distinct().withColumn(flag, lit(true));
      out = out.join(present, out.col(column).equalTo(present.col("_ref_key")), "left")
          .drop("_ref_key")
          .withColumn(flag, when(col(column).isNotNull(), coalesce(col(flag), lit(false))));
    }
    for (String id : dailyValueMetrics) {
      MetricDefinition m = catalog.metric(id).orElseThrow();
      Column counted = col(DeliveredRows.REJECTED).isNull();
      if (m.filter().isPresent()) {
        counted = counted.and(coalesce(expr(m.filter().get()), lit(false)));
      }
      // the loader admits value checks only on kinds whose daily value is a sum of row values
      Column value = ((AggregateKind) m.kind()).rowValue(m).orElseThrow();
      out = out.withColumn(metricColumn(id), when(counted, value).cast("double"));
    }
    return out;
  }

  public static String referenceColumn(String column) {
    return REFERENCE_PREFIX + column;
  }

  public static String metricColumn(String metricId) {
    return METRIC_PREFIX + metricId;
  }

  /** The analyzer whose history an anomaly check judges. */
  public static Analyzer<?, ?> anomalyAnalyzer(Planned p) {
    return switch (p.type()) {
      case ROW_COUNT_ANOMALY -> new Size(Option.empty());
      case METRIC_ANOMALY -> dailyValue(p.metricId().orElseThrow());
      default -> throw new IllegalArgumentException("not an anomaly check: " + p.constraint());
    };
  }

  /** The Deequ sum of a metric's derived column: its value for the day. */
  public static Sum dailyValue(String metricId) {
    return new Sum(metricColumn(metricId), Option.empty());
  }

  /**
   * The Deequ constraint of a check that judges the day's rows alone (anomaly checks need
   * history and reconciliation needs a second source: see {@link DailyVerification}).
   */
  public static Check constraint(Check check, Planned p) {
    CheckDefinition d = p.definition();
    Option<String> hint = Option.apply(p.constraint());
    String column = d.column().orElse("");
    String quoted = "`" + column + "`";
    return switch (d.type()) {
      case COMPLETE -> d.min().isPresent()
          ? check.hasCompleteness(column, atLeast(d.min().get()), hint, Option.empty())
          : check.isComplete(column, hint, Option.empty());
      case ALLOWED -> check.isContainedIn(column, p.allowed().toArray(String[]::new),
          Check.IsOne(), hint, Option.empty());
      case UNIQUE -> check.satisfies("`" + DeliveredRows.REJECTED + "` IS NULL OR NOT startswith(`"
          + DeliveredRows.REJECTED + "`, '" + ExtractLoad.DUPLICATE + "')", p.constraint(),
          Check.IsOne(), hint, emptyList(), Option.empty());
      case NON_NEGATIVE -> check.isNonNegative(column, Check.IsOne(), hint);
      case RANGE -> {
        // built here: Deequ's numeric isContainedIn writes an open bound as an unparseable
        // "Infinity", which fails every analyzer fused into the same scan
        StringBuilder condition = new StringBuilder(quoted + " IS NULL OR (TRUE");
        d.min().ifPresent(v -> condition.append(" AND ").append(quoted).append(" >= ").append(v));
        d.max().ifPresent(v -> condition.append(" AND ").append(quoted).append(" <= ").append(v));
        condition.append(')');
        yield check.satisfies(condition.toString(), p.constraint(), Check.IsOne(), hint,
            emptyList(), Option.empty());
      }
      case REFERENCE -> check.satisfies("`" + referenceColumn(column) + "` IS NOT FALSE",
          p.constraint(), Check.IsOne(), hint, emptyList(), Option.empty());
      default -> throw new IllegalArgumentException("not a single-day check: " + p.constraint());
    };
  }

  private static scala.Function1<Object, Object> atLeast(double min) {
    return (JFunction1$mcZD$sp) v -> v >= min;
  }

  @SuppressWarnings("unchecked")
  static <T> scala.collection.immutable.List<T> emptyList() {
    return (scala.collection.immutable.List<T>) scala.collection.immutable.Nil$.MODULE$;
  }
}
