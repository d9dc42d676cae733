package com.kpialign.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import com.kpialign.errors.ExitCode;

import com.kpialign.jobs.JobContext;
import com.kpialign.jobs.ResultPrinter;
import com.kpialign.table.AlertsTable;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code kpi alerts --run-date D}: the alerts of the periods that end on D (the day D, and the
 * week, month or quarter that ended on D), most severe first.
 */
final class AlertsCommand implements Command {
  @Override
  public String name() {
    return "alerts";
  }

  @Override
  public String summary() {
    return "print the alerts of the periods ending on the run date, most severe first";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt(Invocation.RUN_DATE).hasArg().argName("DATE")
        .desc("the day whose alerts to print, YYYY-MM-DD").build());
    options.addOption(Invocation.formatOption());
    return options;
  }

  @Override
  public int run(Invocation invocation) {
    LocalDate day = invocation.date(Invocation.RUN_DATE)
        .orElseThrow(() -> new UsageException("--run-date YYYY-MM-DD is required"));
    ResultPrinter.Format format = invocation.format();
    JobContext context = JobContext.open(invocation.conf(), "kpi alerts", "alerts");
    String table = AlertsTable.name(context.conf().environment().databases().kpi());
    if (!context.spark().catalog().tableExists(table)) {
      throw new UsageException("no table " + table + " yet: run kpi explain (or kpi nightly)");
    }
    Column severity = functions.when(col("severity").equalTo("critical"), 0)
        .when(col("severity").equalTo("high"), 1).when(col("severity").equalTo("medium"), 2)
        .otherwise(3);
    Dataset<Row> alerts = context.spark().table(table)
        .filter(col("period_end").equalTo(lit(Date.valueOf(day))))
        .orderBy(severity, col("grain"), col("metric_id"))
        .select("severity", "grain", "period_start", "metric_id", "owner", "cause", "recurrence",
            "summary");
    new ResultPrinter(invocation.out()).print(alerts, format, -1);
    return ExitCode.OK;
  }
}
