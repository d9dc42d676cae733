package com.kpialign.config;

import com.kpialign.errors.Errors;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;
import java.util.List;

/**
 * The configuration under {@code conf/} is wrong. Carries every problem found, each naming its
 * file and key, so the user fixes them all in one go. Raised before any Spark work starts.
 */
public final class ConfigException extends KpiException {
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
    return Errors.configurationProblems(problems.stream().map(ConfigProblem::toString).toList());
  }

  @Override
  public int exitCode() {
    return ExitCode.USAGE;
  }
}
