package com.kpialign.config;

/** One mistake found in a configuration file: where it is and what is wrong. */
public record ConfigProblem(String file, String key, String message) {

  @Override
  public String toString() {
    return key.isEmpty() ? file + ": " + message : file + ": " + key + ": " + message;
  }
}
