package com.kpialign.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A problem injected into the demo company with a known cause: the ground truth that tests and
 * benchmarks check the root-cause and correlation jobs against.
 */
public record Incident(String id, String description, LocalDate start, LocalDate end,
    Map<String, String> dimensions, List<Effect> effects) {

  /** A metric the incident moves, and which way ({@code up} or {@code down}). */
  public record Effect(String metric, String direction) {}

  public Incident {
    dimensions = new TreeMap<>(dimensions);
    effects = List.copyOf(effects);
  }

  public boolean activeOn(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }

  /** {@code carrier=ShipFast&region=EU}: pairs sorted by dimension name. */
  public String dimensionText() {
    return dimensions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }
}
