package com.kpialign.jobs.cli;

import com.kpialign.errors.Errors;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;
import com.kpialign.jobs.JobRunner;
import com.kpialign.jobs.Jobs;
import com.kpialign.jobs.RunSummary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The {@code kpi} command line. Parses the subcommand and its options, runs it, and is the one
 * place that turns failures into messages and exit codes: 0 ok, 1 data or check failure, 2 usage
 * or configuration error. Logs go to stderr; stdout carries only what was asked for, and for jobs
 * the JSON run summary as the last line.
 */
public final class Kpi {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, Command> commands = new LinkedHashMap<>();

  public Kpi(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    List<Command> all = new ArrayList<>();
    Jobs.ALL.forEach(job -> all.add(new JobCommand.Single(job)));
    all.addAll(List.of(new JobCommand.Nightly(), new AlertsCommand(), new DemoCommand(),
        new DemoDataCommand(), new SqlCommand(), new CatalogCommand(), new TreeCommand(),
        new RcaCommand(), new ConfigCommand()));
    for (Command c : all) {
      commands.put(c.name(), c);
    }
  }

  public static void main(String[] args) {
    int code = new Kpi(System.out, System.err).run(args);
    System.out.flush();
    System.exit(code);
  }

  public int run(String[] args) {
    args = commandFirst(args);
    if (args.length == 0) {
      printUsage(err);
      return ExitCode.USAGE;
    }
    if (List.of("-h", "--help", "help").contains(args[0])) {
      printUsage(out);
      return ExitCode.OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("kpi: unknown command '" + args[0] + "'");
      printUsage(err);
      return ExitCode.USAGE;
    }
    Options options = optionsOf(command);
    // help wins over every other option, so a command's help never needs its required ones
    if (Arrays.stream(args, 1, args.length).anyMatch(a -> a.equals("-h") || a.equals("--help"))) {
      printHelp(command, out);
      return ExitCode.OK;
    }
    CommandLine line;
    try {
      line = new DefaultParser().parse(options, Arrays.copyOfRange(args, 1, args.length));
    } catch (ParseException e) {
      err.println("kpi " + command.name() + ": " + e.getMessage());
      printHelp(command, err);
      return ExitCode.USAGE;
    }
    if (line.hasOption("help")) {
      printHelp(command, out);
      return ExitCode.OK;
    }
    if (line.hasOption("verbose")) {
      Configurator.setRootLevel(Level.INFO);
    }
    try {
      return command.run(new Invocation(line, out, err));
    } catch (UsageException e) {
      err.println("kpi " + command.name() + ": " + e.getMessage());
      if (e.showHelp()) {
        printHelp(command, err);
      }
      return e.exitCode();
    } catch (JobRunner.JobFailed e) {
      // a pipeline names the stage that failed
      String stage = e.summary().stages() == null ? "" : e.summary().stages().stream()
          .filter(st -> st.status() == RunSummary.Status.FAILED).map(st -> "stage " + st.job()
              + ": ").findFirst().orElse("");
      return reportFailure(command, stage, e.getCause(), e.summary().runId(),
          line.hasOption("verbose"));
    } catch (Exception e) {
      // Spark and Delta throw Scala exceptions that Java sees as checked (AnalysisException)
      return reportFailure(command, "", e, null, line.hasOption("verbose"));
    }
  }

  /** Prints a failure's message (an internal error's with its run id) and returns its code. */
  private int reportFailure(Command command, String stage, Throwable e, String runId,
      boolean verbose) {
    err.println("kpi " + command.name() + ": " + stage + (e instanceof KpiException
        ? e.getMessage() : Errors.internal(e, runId)));
    if (verbose && !(e instanceof KpiException)) {
      e.printStackTrace(err);
    }
    return Errors.exitCode(e);
  }

  /**
   * The arguments with shared options given before the command ({@code kpi --conf DIR ingest})
   * moved after it, where they are parsed with the command's own.
   */
  static String[] commandFirst(String[] args) {
    List<String> before = new ArrayList<>();
    int i = 0;
    while (i < args.length && args[i].startsWith("--") && !args[i].equals("--help")) {
      String option = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('='))
          : args[i];
      boolean hasValue = option.equals("--" + Invocation.CONF)
          || option.equals("--" + Invocation.ENV);
      if (!hasValue && !option.equals("--verbose")) {
        break;
      }
      before.add(args[i++]);
      if (hasValue && !args[i - 1].contains("=") && i < args.length) {
        before.add(args[i++]);
      }
    }
    if (before.isEmpty() || i >= args.length) {
      return args;
    }
    List<String> out = new ArrayList<>();
    out.add(args[i]);
    out.addAll(before);
    out.addAll(Arrays.asList(args).subList(i + 1, args.length));
    return out.toArray(String[]::new);
  }

  private Options optionsOf(Command command) {
    Options options = new Options();
    command.options().getOptions().forEach(options::addOption);
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    options.addOption(Option.builder().longOpt(Invocation.CONF).hasArg().argName("DIR")
        .desc("configuration directory (default: conf/ of the installation)").build());
    options.addOption(Option.builder().longOpt(Invocation.ENV).hasArg().argName("NAME")
        .desc("environment in environments.yaml (default local)").build());
    options.addOption(Option.builder().longOpt("verbose")
        .desc("log at INFO level, Spark included").build());
    if (command.isJob()) {
      options.addOption(Option.builder().longOpt(Invocation.RUN_DATE).hasArg().argName("DATE")
          .desc("the day to process, YYYY-MM-DD (Airflow: {{ data_interval_start | ds }})")
          .build());
      options.addOption(Option.builder().longOpt(Invocation.FROM).hasArg().argName("DATE")
          .desc("first day of a range processed in one pass").build());
      options.addOption(Option.builder().longOpt(Invocation.TO).hasArg().argName("DATE")
          .desc("last day of the range, inclusive").build());
      options.addOption(Option.builder().longOpt(Invocation.SUMMARY_FILE).hasArg()
          .argName("PATH").desc("also write the JSON run summary to PATH").build());
      options.addOption(Option.builder().longOpt(Invocation.RUN_ID).hasArg().argName("ID")
          .desc("run id recorded on every row (default: generated)").build());
    }
    return options;
  }

  private void printUsage(PrintStream stream) {
    stream.println("usage: kpi COMMAND [options]   (kpi COMMAND --help for its options)");
    stream.println();
    stream.println("commands:");
    commands.values().forEach(c -> stream.printf("  %-10s %s%n", c.name(), c.summary()));
    stream.println();
    stream.println("exit codes: 0 ok, 1 data or check failure, 2 usage or configuration error");
  }

  private void printHelp(Command command, PrintStream stream) {
    PrintWriter writer = new PrintWriter(stream);
    HelpFormatter formatter = new HelpFormatter();
    formatter.setOptionComparator(null);
    String syntax = "kpi " + command.name() + " [options]"
        + (command.arguments().isEmpty() ? "" : " " + command.arguments());
    formatter.printHelp(writer, 100, syntax, command.summary(), optionsOf(command), 2, 2,
        (command.notes().isEmpty() ? "" : command.notes() + "\n")
            + "exit codes: 0 ok, 1 data or check failure, 2 usage or configuration error");
    writer.flush();
  }
}
