package com.kpialign.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration under {@code conf/} is wrong. Carries every problem found, each naming its
 * file and key, so the user fixes them all in one go. Raised before any Spark work starts.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public static ConfigException of(String file, String key, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, key, message)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    String header = problems.size() == 1
        ? "1 configuration problem:"
        : problems.size() + " configuration problems:";
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
  }
}
