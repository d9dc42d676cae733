package com.kpialign.catalog;

import com.kpialign.config.SourceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one shared catalog of metric definitions and entities, validated, with the sources they
 * read and the references between them. Metrics are kept in dependency order: every metric comes
 * after the metrics it is computed from.
 */
public record MetricCatalog(List<EntityDefinition> entities, List<MetricDefinition> metrics,
    SourceGraph sources) {

  public MetricCatalog {
    entities = List.copyOf(entities);
    metrics = List.copyOf(metrics);
  }

  public Optional<MetricDefinition> metric(String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The verticals, in order of first appearance. */
  public List<String> verticals() {
    Set<String> out = new LinkedHashSet<>();
    metrics.forEach(m -> out.add(m.vertical()));
    return new ArrayList<>(out);
  }

  /**
   * The metric's dimensions that cross a collection (a set of values per row, so that its
   * slices overlap and need not add up to the total), through ratios and formulas.
   */
  public Set<String> multiValuedDimensions(MetricDefinition m) {
    Set<String> out = new LinkedHashSet<>();
    if (m.source().isPresent()) {
      m.dimensions().stream().filter(d -> sources.isMultiValued(m.source().get(), d))
          .forEach(out::add);
    }
    for (String part : m.parts()) {
      metric(part).ifPresent(p -> multiValuedDimensions(p).stream()
          .filter(m.dimensions()::contains).forEach(out::add));
    }
    return out;
  }

  /** The sources each metric finally reads, through ratios and formulas. */
  public Map<String, Set<String>> sourcesByMetric() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (MetricDefinition m : metrics) {
      Set<String> sources = new LinkedHashSet<>();
      m.source().ifPresent(sources::add);
      for (String part : m.parts()) {
        sources.addAll(out.getOrDefault(part, Set.of()));
      }
      out.put(m.id(), sources);
    }
    return out;
  }
}
