package com.kpialign.assembly;

import com.kpialign.benchmark.BenchmarkSettings;
import com.kpialign.benchmark.BenchmarkSettingsLoader;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.KpiTreeLoader;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricCatalogLoader;
import com.kpialign.config.ConfFiles;
import com.kpialign.config.ConfigException;
import com.kpialign.config.Environment;
import com.kpialign.config.EnvironmentLoader;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourcesLoader;
import com.kpialign.table.ReferenceTables;
import com.kpialign.table.TableContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

/**
 * Assembles {@code conf/} from each phase's loader (environment and sources at the bottom, the
 * catalog, the KPI tree and the benchmark settings above them). Collects every problem of every
 * file (file, key, message) and throws one {@link ConfigException} listing them all; on success
 * the returned records are complete, so no later code sees a raw map or a missing field.
 */
public final class ConfLoader {
  public static final String ENVIRONMENTS_FILE = "environments.yaml";
  public static final String SOURCES_FILE = "sources.yaml";
  public static final String METRICS_FILE = "metrics.yaml";
  public static final String TREE_FILE = "kpi_tree.yaml";
  public static final String BENCHMARKS_FILE = "benchmarks.yaml";

  private ConfLoader() {}

  public static Conf load(Path confDir, String environmentName) {
    if (!Files.isDirectory(confDir)) {
      throw ConfigException.of(confDir.toAbsolutePath().normalize().toString(), "",
          "configuration directory does not exist");
    }
    ConfFiles files = new ConfFiles(confDir);
    Environment environment = files.read(ENVIRONMENTS_FILE)
        .map(root -> EnvironmentLoader.read(root, environmentName, files)).orElse(null);
    List<SourceDefinition> sources = files.read(SOURCES_FILE).map(SourcesLoader::read)
        .orElse(List.of());
    checkReferenceSources(sources, files);
    Optional<MetricCatalog> catalog = files.exists(METRICS_FILE)
        ? files.read(METRICS_FILE).map(root -> MetricCatalogLoader.read(root, sources))
        : Optional.empty();
    Optional<KpiTree> tree = Optional.empty();
    if (files.exists(TREE_FILE)) {
      if (catalog.isEmpty()) {
        files.problem(TREE_FILE, "needs the metric catalog " + METRICS_FILE + " beside it");
      } else {
        tree = files.read(TREE_FILE).map(root -> KpiTreeLoader.read(root, catalog.get()));
      }
    }
    BenchmarkSettings benchmarks = files.exists(BENCHMARKS_FILE)
        ? files.read(BENCHMARKS_FILE).map(BenchmarkSettingsLoader::read)
            .orElse(BenchmarkSettings.DEFAULT)
        : BenchmarkSettings.DEFAULT;
    files.throwIfProblems();
    return new Conf(files.dir(), environment, sources, catalog, tree, benchmarks);
  }

  /**
   * A source named like a reference table the benchmark and the audit read by name (targets,
   * peer benchmarks) declares the columns they read, with a compatible type.
   */
  private static void checkReferenceSources(List<SourceDefinition> sources, ConfFiles files) {
    for (TableContract contract : List.of(ReferenceTables.TARGETS,
        ReferenceTables.PEER_BENCHMARKS)) {
      for (int i = 0; i < sources.size(); i++) {
        SourceDefinition source = sources.get(i);
        if (!source.name().equals(contract.table())) {
          continue;
        }
        List<String> missing = new ArrayList<>();
        for (StructField field : contract.schema().fields()) {
          boolean present = source.schema().stream().anyMatch(c -> c.name().equals(field.name())
              && compatible(c.type().sparkType(), field.dataType()));
          if (!present) {
            missing.add(field.name() + " (" + field.dataType().simpleString() + ")");
          }
        }
        if (!missing.isEmpty()) {
          files.problem(SOURCES_FILE, "sources[" + i + "].schema", "the benchmark reads source '"
              + source.name() + "' by name and needs the column(s) " + String.join(", ", missing)
              + ": add them, or rename the source if it is not the " + contract.table()
              + " table");
        }
      }
    }
  }

  /** Numbers read as numbers, dates as dates (a timestamp too), text as text. */
  private static boolean compatible(DataType declared, DataType read) {
    if (read instanceof NumericType) {
      return declared instanceof NumericType;
    }
    if (read instanceof DateType) {
      return declared instanceof DateType || declared instanceof TimestampType;
    }
    return declared.sameType(read);
  }
}
