package com.kpialign.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.config.ColumnType;
import com.kpialign.config.ConfigException;
import com.kpialign.config.ConfigProblem;
import com.kpialign.config.Environment;
import com.kpialign.config.Schedule;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfLoaderTest {
  @TempDir Path dir;

  private static final String ENVIRONMENTS = """
      environments:
        local:
          warehouse: wh
          landing: /data/landing
          spark:
            master: "local[2]"
            settings: {spark.sql.shuffle.partitions: "4"}
      """;

  private static final String ORDERS = """
      sources:
        - name: orders
          format: csv
          path: "{date}/orders.csv"
          since: 2024-02-01
          primary_key: [order_id]
          event_date: order_date
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: order_date, type: date, nullable: false}
            - {name: amount, type: "decimal(12,2)"}
            - {name: region, type: string, allowed: [EU, NA]}
      """;

  private Conf load(String environments, String sources) throws IOException {
    Files.writeString(dir.resolve("environments.yaml"), environments);
    Files.writeString(dir.resolve("sources.yaml"), sources);
    return ConfLoader.load(dir, "local");
  }

  private List<String> problems(String environments, String sources) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(environments, sources));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void validConfigurationIsReadIntoTypedRecords() throws IOException {
    Conf conf = load(ENVIRONMENTS, ORDERS);
    Environment env = conf.environment();
    assertEquals(dir.getParent().resolve("wh").toString(), env.warehouse());
    assertEquals("/data/landing", env.landing());
    assertEquals("local[2]", env.sparkMaster().orElseThrow());
    assertEquals("4", env.sparkSettings().get("spark.sql.shuffle.partitions"));
    assertEquals("raw", env.databases().raw());
    SourceDefinition orders = conf.source("orders").orElseThrow();
    assertEquals(SourceFormat.CSV, orders.format());
    assertEquals(Schedule.DAILY, orders.schedule());
    assertEquals(List.of("order_id"), orders.primaryKey());
    assertEquals("2024-03-05/orders.csv", orders.pathFor(LocalDate.of(2024, 3, 5)));
    assertEquals(new ColumnType(ColumnType.Kind.DECIMAL, 12, 2),
        orders.column("amount").orElseThrow().type());
    assertEquals("yyyy-MM-dd", orders.column("order_date").orElseThrow().format());
    assertEquals(List.of("EU", "NA"), orders.column("region").orElseThrow().allowed());
    assertTrue(!orders.deliversOn(LocalDate.of(2024, 1, 31)));
    assertTrue(orders.deliversOn(LocalDate.of(2024, 2, 1)));
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Files.writeString(dir.resolve("environments.yaml"), ENVIRONMENTS);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfLoader.load(dir, "local"));
    assertEquals(List.of(dir.resolve("sources.yaml") + ": file is missing"),
        e.problems().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void everyProblemIsReportedWithFileAndKey() {
    String sources = """
        sources:
          - name: orders
            format: xlsx
            path: "orders.csv"
            since: 2024-02-30
            primary_key: [order_id, missing_column]
            event_date: amount
            colour: blue
            schema:
              - {name: order_id, type: string, nullable: maybe}
              - {name: amount, type: intger}
              - {name: order_id, type: date, format: yyyy}
          - name: tickets
            format: csv
            path: "{date}/tickets.csv"
            primary_key: [ticket_id]
            event_date: created_date
        """;
    String file = dir.resolve("sources.yaml").toString();
    List<String> problems = problems(ENVIRONMENTS, sources);
    List<String> expected = List.of(
        file + ": sources[0].colour: unknown key; allowed keys are [attributes, collections, "
            + "description, dump, event_date, format, history, kind, name, options, path, "
            + "primary_key, references, schedule, schema, since, timezone]",
        file + ": sources[0].format: 'xlsx' is not one of [csv, parquet, json]",
        file + ": sources[0].path: must contain {date} where the extract date goes, got "
            + "'orders.csv'",
        file + ": sources[0].since: must be a date YYYY-MM-DD, got '2024-02-30'",
        file + ": sources[0].schema[0].nullable: must be true or false, got 'maybe'",
        file + ": sources[0].schema[1].type: 'intger' is not one of [string, int, long, double, "
            + "decimal(p,s), boolean, date, timestamp]",
        file + ": sources[0].schema[2].name: column 'order_id' is declared twice",
        file + ": sources[0].primary_key: column 'missing_column' is not in the schema",
        // amount's type is invalid, so the schema has no column amount
        file + ": sources[0].event_date: column 'amount' is not in the schema",
        file + ": sources[1].schema: is required: a source without a declared schema cannot be "
            + "enforced (list of {name, type, nullable})");
    assertEquals(expected, problems);
  }

  @Test
  void unknownEnvironmentListsTheDefinedOnes() {
    List<String> problems = problems(ENVIRONMENTS.replace("local:", "prod:"), ORDERS);
    assertEquals(List.of(dir.resolve("environments.yaml") + ": environments: environment 'local' "
        + "is not defined; defined: [prod]"), problems);
  }

  @Test
  void wrongTypeAndUnknownKeyInEnvironment() {
    String environments = """
        environments:
          local:
            warehouse: [a, b]
            landing: /data
            register_tables: sometimes
            reporting_timezone: Europe/Atlantis
            colour: red
        """;
    String file = dir.resolve("environments.yaml").toString();
    assertEquals(List.of(
        file + ": environments.local.colour: unknown key; allowed keys are [databases, landing, "
            + "register_tables, reporting_timezone, spark, warehouse]",
        file + ": environments.local.warehouse: must be a single value, not a list",
        file + ": environments.local.register_tables: must be true or false, got 'sometimes'",
        file + ": environments.local.reporting_timezone: 'Europe/Atlantis' is not a time-zone "
            + "id (like UTC, Europe/Berlin or America/Sao_Paulo)"),
        problems(environments, ORDERS));
  }

  @Test
  void eventDateMustBeTemporal() {
    List<String> problems = problems(ENVIRONMENTS, ORDERS.replace("event_date: order_date",
        "event_date: amount"));
    assertEquals(List.of(dir.resolve("sources.yaml") + ": sources[0].event_date: column 'amount' "
        + "must be of type date or timestamp"), problems);
  }

  @Test
  void aTargetsSourceMustDeclareTheColumnsTheBenchmarkReads() {
    // target_value as a decimal and period_start as a timestamp are fine; slice is missing
    String targets = ORDERS + """
          - name: targets
            format: csv
            path: "{date}/targets.csv"
            primary_key: [metric_id, period_grain, period_start]
            event_date: period_start
            schema:
              - {name: metric_id, type: string, nullable: false}
              - {name: period_grain, type: string, nullable: false}
              - {name: period_start, type: timestamp, nullable: false}
              - {name: target_value, type: "decimal(12,2)", nullable: false}
        """;
    assertEquals(List.of(dir.resolve("sources.yaml") + ": sources[1].schema: the benchmark reads "
        + "source 'targets' by name and needs the column(s) slice (string): add them, or "
        + "rename the source if it is not the targets table"), problems(ENVIRONMENTS, targets));
  }

  @Test
  void invalidYamlIsReportedWithLine() {
    List<String> problems = problems(ENVIRONMENTS, "sources:\n  - name: [unclosed\n");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith(dir.resolve("sources.yaml") + ": is not valid YAML"),
        problems.get(0));
  }
}
