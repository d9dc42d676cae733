package com.kpialign.jobs.cli;

import com.kpialign.errors.ExitCode;
import com.kpialign.errors.IoFailure;
import com.kpialign.rca.LeafCsv;
import com.kpialign.rca.LeafTable;
import com.kpialign.rca.Localization;
import com.kpialign.rca.LocalizationBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code kpi rca localize} and {@code kpi rca bench}: the dimension localization outside the
 * pipeline, on leaf tables in CSV files, so that it can be evaluated on public labelled data; and
 * its score on generated labelled cases. No Spark.
 */
final class RcaCommand implements Command {
  private static final String[] RATIO_OPTIONS = {"actual-numerator", "actual-denominator",
      "expected-numerator", "expected-denominator"};

  @Override
  public String name() {
    return "rca";
  }

  @Override
  public String summary() {
    return "root-cause localization on leaf CSV files (localize), or its score on generated "
        + "cases (bench)";
  }

  @Override
  public String arguments() {
    return "localize|bench";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("input").hasArgs().argName("PATH...")
        .desc("localize: leaf CSV files (plain or .gz) or folders of them; one row per leaf")
        .build());
    options.addOption(Option.builder().longOpt("dimensions").hasArg().argName("A,B,C")
        .desc("localize: the dimension columns (default: every column not a measure)").build());
    options.addOption(Option.builder().longOpt("actual").hasArg().argName("COL")
        .desc("localize: the actual value column of an additive metric").build());
    options.addOption(Option.builder().longOpt("expected").hasArg().argName("COL")
        .desc("localize: the expected value column of an additive metric").build());
    for (String ratio : RATIO_OPTIONS) {
      options.addOption(Option.builder().longOpt(ratio).hasArg().argName("COL")
          .desc("localize, ratio metric: the " + ratio.replace('-', ' ') + " column").build());
    }
    options.addOption(Option.builder().longOpt("max-causes").hasArg().argName("K")
        .desc("localize: report at most K elements (default "
            + Localization.Settings.DEFAULT.maxCauses() + ")").build());
    options.addOption(Option.builder().longOpt("cases").hasArg().argName("N")
        .desc("bench: cases per case type and noise level (default 30)").build());
    options.addOption(Option.builder().longOpt("seed").hasArg().argName("S")
        .desc("bench: seed of the generated cases (default 1)").build());
    return options;
  }

  @Override
  public int run(Invocation invocation) {
    List<String> args = invocation.arguments();
    if (args.size() != 1 || !List.of("localize", "bench").contains(args.get(0))) {
      throw new UsageException("expected one action: localize or bench");
    }
    return args.get(0).equals("localize") ? localize(invocation) : bench(invocation);
  }

  private int localize(Invocation invocation) {
    LeafCsv.Columns columns = columns(invocation);
    int maxCauses = invocation.integer("max-causes", Localization.Settings.DEFAULT.maxCauses());
    if (maxCauses < 1) {
      throw new UsageException("--max-causes must be at least 1");
    }
    Localization.Settings settings = Localization.Settings.DEFAULT.withMaxCauses(maxCauses);
    String[] inputs = invocation.line().getOptionValues("input");
    if (inputs == null || inputs.length == 0) {
      throw new UsageException("--input FILE.csv is required");
    }
    List<Path> files = new ArrayList<>();
    boolean folder = false;
    for (String input : inputs) {
      Path path = Path.of(input);
      if (Files.isDirectory(path)) {
        folder = true;
        files.addAll(leafFiles(path));
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new UsageException("--input " + input + ": no such file or folder");
      }
    }
    boolean headers = folder || files.size() > 1;
    for (Path file : files) {
      LeafTable leaves;
      try {
        leaves = LeafCsv.read(file, columns);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      } catch (LeafCsv.BadLeafException e) {
        invocation.err().println("kpi rca: " + e.getMessage());
        return ExitCode.FAILURE;
      } catch (IOException e) {
        throw new IoFailure("cannot read " + file, e);
      }
      if (headers) {
        invocation.out().println("# " + file.getFileName());
      }
      Localization.localize(leaves, settings)
          .forEach(cause -> invocation.out().println(cause.text()));
    }
    return ExitCode.OK;
  }

  private static LeafCsv.Columns columns(Invocation invocation) {
    Optional<List<String>> dimensions = invocation.value("dimensions")
        .map(text -> Arrays.stream(text.split(",")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList());
    boolean additive = invocation.value("actual").isPresent()
        || invocation.value("expected").isPresent();
    boolean ratio = Arrays.stream(RATIO_OPTIONS).anyMatch(o -> invocation.value(o).isPresent());
    if (additive == ratio) {
      throw new UsageException("give --actual and --expected (additive metric), or the four "
          + "--actual-numerator, --actual-denominator, --expected-numerator and "
          + "--expected-denominator (ratio metric)");
    }
    if (additive) {
      return LeafCsv.Columns.additive(dimensions, required(invocation, "actual"),
          required(invocation, "expected"));
    }
    return LeafCsv.Columns.ratio(dimensions, required(invocation, RATIO_OPTIONS[0]),
        required(invocation, RATIO_OPTIONS[1]), required(invocation, RATIO_OPTIONS[2]),
        required(invocation, RATIO_OPTIONS[3]));
  }

  private static String required(Invocation invocation, String option) {
    return invocation.value(option)
        .orElseThrow(() -> new UsageException("--" + option + " COL is required"));
  }

  private static List<Path> leafFiles(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".csv")
              || p.getFileName().toString().endsWith(".csv.gz"))
          .sorted().toList();
    } catch (IOException e) {
      throw new IoFailure("cannot list " + folder, e);
    }
  }

  private int bench(Invocation invocation) {
    int perCell = invocation.integer("cases", 30);
    if (perCell < 1) {
      throw new UsageException("--cases must be at least 1");
    }
    long seed = invocation.longValue("seed", 1);
    long start = System.nanoTime();
    List<LocalizationBench.Case> cases = LocalizationBench.cases(seed, perCell);
    Map<String, LocalizationBench.Score> scores =
        LocalizationBench.score(cases, Localization.Settings.DEFAULT);
    double seconds = (System.nanoTime() - start) / 1e9;
    var out = invocation.out();
    out.printf("%-26s %5s %5s %9s %6s %5s%n", "case type", "noise", "cases", "precision",
        "recall", "F1");
    for (double noise : LocalizationBench.NOISE) {
      for (LocalizationBench.CaseType type : LocalizationBench.TYPES) {
        print(out, type.name(), noise, scores.get(LocalizationBench.key(type, noise)));
      }
      print(out, "all types", noise, LocalizationBench.atNoise(scores, noise));
    }
    out.printf("%d cases (seed %d), generated and localized in %.1f s%n", cases.size(), seed,
        seconds);
    return ExitCode.OK;
  }

  private static void print(java.io.PrintStream out, String name, double noise,
      LocalizationBench.Score s) {
    out.printf("%-26s %5.2f %5d %9.3f %6.3f %5.3f%n", name, noise, s.cases(), s.precision(),
        s.recall(), s.f1());
  }
}
