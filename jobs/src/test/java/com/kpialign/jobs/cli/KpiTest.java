package com.kpialign.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kpialign.jobs.TestProject;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, what goes to stdout, the JSON run summary. */
class KpiTest {
  static final String SOURCES = """
      sources:
        - name: orders
          format: csv
          path: "{date}/orders.csv"
          primary_key: [order_id]
          event_date: order_date
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: order_date, type: date, nullable: false}
            - {name: amount, type: "decimal(10,2)", nullable: false}
      """;

  @TempDir Path dir;
  TestProject project;
  String stdout;
  String stderr;

  @BeforeEach
  void project() {
    project = new TestProject(dir, SOURCES);
    project.landing("2024-03-01/orders.csv", """
        order_id,order_date,amount
        A,2024-03-01,1.50
        B,2024-03-01,2.00
        C,2024-03-01,not-a-number
        """);
    TestSpark.session();
  }

  private int kpi(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("demo-data")
        && !List.of(args).contains("--conf")) {
      all.add("--conf");
      all.add(project.conf.toString());
    }
    int code = new Kpi(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  private JsonNode lastLineJson() throws IOException {
    String[] lines = stdout.strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, kpi());
    assertEquals(2, kpi("frobnicate"));
    assertTrue(stderr.contains("unknown command 'frobnicate'"), stderr);
    assertEquals(2, kpi("ingest", "--run-date", "2024-03-01", "--colour", "red"));
    assertTrue(stderr.contains("Unrecognized option: --colour"), stderr);
    assertEquals(2, kpi("ingest"));
    assertTrue(stderr.contains("--run-date YYYY-MM-DD (or --from and --to) is required"), stderr);
    assertEquals(2, kpi("ingest", "--run-date", "2024-02-30"));
    assertTrue(stderr.contains("--run-date must be a date YYYY-MM-DD, got '2024-02-30'"), stderr);
    assertEquals(2, kpi("ingest", "--from", "2024-03-02", "--to", "2024-03-01"));
    assertEquals("", stdout);
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    assertEquals(0, kpi("--help"));
    assertTrue(stdout.contains("ingest") && stdout.contains("demo-data"), stdout);
    assertEquals(0, kpi("ingest", "--help"));
    assertTrue(stdout.startsWith("usage: kpi ingest [options]"), stdout);
    assertTrue(stdout.contains("--summary-file"), stdout);
  }

  @Test
  void configErrorExitsTwoNamingFileAndKeyBeforeSparkWork() throws IOException {
    Files.writeString(project.conf.resolve("sources.yaml"),
        SOURCES.replace("format: csv", "format: xls"));
    assertEquals(2, kpi("ingest", "--run-date", "2024-03-01"));
    assertTrue(stderr.contains(project.conf.resolve("sources.yaml")
        + ": sources[0].format: 'xls' is not one of [csv, parquet, json]"), stderr);
    assertEquals("", stdout);
  }

  @Test
  void missingExtractExitsOneWithPathAndFailedSummary() throws IOException {
    Path summaryFile = dir.resolve("summary.json");
    assertEquals(1, kpi("ingest", "--run-date", "2024-03-02", "--summary-file",
        summaryFile.toString()));
    assertTrue(stderr.contains(project.landing.resolve("2024-03-02/orders.csv").toString()),
        stderr);
    JsonNode summary = lastLineJson();
    assertEquals("ingest", summary.get("job").asText());
    assertEquals("failed", summary.get("status").asText());
    assertEquals("2024-03-02", summary.get("run_date").asText());
    assertTrue(summary.get("error").asText().contains("orders for 2024-03-02"));
    assertEquals(stdout.strip(), Files.readString(summaryFile).strip());
    // the summary times the whole command: at least the failed stage that ops.job_runs times
    long commandMs = summary.get("duration_ms").asLong();
    String runId = summary.get("run_id").asText();
    assertEquals(0, kpi("sql", "SELECT status, duration_ms FROM " + project.ops("job_runs")
        + " WHERE run_id = '" + runId + "'", "--format", "csv"));
    String[] stage = stdout.strip().split("\n")[1].split(",");
    assertEquals("failed", stage[0]);
    assertTrue(commandMs >= Long.parseLong(stage[1]), commandMs + " ms < stage " + stage[1]);
  }

