package com.kpialign.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole validated configuration one command runs with. */
public record Conf(Path dir, Environment environment, List<SourceDefinition> sources) {

  public Conf {
    sources = List.copyOf(sources);
  }

  public Optional<SourceDefinition> source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
