package com.kpialign.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A YAML node being read into a typed record. Every accessor records a {@link ConfigProblem}
 * (file and dotted key) instead of throwing, so one pass over a file reports all its mistakes.
 */
public final class ConfNode {
  private final JsonNode node;
  private final String file;
  private final String key;
  private final List<ConfigProblem> problems;

  ConfNode(JsonNode node, String file, String key, List<ConfigProblem> problems) {
    this.node = node;
    this.file = file;
    this.key = key;
    this.problems = problems;
  }

  public String key() {
    return key;
  }

  /** The same node reported under another key, e.g. a list item named by its id. */
  public ConfNode withKey(String newKey) {
    return new ConfNode(node, file, newKey, problems);
  }

  /** A number, or empty (with a problem recorded if present but not a number). */
  public Optional<Double> number(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode child = node.get(name);
    if (child.isNumber()) {
      return Optional.of(child.doubleValue());
    }
    problem(name, "must be a number, got '" + child.asText() + "'");
    return Optional.empty();
  }

  public String file() {
    return file;
  }

  public void problem(String message) {
    problems.add(new ConfigProblem(file, key, message));
  }

  public void problem(String childKey, String message) {
    problems.add(new ConfigProblem(file, path(childKey), message));
  }

  /** Whether {@code value} is a lower-case identifier, as table, column and metric names are. */
  public static boolean isIdentifier(String value) {
    return value != null && value.matches("[a-z][a-z0-9_]*");
  }

  /** Records a problem under {@code childKey} unless {@code value} is an identifier. */
  public void requireIdentifier(String childKey, String value) {
    if (value != null && !isIdentifier(value)) {
      problem(childKey, "'" + value + "' must be a lower-case identifier ([a-z][a-z0-9_]*)");
    }
  }

  private String path(String child) {
    return key.isEmpty() ? child : key + "." + child;
  }

  public boolean isObject() {
    return node != null && node.isObject();
  }

  /** Reports keys that are not among {@code allowed}: a typo must not be ignored silently. */
  public void onlyKeys(String... allowed) {
    if (!isObject()) {
      return;
    }
    Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(name, "unknown key; allowed keys are " + new TreeSet<>(known));
      }
    }
  }

  public boolean has(String name) {
    return isObject() && node.has(name) && !node.get(name).isNull();
  }

  /** The child object {@code name}; reports a problem if it is missing or not a mapping. */
  public ConfNode object(String name) {
    JsonNode child = isObject() ? node.get(name) : null;
    if (child == null || child.isNull()) {
      problem(name, "is required");
    } else if (!child.isObject()) {
      problem(name, "must be a mapping of keys to values");
      child = null;
    }
    return new ConfNode(child, file, path(name), problems);
  }

  public Optional<ConfNode> optionalObject(String name) {
    return has(name) ? Optional.of(object(name)) : Optional.empty();
  }

  /** The entries of a mapping, in file order. */
  public Map<String, ConfNode> entries() {
    Map<String, ConfNode> out = new LinkedHashMap<>();
    if (isObject()) {
      node.fields().forEachRemaining(e ->
          out.put(e.getKey(), new ConfNode(e.getValue(), file, path(e.getKey()), problems)));
    }
    return out;
  }

  /** The items of the list {@code name}; reports a problem if it is missing or not a list. */
  public List<ConfNode> list(String name, boolean required) {
    JsonNode child = isObject() ? node.get(name) : null;
    List<ConfNode> out = new ArrayList<>();
    if (child == null || child.isNull()) {
      if (required) {
        problem(name, "is required");
      }
      return out;
    }
    if (!child.isArray()) {
      problem(name, "must be a list");
      return out;
    }
    for (int i = 0; i < child.size(); i++) {
      out.add(new ConfNode(child.get(i), file, path(name) + "[" + i + "]", problems));
    }
    return out;
  }

  public String string(String name) {
    return optionalString(name).orElseGet(() -> {
      if (isObject() && !has(name)) {
        problem(name, "is required");
      }
      return null;
    });
  }

  public Optional<String> optionalString(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode child = node.get(name);
    if (!child.isValueNode() || child.isBinary()) {
      problem(name, "must be a single value, not a " + (child.isArray() ? "list" : "mapping"));
      return Optional.empty();
    }
    String text = child.asText().trim();
    if (text.isEmpty()) {
      problem(name, "must not be empty");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  public String string(String name, String defaultValue) {
    return optionalString(name).orElse(defaultValue);
  }

  /** The items of this node if it is a list (a problem is recorded if it is not). */
  public List<ConfNode> listItems() {
    List<ConfNode> out = new ArrayList<>();
    if (node == null || !node.isArray()) {
      problem("must be a list");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfNode(node.get(i), file, key + "[" + i + "]", problems));
    }
    return out;
  }

  /** This node itself as a scalar (for list items such as primary key columns). */
  public String asString() {
    if (node == null || !node.isValueNode() || node.asText().isBlank()) {
      problem("must be a non-empty value");
      return null;
    }
    return node.asText().trim();
  }

  public boolean bool(String name, boolean defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    JsonNode child = node.get(name);
    if (child.isBoolean()) {
      return child.booleanValue();
    }
    problem(name, "must be true or false, got '" + child.asText() + "'");
    return defaultValue;
  }

  public int integer(String name, int defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    JsonNode child = node.get(name);
    if (child.isInt()) {
      return child.intValue();
    }
    problem(name, "must be a whole number, got '" + child.asText() + "'");
    return defaultValue;
  }

  public Optional<LocalDate> date(String name) {
    return optionalString(name).flatMap(text -> {
      try {
        return Optional.of(LocalDate.parse(text));
      } catch (DateTimeParseException e) {
        problem(name, "must be a date YYYY-MM-DD, got '" + text + "'");
        return Optional.empty();
      }
    });
  }

  /** A list of scalars such as {@code [order_id]}; a single scalar is read as a one-item list. */
  public List<String> strings(String name) {
    if (!has(name)) {
      return List.of();
    }
    if (node.get(name).isValueNode()) {
      return optionalString(name).map(List::of).orElse(List.of());
    }
    List<String> out = new ArrayList<>();
    for (ConfNode item : list(name, false)) {
      String value = item.asString();
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** A mapping of scalar values, e.g. reader options or Spark settings, as strings. */
  public Map<String, String> stringMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!has(name)) {
      return out;
    }
    ConfNode child = object(name);
    child.entries().forEach((k, v) -> {
      String value = v.asString();
      if (value != null) {
        out.put(k, value);
      }
    });
    return out;
  }

  /** An enum constant by its YAML spelling; the error lists the allowed values. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue,
      Function<E, String> spelling) {
    return choice(name, Arrays.asList(type.getEnumConstants()), defaultValue, spelling);
  }

  /**
   * One of {@code choices} by its YAML spelling (case-insensitive); required when there is no
   * default. The error lists the allowed spellings.
   */
  public <T> T choice(String name, List<T> choices, T defaultValue, Function<T, String> spelling) {
    Optional<String> text = optionalString(name);
    if (text.isEmpty()) {
      if (defaultValue == null && isObject() && !has(name)) {
        problem(name, "is required");
      }
      return defaultValue;
    }
    for (T choice : choices) {
      if (spelling.apply(choice).equalsIgnoreCase(text.get())) {
        return choice;
      }
    }
    problem(name, "'" + text.get() + "' is not one of " + choices.stream().map(spelling).toList());
    return defaultValue;
  }
}