  @Test
  void ingestPrintsSummaryAsLastLineAndSqlReadsTablesByName() throws IOException {
    assertEquals(0, kpi("ingest", "--run-date", "2024-03-01", "--run-id", "r-1"));
    JsonNode summary = lastLineJson();
    assertEquals("succeeded", summary.get("status").asText());
    assertEquals("r-1", summary.get("run_id").asText());
    List<String> tables = new ArrayList<>();
    summary.get("tables").forEach(t -> tables.add(t.get("table").asText() + "="
        + t.get("rows").asLong()));
    assertEquals(List.of(project.raw("orders") + "=2", project.raw("quarantine") + "=1"), tables);
    assertEquals(1, summary.get("details").get("quarantined").get("orders").asLong());

    assertEquals(0, kpi("sql", "SELECT order_id, amount FROM " + project.raw("orders")
        + " ORDER BY order_id", "--format", "csv"));
    assertEquals("order_id,amount\nA,1.50\nB,2.00\n", stdout);
    assertEquals(0, kpi("sql", "SELECT count(*) AS n FROM " + project.raw("orders")));
    assertEquals("+-+\n|n|\n+-+\n|2|\n+-+\n", stdout);
    assertEquals(0, kpi("sql", "SELECT job, status FROM " + project.ops("job_runs"),
        "--format", "json"));
    assertEquals("{\"job\":\"ingest\",\"status\":\"succeeded\"}\n", stdout);
  }

  @Test
  void invalidQueryIsAUsageErrorWithoutTheUsageBlockOrThePlan() {
    assertEquals(2, kpi("sql", "SELECT * FROM no_such_table"));
    assertTrue(stderr.contains("the query is not valid"), stderr);
    assertFalse(stderr.contains("usage: kpi sql"), stderr);
    assertEquals(2, kpi("sql", "SELECT no_such_column FROM VALUES (1) AS t(a)"));
    assertTrue(stderr.contains("no_such_column"), stderr);
    assertFalse(stderr.contains("== ") || stderr.contains("+- "), stderr);
    assertEquals(2, kpi("sql", "SELEC 1"));
    assertFalse(stderr.contains("usage: kpi sql"), stderr);
  }

  @Test
  void aNegativeLimitIsRefusedAndHelpNeedsNoRequiredOption() {
    assertEquals(2, kpi("sql", "SELECT 1", "--limit", "-3"));
    assertTrue(stderr.contains("--limit -3: must be a whole number of rows, 1 or more"), stderr);
    assertEquals(0, kpi("demo-data", "--help"));
    assertTrue(stdout.startsWith("usage: kpi demo-data [options]"), stdout);
  }

  @Test
  void shippedDemoConfigurationIsValid() throws IOException {
    Path shipped = Path.of("..", "conf");
    assertEquals(0, kpi("config", "validate", "--conf", shipped.toString()));
    assertEquals(0, kpi("catalog", "validate", "--conf", shipped.toString()));
    assertTrue(stdout.startsWith("catalog ok: 51 metrics, 4 shared entities, 7 verticals"), stdout);
    assertEquals(0, kpi("catalog", "list", "--format", "csv", "--conf", shipped.toString()));
    // a header line and one line per metric
    assertEquals(52, stdout.strip().split("\n").length);
    assertTrue(stdout.startsWith("id,name,vertical,owner,kind,unit,direction,perspective,"), stdout);
    assertEquals(0, kpi("catalog", "list", "--format", "json", "--conf", shipped.toString()));
    JsonNode first = new ObjectMapper().readTree(stdout.lines().findFirst().orElseThrow());
    assertEquals("revenue", first.get("id").asText());
    assertEquals("region channel device product_category plan", first.get("dimensions").asText());
  }

  @Test
  void sharedOptionsMayComeBeforeTheCommand() {
    assertEquals(0, kpi("--conf", project.conf.toString(), "--verbose", "config", "validate"));
    assertTrue(stdout.contains("orders"), stdout);
    assertEquals(List.of("ingest", "--conf", "d", "--env=prod", "--run-date", "2024-03-01"),
        List.of(Kpi.commandFirst(new String[] {"--conf", "d", "--env=prod", "ingest",
            "--run-date", "2024-03-01"})));
    // anything else before the command is left for the usage error
    assertEquals(List.of("--colour", "red", "ingest"),
        List.of(Kpi.commandFirst(new String[] {"--colour", "red", "ingest"})));
    assertEquals(2, kpi("--colour", "red", "ingest"));
  }

  @Test
  void catalogCommandsNeedTheCatalogFile() {
    assertEquals(2, kpi("catalog", "validate"));
    assertTrue(stderr.contains(project.conf.resolve("metrics.yaml") + ": file is missing"), stderr);
  }

  @Test
  void aJobsRequiredConfigurationAndOptionsAreCheckedBeforeItStarts() throws IOException {
    // no metrics.yaml: compute is refused naming the file, and no run summary is printed
    assertEquals(2, kpi("compute", "--run-date", "2024-03-01"));
    assertTrue(stderr.contains(project.conf.resolve("metrics.yaml") + ": file is missing"), stderr);
    assertEquals("", stdout);
    assertEquals(2, kpi("correlate", "--run-date", "2024-03-01", "--window", "many"));
    // correlate needs the catalog and the tree: the first missing one is named
    assertTrue(stderr.contains("metrics.yaml: file is missing"), stderr);
    assertEquals("", stdout);
  }

