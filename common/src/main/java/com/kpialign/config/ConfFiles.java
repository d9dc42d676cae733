package com.kpialign.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one configuration directory being read: each is parsed into a {@link ConfNode}
 * that records its problems here, so every file's mistakes are reported together.
 */
public final class ConfFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path dir;
  private final List<ConfigProblem> problems = new ArrayList<>();

  public ConfFiles(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public boolean exists(String name) {
    return Files.exists(dir.resolve(name));
  }

  /** Records a problem of the whole file {@code name}. */
  public void problem(String name, String message) {
    problems.add(new ConfigProblem(dir.resolve(name).toString(), "", message));
  }

  /** Records a problem of key {@code key} in file {@code name}. */
  public void problem(String name, String key, String message) {
    problems.add(new ConfigProblem(dir.resolve(name).toString(), key, message));
  }

  /** Throws one {@link ConfigException} listing every problem recorded so far, if any. */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** The parsed root mapping of {@code name}, or empty after recording why it can't be read. */
  public Optional<ConfNode> read(String name) {
    Path file = dir.resolve(name);
    String shown = file.toString();
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem(shown, "", "file is missing"));
      return Optional.empty();
    }
    try {
      JsonNode root = YAML.readTree(file.toFile());
      ConfNode node = new ConfNode(root, shown, "", problems);
      if (!node.isObject()) {
        node.problem("must be a YAML mapping at the top level");
        return Optional.empty();
      }
      return Optional.of(node);
    } catch (JsonProcessingException e) {
      problems.add(new ConfigProblem(shown, "", "is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
    } catch (IOException e) {
      problems.add(new ConfigProblem(shown, "", "cannot be read: " + e.getMessage()));
    }
    return Optional.empty();
  }

  /** Local relative paths are relative to the project (the parent of conf/), not the cwd. */
  public String resolvePath(String path) {
    if (path == null) {
      return null;
    }
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return path;
    }
    Path base = dir.getParent() == null ? dir : dir.getParent();
    return base.resolve(path).normalize().toString();
  }
}
