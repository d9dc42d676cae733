package com.kpialign.assembly;

import com.kpialign.benchmark.BenchmarkSettings;
import com.kpialign.catalog.KpiTree;
import com.kpialign.catalog.MetricCatalog;
import com.kpialign.config.ConfigException;
import com.kpialign.config.Environment;
import com.kpialign.config.SourceDefinition;
import com.kpialign.errors.Errors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration one command runs with. The metric catalog is present when
 * {@code metrics.yaml} is, the KPI tree when {@code kpi_tree.yaml} is; commands that need them
 * ask with {@link #requireCatalog()} and {@link #requireTree()}.
 */
public record Conf(Path dir, Environment environment, List<SourceDefinition> sources,
    Optional<MetricCatalog> catalog, Optional<KpiTree> tree, BenchmarkSettings benchmarks) {

  public Conf {
    sources = List.copyOf(sources);
  }

  public Optional<SourceDefinition> source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public MetricCatalog requireCatalog() {
    return catalog.orElseThrow(() -> ConfigException.of(
        dir.resolve(ConfLoader.METRICS_FILE).toString(), "",
        Errors.requiredFileMissing("the metric catalog")));
  }

  public KpiTree requireTree() {
    return tree.orElseThrow(() -> ConfigException.of(
        dir.resolve(ConfLoader.TREE_FILE).toString(), "",
        Errors.requiredFileMissing("the KPI tree")));
  }
}
