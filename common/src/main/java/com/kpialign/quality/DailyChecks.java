package com.kpialign.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import com.kpialign.catalog.CatalogRows;
import com.kpialign.catalog.CheckDefinition;
import com.kpialign.catalog.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Column checks of the catalog run with Deequ for every day of a run, as one
 * {@code VerificationSuite}: each check is declared once per day with a {@code where} filter on
 * the day column, so Deequ fuses all of them into a single scan instead of one pass per day.
 * Kinds covered here: {@code complete}, {@code non_negative}, {@code range}. (Uniqueness,
 * references, reconciliation and anomaly checks need other plans and are not handled here.)
 */
public final class DailyChecks {
  /** A catalog check and the metric that declares it. */
  public record MetricCheck(String metricId, CheckDefinition check) {}

  /** The outcome of one check on one day. */
  public record Outcome(LocalDate date, String metricId, String check, Severity severity,
      boolean passed, Optional<Double> metric, String message) {}

  /** A check as declared for one day, in the order its constraint was added. */
  private record Declared(LocalDate date, MetricCheck check) {}

  private DailyChecks() {}

  public static boolean supports(CheckDefinition check) {
    return switch (check.type()) {
      case COMPLETE, NON_NEGATIVE, RANGE -> true;
      default -> false;
    };
  }

  /**
   * @param rows the rows of the run's days
   * @param dayColumn the date column that says which day a row belongs to
   */
  public static List<Outcome> verify(Dataset<Row> rows, String dayColumn, List<LocalDate> days,
      List<MetricCheck> checks) {
    List<Declared> declared = new ArrayList<>();
    Check errors = new Check(CheckLevel.Error(), "error checks", emptySeq());
    Check warnings = new Check(CheckLevel.Warning(), "warning checks", emptySeq());
    for (MetricCheck check : checks) {
      if (!supports(check.check())) {
        continue;
      }
      for (LocalDate day : days) {
        String filter = "`" + dayColumn + "` = DATE'" + day + "'";
        if (check.check().severity() == Severity.ERROR) {
          errors = add(errors, check.check(), filter);
        } else {
          warnings = add(warnings, check.check(), filter);
        }
        declared.add(new Declared(day, check));
      }
    }
    if (declared.isEmpty()) {
      return List.of();
    }
    VerificationResult result = new VerificationSuite().onData(rows)
        .addCheck(errors).addCheck(warnings).run();
    List<Outcome> out = new ArrayList<>();
    out.addAll(outcomes(result, errors, declared, Severity.ERROR));
    out.addAll(outcomes(result, warnings, declared, Severity.WARNING));
    return out;
  }

  private static Check add(Check check, CheckDefinition definition, String filter) {
    String column = definition.column().orElseThrow();
    Option<String> hint = Option.apply(CatalogRows.describe(definition));
    return switch (definition.type()) {
      case COMPLETE -> check.isComplete(column, hint, Option.empty()).where(filter);
      case NON_NEGATIVE -> check.isNonNegative(column, Check.IsOne(), hint).where(filter);
      case RANGE -> {
        // built here: Deequ's numeric isContainedIn writes an open bound as an unparseable
        // "Infinity", which fails every analyzer fused into the same scan
        String quoted = "`" + column + "`";
        StringBuilder condition = new StringBuilder(quoted + " IS NULL OR (TRUE");
        definition.min().ifPresent(v -> condition.append(" AND ").append(quoted)
            .append(" >= ").append(v));
        definition.max().ifPresent(v -> condition.append(" AND ").append(quoted)
            .append(" <= ").append(v));
        condition.append(')');
        yield check.satisfies(condition.toString(), CatalogRows.describe(definition),
            Check.IsOne(), hint, emptyList(), Option.empty()).where(filter);
      }
      default -> throw new IllegalArgumentException("unsupported check " + definition.type());
    };
  }

  /** Deequ keeps a check's constraints in the order they were added: pair them back. */
  private static List<Outcome> outcomes(VerificationResult result, Check check,
      List<Declared> declared, Severity severity) {
    List<Declared> mine = declared.stream()
        .filter(d -> d.check().check().severity() == severity).toList();
    Option<CheckResult> checkResult = result.checkResults().get(check);
    List<Outcome> out = new ArrayList<>();
    if (checkResult.isEmpty()) {
      return out;
    }
    List<ConstraintResult> constraints =
        JavaConverters.seqAsJavaList(checkResult.get().constraintResults());
    for (int i = 0; i < constraints.size(); i++) {
      ConstraintResult c = constraints.get(i);
      Declared d = mine.get(i);
      boolean passed = c.status() == ConstraintStatus.Success();
      Optional<Double> metric = Optional.empty();
      if (c.metric().isDefined()) {
        Metric<?> m = c.metric().get();
        if (m.value().isSuccess() && m.value().get() instanceof Number n) {
          metric = Optional.of(n.doubleValue());
        }
      }
      String message = c.message().isDefined() ? c.message().get() : (passed ? "ok" : "failed");
      out.add(new Outcome(d.date(), d.check().metricId(), CatalogRows.describe(d.check().check()),
          severity, passed, metric, message));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> scala.collection.immutable.List<T> emptyList() {
    return (scala.collection.immutable.List<T>) scala.collection.immutable.Nil$.MODULE$;
  }

  @SuppressWarnings("unchecked")
  private static <T> scala.collection.Seq<T> emptySeq() {
    return (scala.collection.Seq<T>) scala.collection.immutable.Nil$.MODULE$;
  }
}
