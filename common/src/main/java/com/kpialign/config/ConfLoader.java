package com.kpialign.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.kpialign.benchmark.BenchmarkSettings;
import com.kpialign.benchmark.BenchmarkSettingsLoader;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.KpiTreeLoader;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricCatalogLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code conf/}. Collects every problem of every file (file, key, message)
 * and throws one {@link ConfigException} listing them all; on success the returned records are
 * complete, so no later code sees a raw map or a missing field.
 */
public final class ConfLoader {
  public static final String ENVIRONMENTS_FILE = "environments.yaml";
  public static final String SOURCES_FILE = "sources.yaml";
  public static final String METRICS_FILE = "metrics.yaml";
  public static final String TREE_FILE = "kpi_tree.yaml";
  public static final String BENCHMARKS_FILE = "benchmarks.yaml";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path dir;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ConfLoader(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public static Conf load(Path confDir, String environmentName) {
    return new ConfLoader(confDir).loadAll(environmentName);
  }

  private Conf loadAll(String environmentName) {
    if (!Files.isDirectory(dir)) {
      throw ConfigException.of(dir.toString(), "", "configuration directory does not exist");
    }
    Environment environment = readFile(ENVIRONMENTS_FILE)
        .map(root -> environment(root, environmentName)).orElse(null);
    List<SourceDefinition> sources = readFile(SOURCES_FILE).map(this::sources).orElse(List.of());
    Optional<MetricCatalog> catalog = Files.exists(dir.resolve(METRICS_FILE))
        ? readFile(METRICS_FILE).map(root -> MetricCatalogLoader.read(root, sources))
        : Optional.empty();
    Optional<KpiTree> tree = Optional.empty();
    if (Files.exists(dir.resolve(TREE_FILE))) {
      if (catalog.isEmpty()) {
        problems.add(new ConfigProblem(dir.resolve(TREE_FILE).toString(), "", "needs the metric "
            + "catalog " + METRICS_FILE + " beside it"));
      } else {
        tree = readFile(TREE_FILE).map(root -> KpiTreeLoader.read(root, catalog.get()));
      }
    }
    BenchmarkSettings benchmarks = Files.exists(dir.resolve(BENCHMARKS_FILE))
        ? readFile(BENCHMARKS_FILE).map(BenchmarkSettingsLoader::read)
            .orElse(BenchmarkSettings.DEFAULT)
        : BenchmarkSettings.DEFAULT;
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Conf(dir, environment, sources, catalog, tree, benchmarks);
  }

  /** The parsed root mapping of {@code name}, or empty after recording why it can't be read. */
  Optional<ConfNode> readFile(String name) {
    Path file = dir.resolve(name);
    String shown = file.toString();
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem(shown, "", "file is missing"));
      return Optional.empty();
    }
    try {
      JsonNode root = YAML.readTree(file.toFile());
      ConfNode node = new ConfNode(root, shown, "", problems);
      if (!node.isObject()) {
        node.problem("must be a YAML mapping at the top level");
        return Optional.empty();
      }
      return Optional.of(node);
    } catch (JsonProcessingException e) {
      problems.add(new ConfigProblem(shown, "", "is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
    } catch (IOException e) {
      problems.add(new ConfigProblem(shown, "", "cannot be read: " + e.getMessage()));
    }
    return Optional.empty();
  }

  private Environment environment(ConfNode root, String name) {
    root.onlyKeys("environments");
    ConfNode all = root.object("environments");
    Map<String, ConfNode> byName = all.entries();
    ConfNode env = byName.get(name);
    if (env == null) {
      if (all.isObject()) {
        all.problem("environment '" + name + "' is not defined; defined: " + byName.keySet());
      }
      return null;
    }
    if (!env.isObject()) {
      env.problem("must be a mapping");
      return null;
    }
    env.onlyKeys("warehouse", "landing", "spark", "databases", "register_tables");
    String warehouse = resolvePath(env.string("warehouse"));
    String landing = resolvePath(env.string("landing"));
    Optional<String> master = Optional.empty();
    Map<String, String> settings = Map.of();
    Optional<ConfNode> spark = env.optionalObject("spark");
    if (spark.isPresent()) {
      spark.get().onlyKeys("master", "settings");
      master = spark.get().optionalString("master");
      settings = spark.get().stringMap("settings");
    }
    Environment.Databases databases = databases(env.optionalObject("databases"));
    boolean register = env.bool("register_tables", true);
    return new Environment(name, warehouse, landing, master, settings, databases, register);
  }

  private Environment.Databases databases(Optional<ConfNode> node) {
    if (node.isEmpty()) {
      return new Environment.Databases("raw", "quality", "kpi", "finance", "ops");
    }
    ConfNode db = node.get();
    db.onlyKeys("raw", "quality", "kpi", "finance", "ops");
    return new Environment.Databases(identifier(db, "raw"), identifier(db, "quality"),
        identifier(db, "kpi"), identifier(db, "finance"), identifier(db, "ops"));
  }

  private static String identifier(ConfNode node, String key) {
    String value = node.string(key, key);
    if (!IDENTIFIER.matcher(value).matches()) {
      node.problem(key, "'" + value + "' must be a lower-case identifier ([a-z][a-z0-9_]*)");
    }
    return value;
  }

  /** Local relative paths are relative to the project (the parent of conf/), not the cwd. */
  private String resolvePath(String path) {
    if (path == null) {
      return null;
    }
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return path;
    }
    Path base = dir.getParent() == null ? dir : dir.getParent();
    return base.resolve(path).normalize().toString();
  }

