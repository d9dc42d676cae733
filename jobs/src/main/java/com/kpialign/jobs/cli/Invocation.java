package com.kpialign.jobs.cli;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import com.kpialign.jobs.ResultPrinter;
import com.kpialign.jobs.RunDates;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;

/** One parsed command line with typed access to the shared options, and the output streams. */
final class Invocation {
  static final String CONF = "conf";
  static final String ENV = "env";
  static final String RUN_DATE = "run-date";
  static final String FROM = "from";
  static final String TO = "to";
  static final String SUMMARY_FILE = "summary-file";
  static final String RUN_ID = "run-id";

  private final CommandLine line;
  private final PrintStream out;
  private final PrintStream err;

  Invocation(CommandLine line, PrintStream out, PrintStream err) {
    this.line = line;
    this.out = out;
    this.err = err;
  }

  CommandLine line() {
    return line;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  List<String> arguments() {
    return line.getArgList();
  }

  /** Loads and validates {@code --conf} for {@code --env}; throws before Spark is touched. */
  Conf conf() {
    return conf(defaultConfDir());
  }

  /** {@link #conf()}, from {@code defaultDir} when {@code --conf} is not given. */
  Conf conf(String defaultDir) {
    return ConfLoader.load(Path.of(line.getOptionValue(CONF, defaultDir)),
        line.getOptionValue(ENV, "local"));
  }

  /** {@code conf/} of the installation (bin/kpi sets kpi.home), else of the working directory. */
  static String defaultConfDir() {
    return Path.of(System.getProperty("kpi.home", "."), "conf").toString();
  }

  Optional<String> value(String option) {
    return Optional.ofNullable(line.getOptionValue(option));
  }

  Optional<LocalDate> date(String option) {
    return value(option).map(text -> {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new UsageException("--" + option + " must be a date YYYY-MM-DD, got '" + text + "'");
      }
    });
  }

  int integer(String option, int defaultValue) {
    return parsed(option, "a whole number", Integer::parseInt).orElse(defaultValue);
  }

  long longValue(String option, long defaultValue) {
    return parsed(option, "a whole number", Long::parseLong).orElse(defaultValue);
  }

  double decimal(String option, double defaultValue) {
    return parsed(option, "a number", Double::parseDouble).orElse(defaultValue);
  }

  private <T> Optional<T> parsed(String option, String what, Function<String, T> parse) {
    return value(option).map(text -> {
      try {
        return parse.apply(text);
      } catch (NumberFormatException e) {
        throw new UsageException("--" + option + " must be " + what + ", got '" + text + "'");
      }
    });
  }

  static org.apache.commons.cli.Option formatOption() {
    return org.apache.commons.cli.Option.builder().longOpt("format").hasArg().argName("FORMAT")
        .desc("table (default), csv or json (one object per line)").build();
  }

  /** {@code --format table|csv|json}, for look-up commands. */
  ResultPrinter.Format format() {
    String text = value("format").orElse("table");
    try {
      return ResultPrinter.Format.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format must be table, csv or json, got '" + text + "'");
    }
  }

  /** {@code --run-date D}, or {@code --from A --to B}; exactly one of the two forms. */
  RunDates runDates() {
    Optional<LocalDate> runDate = date(RUN_DATE);
    Optional<LocalDate> from = date(FROM);
    Optional<LocalDate> to = date(TO);
    if (runDate.isPresent() && (from.isPresent() || to.isPresent())) {
      throw new UsageException("give either --run-date or --from/--to, not both");
    }
    if (runDate.isPresent()) {
      return RunDates.single(runDate.get());
    }
    if (from.isEmpty() || to.isEmpty()) {
      throw new UsageException("--run-date YYYY-MM-DD (or --from and --to) is required");
    }
    if (to.get().isBefore(from.get())) {
      throw new UsageException("--to " + to.get() + " is before --from " + from.get());
    }
    return new RunDates(from.get(), to.get());
  }
}
