package com.kpialign.jobs.cli;

import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.KpiTreeText;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.errors.ExitCode;
import com.kpialign.jobs.JobContext;
import com.kpialign.table.MetricValuesTable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.Row;

/**
 * {@code kpi tree show [--metric ID]}: the KPI tree as indented text with each metric's value for
 * the latest month in {@code kpi.metric_values} (overall slice), or the branch above and below
 * one metric. Without computed values (or with {@code --no-values}) it starts no Spark.
 */
final class TreeCommand implements Command {
  @Override
  public String name() {
    return "tree";
  }

  @Override
  public String summary() {
    return "show the KPI tree (conf/kpi_tree.yaml) with current values";
  }

  @Override
  public String arguments() {
    return "show";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("metric").hasArg().argName("ID")
        .desc("show only the branch above and below this metric").build());
    options.addOption(Option.builder().longOpt("no-values").desc("do not read current values")
        .build());
    return options;
  }

  @Override
  public int run(Invocation invocation) {
    if (!invocation.arguments().equals(List.of("show"))) {
      throw new UsageException("expected 'kpi tree show', got " + invocation.arguments());
    }
    MetricCatalog catalog = invocation.conf().requireCatalog();
    KpiTree tree = invocation.conf().requireTree();
    String metric = invocation.value("metric").orElse(null);
    if (metric != null && catalog.metric(metric).isEmpty()) {
      throw new UsageException("unknown metric '" + metric + "'");
    }
    Map<String, String> values = invocation.line().hasOption("no-values") ? Map.of() : values(invocation);
    KpiTreeText text = new KpiTreeText(tree, catalog, values);
    invocation.out().print(metric == null ? text.whole() : text.branch(metric));
    return ExitCode.OK;
  }

  /** 12,345 for large values, 4 significant digits for small ones. */
  static String readable(double value) {
    return Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.4g", value);
  }

  /** The latest month's overall value of every metric, e.g. {@code 1,234.5 (month of 2025-12-01)}. */
  private static Map<String, String> values(Invocation invocation) {
    JobContext context = JobContext.open(invocation.conf(), "kpi tree", "tree");
    String table = MetricValuesTable.name(invocation.conf().environment().databases().kpi());
    Map<String, String> out = new HashMap<>();
    if (!context.spark().catalog().tableExists(table)) {
      return out;
    }
    List<Row> rows = context.spark().sql("SELECT metric_id, value, period_start FROM (SELECT "
        + "metric_id, value, period_start, row_number() OVER (PARTITION BY metric_id ORDER BY "
        + "period_start DESC) AS n FROM " + table + " WHERE grain = 'month' AND slice = 'all') "
        + "WHERE n = 1").collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), (r.isNullAt(1) ? "n/a" : readable(r.getDouble(1)))
          + " (month of " + r.getDate(2) + ")");
    }
    return out;
  }
}
