package com.kpialign.catalog;

import com.kpialign.config.ConfNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The registry of metric kinds: the one list the catalog loader parses {@code kind} from. */
public final class MetricKinds {
  public static final List<MetricKind> ALL = List.of(
      new SumKind(), new CountKind(), new CountDistinctKind(), new AvgKind(),
      new PercentileKind(), new RatioKind(), new FormulaKind());

  private MetricKinds() {}

  public static Optional<MetricKind> bySpelling(String spelling) {
    return ALL.stream().filter(k -> k.spelling().equalsIgnoreCase(spelling)).findFirst();
  }

  /** The kind named by {@code key}, or null with the problem (listing the kinds) recorded. */
  static MetricKind parse(ConfNode node, String key) {
    return node.choice(key, ALL, null, MetricKind::spelling);
  }

  /** Every parameter name some kind takes, for the loader's list of allowed keys. */
  static Set<String> parameterNames() {
    Set<String> names = new TreeSet<>();
    ALL.forEach(k -> k.parameters().forEach(p -> names.add(p.name())));
    return names;
  }
}