  @Test
  void theCommandListAndHelpComeFromTheJobRegistry() {
    assertEquals(0, kpi("--help"));
    for (com.kpialign.jobs.Job job : com.kpialign.jobs.Jobs.ALL) {
      assertTrue(stdout.contains("  " + job.spec().command() + " "), job.name() + ": " + stdout);
    }
    assertEquals(0, kpi("correlate", "--help"));
    assertTrue(stdout.contains("--window <DAYS>"), stdout);
    assertTrue(stdout.replaceAll("\\s+", " ").contains("cadence weekly, as of the last Sunday"),
        stdout);
    assertEquals(0, kpi("nightly", "--help"));
    assertTrue(stdout.replaceAll("\\s+", " ").contains("stages, each when its configuration is "
        + "present: catalog, ingest, "
        + "validate, compute, benchmark, explain, audit, correlate (weekly"), stdout);
  }

  @Test
  void nightlyRunsEveryStage() throws IOException {
    Files.writeString(project.conf.resolve("metrics.yaml"), "metrics:\n"
        + TestConf.metricEntry("order_value", "kind: sum, source: orders, expression: amount")
        + TestConf.metricEntry("order_count", "kind: count, source: orders")
        + TestConf.metricEntry("aov", "kind: ratio, numerator: order_value, "
            + "denominator: order_count"));
    assertEquals(0, kpi("nightly", "--run-date", "2024-03-01", "--run-id", "n-1"));
    JsonNode summary = lastLineJson();
    assertEquals("nightly", summary.get("job").asText());
    List<String> stages = new ArrayList<>();
    summary.get("stages").forEach(s -> stages.add(s.get("job").asText() + ":"
        + s.get("status").asText()));
    // no kpi_tree.yaml: no audit and no correlate stage
    assertEquals(List.of("catalog:succeeded", "ingest:succeeded", "validate:succeeded",
        "compute:succeeded", "benchmark:succeeded", "explain:succeeded"), stages);

    assertEquals(0, kpi("sql", "SELECT metric_id, kind, depends_on, sources, run_id, run_date FROM "
        + project.kpi("dim_metric") + " ORDER BY metric_id", "--format", "csv"));
    assertEquals("""
        metric_id,kind,depends_on,sources,run_id,run_date
        aov,ratio,"[order_value, order_count]",[orders],n-1,2024-03-01
        order_count,count,[],[orders],n-1,2024-03-01
        order_value,sum,[],[orders],n-1,2024-03-01
        """, stdout);
  }

  @Test
  void validateRecordsEveryCheckPerDayAndFailsOnErrors() throws IOException {
    project.landing("2024-03-02/orders.csv", """
        order_id,order_date,amount
        D,2024-03-02,-4.00
        E,2024-03-02,6.00
        """);
    project.landing("2024-03-03/orders.csv", "order_id,order_date,amount\n");
    Files.writeString(project.conf.resolve("metrics.yaml"), "metrics:\n"
        + TestConf.metricEntry("order_value", "kind: sum, source: orders, expression: amount, "
            + "checks: [{type: non_negative, column: amount, severity: error}, "
            + "{type: range, column: amount, max: 5, severity: warning}]"));
    assertEquals(0, kpi("ingest", "--from", "2024-03-01", "--to", "2024-03-03"));

    assertEquals(1, kpi("validate", "--from", "2024-03-01", "--to", "2024-03-03"));
    assertTrue(stderr.contains("1 data-quality check(s) of severity error failed"), stderr);
    assertTrue(stderr.contains("orders: non_negative(amount) [error] failed on 1 day(s): "
        + "2024-03-02"), stderr);
    assertEquals("failed", lastLineJson().get("status").asText());

    // Mar 1: A 1.50 and B 2.00 load (C was quarantined); Mar 2: D -4.00, E 6.00; Mar 3: empty
    assertEquals(0, kpi("sql", "SELECT run_date, constraint, status, metric_value FROM "
        + project.quality("dq_results") + " WHERE metric_id IS NOT NULL "
        + "ORDER BY run_date, constraint", "--format", "csv"));
    assertEquals("""
        run_date,constraint,status,metric_value
        2024-03-01,non_negative(amount) [error],passed,1.0
        2024-03-01,"range(amount, max=5.0) [warning]",passed,1.0
        2024-03-02,non_negative(amount) [error],failed,0.5
        2024-03-02,"range(amount, max=5.0) [warning]",failed,0.5
        2024-03-03,non_negative(amount) [error],no_data,
        2024-03-03,"range(amount, max=5.0) [warning]",no_data,
        """, stdout);
  }

  @Test
  void configValidatePrintsTheSources() {
    assertEquals(0, kpi("config", "validate"));
    assertTrue(stdout.startsWith("configuration ok: environment local, 1 sources"), stdout);
  }
}
