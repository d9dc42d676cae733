package com.kpialign.testing;

import com.kpialign.assembly.Conf;
import com.kpialign.assembly.ConfLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@code conf/} folder for a test: an environment under the test's folder, the sources
 * given, and a catalog of metrics that differ only in what the test says (kind, source,
 * expression...); every other required key is filled in.
 */
public final class TestConf {
  private final Path dir;
  private String sources = "sources: []\n";
  private String entities = "";
  private final List<String> metrics = new ArrayList<>();
  private String tree;

  public TestConf(Path dir) {
    this.dir = dir;
  }

  public TestConf sources(String yaml) {
    this.sources = yaml;
    return this;
  }

  /**
   * {@code sources.yaml} with one daily CSV source at {@code {date}/NAME.csv}: its key and event
   * date columns, then every column as {@code "name type"} (not null) or {@code "name type?"}.
   */
  public static String source(String name, String key, String eventDate, String... columns) {
    StringBuilder yaml = new StringBuilder("sources:\n  - name: " + name + "\n    format: csv\n"
        + "    path: \"{date}/" + name + ".csv\"\n    primary_key: [" + key + "]\n"
        + "    event_date: " + eventDate + "\n    schema:\n");
    for (String column : columns) {
      String[] parts = column.split(" ", 2);
      boolean nullable = parts[1].endsWith("?");
      String type = nullable ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
      yaml.append("      - {name: ").append(parts[0]).append(", type: \"").append(type)
          .append("\", nullable: ").append(nullable).append("}\n");
    }
    return yaml.toString();
  }

  /** Entity lines under {@code entities:}, e.g. {@code - {id: buyer, source: orders, ...}}. */
  public TestConf entities(String yaml) {
    this.entities = yaml;
    return this;
  }

  /**
   * A metric {@code id} with the test's {@code keys} (a YAML flow mapping's inside); the other
   * required keys get a default unless {@code keys} sets them.
   */
  public TestConf metric(String id, String keys) {
    metrics.add(metricEntry(id, keys));
    return this;
  }

  /**
   * One entry of {@code metrics:} (a list item line): metric {@code id} with the test's
   * {@code keys} (a YAML flow mapping's inside) and a default for every other required key.
   */
  public static String metricEntry(String id, String keys) {
    StringBuilder entry = new StringBuilder("  - {id: " + id + ", ");
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("name", id);
    defaults.put("description", "test");
    defaults.put("vertical", "sales");
    defaults.put("owner", "Sales");
    defaults.put("unit", "x");
    defaults.put("direction", "up");
    defaults.put("perspective", "financial");
    defaults.put("stakeholders", "[investors]");
    defaults.forEach((key, value) -> {
      if (!Pattern.compile("(^|[{,]\\s*)" + key + ":").matcher(keys).find()) {
        entry.append(key).append(": ").append(value).append(", ");
      }
    });
    return entry.append(keys).append("}\n").toString();
  }

  public TestConf tree(String yaml) {
    this.tree = yaml;
    return this;
  }

  /** The folder holding the written files. */
  public Path write() {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(ConfLoader.ENVIRONMENTS_FILE), "environments:\n  local: "
          + "{warehouse: " + dir.resolve("warehouse") + ", landing: " + dir.resolve("landing")
          + "}\n");
      Files.writeString(dir.resolve(ConfLoader.SOURCES_FILE), sources);
      if (!metrics.isEmpty()) {
        Files.writeString(dir.resolve(ConfLoader.METRICS_FILE), (entities.isEmpty() ? ""
            : "entities:\n" + entities.indent(2)) + "metrics:\n" + String.join("", metrics));
      }
      if (tree != null) {
        Files.writeString(dir.resolve(ConfLoader.TREE_FILE), tree);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Conf load() {
    return ConfLoader.load(write(), "local");
  }
}
