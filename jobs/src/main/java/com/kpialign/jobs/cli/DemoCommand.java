package com.kpialign.jobs.cli;

import com.kpialign.assembly.Conf;
import com.kpialign.config.Environment;
import com.kpialign.config.SourceDefinition;
import com.kpialign.demo.DemoCompany;
import com.kpialign.demo.MarketplaceCompany;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.IoFailure;
import com.kpialign.jobs.JobContext;
import com.kpialign.jobs.JobRunner;
import com.kpialign.jobs.Jobs;
import com.kpialign.jobs.RunDates;
import com.kpialign.jobs.RunSummary;
import com.kpialign.quality.DataQualityFailure;
import com.kpialign.table.TableWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kpi demo}: the five-minute tour. Generates the demo company into the environment's
 * (local) landing zone, starts from an empty warehouse, runs the whole pipeline over the
 * history as one range run, and prints what was written.
 */
final class DemoCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  static final String COMPANY = "company";
  static final String MARKETPLACE = "marketplace";
  static final int MARKETPLACE_DAYS = 90;

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "generate the demo company into a fresh local warehouse and run the whole pipeline";
  }

  @Override
  public Options options() {
    Options options = DemoDataCommand.generatorOptions();
    options.addOption(Option.builder().longOpt(COMPANY).hasArg().argName("NAME")
        .desc("demo (default: the demo company, conf/) or marketplace (a normalized marketplace "
            + "warehouse, conf/examples/marketplace; " + MARKETPLACE_DAYS + " days by default)")
        .build());
    options.addOption(Option.builder().longOpt(Invocation.SUMMARY_FILE).hasArg()
        .argName("PATH").desc("also write the JSON run summary to PATH").build());
    return options;
  }

  @Override
  public int run(Invocation invocation) {
    String company = invocation.value(COMPANY).orElse("demo");
    if (!company.equals("demo") && !company.equals(MARKETPLACE)) {
      throw new UsageException("--company must be demo or marketplace, got '" + company + "'");
    }
    boolean marketplace = company.equals(MARKETPLACE);
    Conf conf = marketplace ? invocation.conf(Path.of(Invocation.defaultConfDir(), "examples",
        MARKETPLACE).toString()) : invocation.conf();
    DemoCompany.Settings settings = DemoDataCommand.settings(invocation,
        marketplace ? MARKETPLACE_DAYS : DemoDataCommand.DEFAULT_DAYS);
    Environment env = conf.environment();
    Path landing = localPath(env.landing(), "landing");
    Path warehouse = localPath(env.warehouse(), "warehouse");

    long started = System.currentTimeMillis();
    deleteRecursively(landing);
    deleteRecursively(warehouse);
    LOG.info("demo: generating {} days of extracts from {} at scale {} into {}",
        settings.days(), settings.start(), settings.scale(), landing);
    DemoCompany.Result data = marketplace
        ? MarketplaceCompany.generate(settings, landing, dump(conf, "orders"),
            dump(conf, "order_items"))
        : DemoCompany.generate(settings, landing);
    LOG.info("demo: extracts generated in {} s: {}",
        (System.currentTimeMillis() - started) / 1000.0, data.rows());

    RunDates dates = new RunDates(settings.start(), settings.end());
    JobContext context = JobContext.open(conf, "kpi demo", JobCommand.newRunId(name(), dates));
    RunSummary pipeline;
    String dataQuality = null;
    try {
      pipeline = new JobRunner(context).runAll(name(), Jobs.nightly(context.conf()), dates);
    } catch (JobRunner.JobFailed failed) {
      if (!(failed.getCause() instanceof DataQualityFailure)) {
        JobCommand.emit(invocation, failed.summary());
        throw failed;
      }
      // the demo data carries planted defects: finding them is the demo working
      pipeline = failed.summary();
      dataQuality = failed.getCause().getMessage();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (dataQuality != null) {
      details.put("data_quality_errors", dataQuality);
    }
    details.put("extracts", data.rows());
    if (data.groundTruth() != null) {
      details.put("ground_truth", data.groundTruth().toString());
    }
    details.put("warehouse", env.warehouse());
    RunSummary summary = new RunSummary(pipeline.job(), pipeline.runId(), pipeline.runDate(),
        pipeline.from(), pipeline.to(), RunSummary.Status.SUCCEEDED,
        System.currentTimeMillis() - started, pipeline.tables(), details, pipeline.stages(), null);

    invocation.out().println((marketplace ? "Marketplace example" : "Demo company")
        + " loaded: " + settings.days() + " days from "
        + settings.start() + " in " + summary.durationMs() / 1000 + " s. Tables written:");
    for (TableWrite write : pipeline.tables()) {
      invocation.out().printf("  %-28s %,12d rows  (version %d)%n", write.table(), write.rows(),
          write.version());
    }
    if (dataQuality != null) {
      invocation.out().println("Data-quality checks caught the defects planted in the demo data"
          + " (the metrics they feed are unverified on those days):");
      invocation.out().println(dataQuality.lines().map(l -> "  " + l)
          .collect(java.util.stream.Collectors.joining("\n")));
    }
    invocation.out().println("Query them with: bin/kpi sql " + (marketplace ? "--conf "
        + conf.dir() + " " : "") + "\"SELECT count(*) FROM " + env.databases().raw()
        + ".orders\"");
    JobCommand.emit(invocation, summary);
    return ExitCode.OK;
  }

  /** The configured dump of a marketplace source, which the generator writes. */
  private static SourceDefinition.Dump dump(Conf conf, String source) {
    return conf.source(source).flatMap(SourceDefinition::dump).orElseThrow(() ->
        new UsageException("the marketplace example needs source '" + source + "' with a dump "
            + "in " + conf.dir() + "/sources.yaml"));
  }

  private static Path localPath(String location, String key) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.startsWith("file:")) {
      throw new UsageException("kpi demo replaces the environment's " + key + " and only runs "
          + "on local paths; " + key + " is " + location);
    }
    return Path.of(location.replaceFirst("^file:", ""));
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new IoFailure("cannot clear " + dir, e);
    }
  }
}
