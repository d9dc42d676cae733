package com.kpialign.jobs.cli;

import com.kpialign.errors.ExitCode;
import com.kpialign.jobs.JobContext;
import com.kpialign.jobs.ResultPrinter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * {@code kpi sql "QUERY"}: runs Spark SQL over the warehouse's tables, registered by name, and
 * prints the result only: a readable table, or CSV / JSON lines for scripts.
 */
final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "run a Spark SQL query over the warehouse tables and print the result";
  }

  @Override
  public String arguments() {
    return "\"QUERY\"";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(Invocation.formatOption());
    options.addOption(Option.builder().longOpt("limit").hasArg().argName("N")
        .desc("print at most N rows (default 1000 for table; all for csv and json)").build());
    return options;
  }

  @Override
  public int run(Invocation invocation) {
    if (invocation.arguments().size() != 1) {
      throw new UsageException("expected exactly one argument, the query in quotes");
    }
    ResultPrinter.Format format = invocation.format();
    int limit = invocation.integer("limit", format == ResultPrinter.Format.TABLE ? 1000 : -1);
    if (invocation.value("limit").isPresent() && limit < 1) {
      throw new UsageException("--limit " + limit + ": must be a whole number of rows, 1 or more");
    }
    JobContext context = JobContext.open(invocation.conf(), "kpi sql", "sql");
    Dataset<Row> result;
    try {
      result = context.spark().sql(invocation.arguments().get(0));
    } catch (Exception e) {
      if (e instanceof AnalysisException analysis) {
        // a parse error's message points at the query; an analysis error's ends in the plan
        String message = e instanceof ParseException ? e.getMessage()
            : analysis.getSimpleMessage();
        throw new UsageException("the query is not valid: " + message, false);
      }
      throw e;
    }
    boolean truncated = new ResultPrinter(invocation.out()).print(result, format, limit);
    if (truncated) {
      invocation.err().println("kpi sql: output limited to " + limit + " rows (--limit N)");
    }
    return ExitCode.OK;
  }
}
