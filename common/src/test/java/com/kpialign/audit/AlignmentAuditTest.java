package com.kpialign.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each finding kind planted in a tiny catalog and tree, and found. */
class AlignmentAuditTest {
  @TempDir Path dir;

  static String metric(String id, String perspective, String reviewed, String kind) {
    return TestConf.metricEntry(id, "perspective: " + perspective + ", reviewed_on: " + reviewed
        + ", " + kind);
  }

  Conf conf() throws IOException {
    Files.writeString(dir.resolve("environments.yaml"),
        "environments:\n  local: {warehouse: /w, landing: /l}\n");
    Files.writeString(dir.resolve("sources.yaml"), """
        sources:
          - name: orders
            format: csv
            path: "{date}/orders.csv"
            primary_key: [order_id]
            event_date: order_date
            schema:
              - {name: order_id, type: string, nullable: false}
              - {name: order_date, type: date, nullable: false}
              - {name: amount, type: double, nullable: false}
        """);
    Files.writeString(dir.resolve("metrics.yaml"), "metrics:\n"
        + metric("revenue", "financial", "2025-06-01", "kind: sum, source: orders, expression: amount")
        + metric("orders", "customer", "2025-06-01", "kind: count, source: orders")
        + metric("aov", "financial", "2023-01-01", "kind: ratio, numerator: revenue, denominator: orders")
        + metric("booked", "financial", "2025-06-01", "kind: sum, source: orders, expression: amount"));
    Files.writeString(dir.resolve("kpi_tree.yaml"), """
        objectives:
          - {id: growth, statement: grow, perspective: financial, owner: CEO, target: t,
             kpis: [revenue]}
          - {id: green, statement: be green, perspective: internal_process, owner: COO,
             target: t, kpis: []}
        formulas:
          - {parent: revenue, expression: "orders * aov", alignment: process_outcome}
        """);
    return ConfLoader.load(dir, "local");
  }

  @Test
  void definitionFindings() throws IOException {
    Conf conf = conf();
    List<String> found = AlignmentAudit.ofDefinitions(conf.requireTree(), conf.requireCatalog(),
        LocalDate.of(2025, 12, 31), Set.of()).stream()
        .map(f -> f.finding() + " " + f.severity() + " " + f.subjectId()).toList();

    assertEquals(List.of(
        "unreachable_metric warning booked",
        "missing_target warning revenue",
        "objective_without_kpi error green",
        // revenue and aov financial, orders customer: 2 of 3 = 67% > 50%
        "unbalanced_perspective warning financial",
        "perspective_share info customer",
        "empty_perspective warning internal_process",
        "empty_perspective warning learning_and_growth",
        "stale_definition warning aov",
        "duplicate_definition warning booked"), found);
  }

  static Dataset<Row> values(List<Object[]> rows) {
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("metric_id", DataTypes.StringType, false),
        DataTypes.createStructField("grain", DataTypes.StringType, false),
        DataTypes.createStructField("period_start", DataTypes.DateType, false),
        DataTypes.createStructField("slice", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.DoubleType, true)));
    List<Row> list = rows.stream().map(r -> RowFactory.create(r[0], r[1],
        Date.valueOf((String) r[2]), r[3], r[4])).toList();
    return TestSpark.session().createDataFrame(list, schema);
  }

  @Test
  void aParentThatIsNotItsFormulaIsAMismatch() throws IOException {
    KpiTree tree = conf().requireTree();
    // week 1: 100 = 4 * 25; week 2: 90 != 4 * 25 (off by 10%)
    Dataset<Row> v = values(List.of(
        new Object[] {"revenue", "week", "2025-01-06", "all", 100.0},
        new Object[] {"orders", "week", "2025-01-06", "all", 4.0},
        new Object[] {"aov", "week", "2025-01-06", "all", 25.0},
        new Object[] {"revenue", "week", "2025-01-13", "all", 90.0},
        new Object[] {"orders", "week", "2025-01-13", "all", 4.0},
        new Object[] {"aov", "week", "2025-01-13", "all", 25.0}));

    List<String> found = TestSpark.rows(AlignmentAudit.formulaMismatches(v, tree)
        .select("finding", "subject_id", "detail"));
    assertEquals(List.of("[formula_mismatch,revenue,revenue is not orders * aov in 1 of 2 values "
        + "of grain week (worst by 11.1%)]"), found);
  }

  @Test
  void flatAndCoincidingValues() {
    List<Object[]> weekly = new ArrayList<>();
    List<Object[]> daily = new ArrayList<>();
    LocalDate start = LocalDate.of(2025, 1, 6);
    for (int w = 0; w < 8; w++) {
      weekly.add(new Object[] {"flat", "week", start.plusWeeks(w).toString(), "all", 3.0});
      weekly.add(new Object[] {"moving", "week", start.plusWeeks(w).toString(), "all", 3.0 + w});
    }
    for (int w = 0; w < 20; w++) {
      double v = 100 + w;
      String week = start.plusWeeks(w).toString();
      daily.add(new Object[] {"revenue", "week", week, "all", v});
      // booked equals revenue except in 1 of 20 weeks (95%)
      daily.add(new Object[] {"booked", "week", week, "all", w == 0 ? v * 2 : v});
      daily.add(new Object[] {"orders", "week", week, "all", v / 10});
    }
    assertEquals(List.of("[stale_values,flat]"), TestSpark.rows(AlignmentAudit.flat(
        values(weekly).select("metric_id", "period_start", "value"), 8)
        .select("finding", "subject_id")));
    assertEquals(List.of("[duplicate_values,revenue,equals booked within 0.1% in 95% of 20 "
        + "weeks: two names for one number?]"), TestSpark.rows(AlignmentAudit.coinciding(
            values(daily).select("metric_id", "period_start", "value"))
        .select("finding", "subject_id", "detail")));
  }
}