  private List<SourceDefinition> sources(ConfNode root) {
    root.onlyKeys("sources");
    List<SourceDefinition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfNode item : root.list("sources", true)) {
      SourceDefinition source = source(item);
      if (source != null) {
        if (!names.add(source.name())) {
          item.problem("name", "source '" + source.name() + "' is defined twice");
        }
        out.add(source);
      }
    }
    return out;
  }

  private SourceDefinition source(ConfNode node) {
    if (!node.isObject()) {
      node.problem("must be a mapping");
      return null;
    }
    node.onlyKeys("name", "format", "path", "schedule", "since", "primary_key", "event_date",
        "options", "schema", "description");
    String name = node.string("name");
    if (name != null && !IDENTIFIER.matcher(name).matches()) {
      node.problem("name", "'" + name + "' must be a lower-case identifier ([a-z][a-z0-9_]*)");
    }
    SourceFormat format = node.enumValue("format", SourceFormat.class, null, SourceFormat::spelling);
    String path = node.string("path");
    if (path != null && !path.contains(SourceDefinition.DATE_PLACEHOLDER)) {
      node.problem("path", "must contain " + SourceDefinition.DATE_PLACEHOLDER
          + " where the extract date goes, got '" + path + "'");
    }
    Schedule schedule = node.enumValue("schedule", Schedule.class, Schedule.DAILY,
        Schedule::spelling);
    Optional<LocalDate> since = node.date("since");
    List<ColumnSpec> schema = schema(node);
    Set<String> columns = new HashSet<>();
    schema.forEach(c -> columns.add(c.name()));

    List<String> primaryKey = node.strings("primary_key");
    if (primaryKey.isEmpty()) {
      node.problem("primary_key", "is required (one or more schema columns)");
    }
    for (String column : primaryKey) {
      if (!schema.isEmpty() && !columns.contains(column)) {
        node.problem("primary_key", "column '" + column + "' is not in the schema");
      }
    }
    String eventDate = node.string("event_date");
    if (eventDate != null && !schema.isEmpty()) {
      Optional<ColumnSpec> column = schema.stream().filter(c -> c.name().equals(eventDate))
          .findFirst();
      if (column.isEmpty()) {
        node.problem("event_date", "column '" + eventDate + "' is not in the schema");
      } else if (!column.get().type().isTemporal()) {
        node.problem("event_date", "column '" + eventDate + "' must be of type date or timestamp");
      }
    }
    Map<String, String> options = node.stringMap("options");
    if (name == null || format == null || path == null) {
      return null;
    }
    return new SourceDefinition(name, format, path, schedule, since, primaryKey, eventDate,
        options, schema);
  }

  private List<ColumnSpec> schema(ConfNode source) {
    List<ConfNode> items = source.list("schema", false);
    if (items.isEmpty()) {
      source.problem("schema", "is required: a source without a declared schema cannot be "
          + "enforced (list of {name, type, nullable})");
      return List.of();
    }
    List<ColumnSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfNode item : items) {
      if (!item.isObject()) {
        item.problem("must be a mapping {name, type, nullable}");
        continue;
      }
      item.onlyKeys("name", "type", "nullable", "format", "allowed", "description");
      String name = item.string("name");
      if (name != null && !IDENTIFIER.matcher(name).matches()) {
        item.problem("name", "'" + name + "' must be a lower-case identifier ([a-z][a-z0-9_]*)");
      } else if (name != null && name.startsWith("_")) {
        item.problem("name", "names starting with '_' are reserved for audit columns");
      }
      if (name != null && !names.add(name)) {
        item.problem("name", "column '" + name + "' is declared twice");
      }
      String typeText = item.string("type");
      ColumnType type = null;
      if (typeText != null) {
        type = ColumnType.parse(typeText).orElse(null);
        if (type == null) {
          item.problem("type", "'" + typeText + "' is not one of " + ColumnType.SPELLINGS);
        }
      }
      boolean nullable = item.bool("nullable", true);
      Optional<String> format = item.optionalString("format");
      if (format.isPresent() && type != null && !type.isTemporal()) {
        item.problem("format", "applies to date and timestamp columns only");
      }
      List<String> allowed = item.strings("allowed");
      if (!allowed.isEmpty() && type != null && type.kind() != ColumnType.Kind.STRING) {
        item.problem("allowed", "applies to string columns only");
      }
      if (name != null && type != null) {
        String pattern = format.orElse(type.kind() == ColumnType.Kind.TIMESTAMP
            ? ColumnSpec.DEFAULT_TIMESTAMP_FORMAT : ColumnSpec.DEFAULT_DATE_FORMAT);
        out.add(new ColumnSpec(name, type, nullable, type.isTemporal() ? pattern : null, allowed));
      }
    }
    return out;
  }
}
