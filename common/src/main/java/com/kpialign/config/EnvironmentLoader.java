package com.kpialign.config;

import java.util.Map;
import java.util.Optional;

/** Reads one environment of {@code environments.yaml}. */
public final class EnvironmentLoader {
  private EnvironmentLoader() {}

  /** The environment {@code name} of the file's root, or null after recording why not. */
  public static Environment read(ConfNode root, String name, ConfFiles files) {
    root.onlyKeys("environments");
    ConfNode all = root.object("environments");
    Map<String, ConfNode> byName = all.entries();
    ConfNode env = byName.get(name);
    if (env == null) {
      if (all.isObject()) {
        all.problem("environment '" + name + "' is not defined; defined: " + byName.keySet());
      }
      return null;
    }
    if (!env.isObject()) {
      env.problem("must be a mapping");
      return null;
    }
    env.onlyKeys("warehouse", "landing", "spark", "databases", "register_tables",
        "reporting_timezone");
    String warehouse = files.resolvePath(env.string("warehouse"));
    String landing = files.resolvePath(env.string("landing"));
    Optional<String> master = Optional.empty();
    Map<String, String> settings = Map.of();
    Optional<ConfNode> spark = env.optionalObject("spark");
    if (spark.isPresent()) {
      spark.get().onlyKeys("master", "settings");
      master = spark.get().optionalString("master");
      settings = spark.get().stringMap("settings");
    }
    Environment.Databases databases = databases(env.optionalObject("databases"));
    boolean register = env.bool("register_tables", true);
    String zone = SourcesLoader.zone(env, "reporting_timezone").orElse("UTC");
    return new Environment(name, warehouse, landing, master, settings, databases, register,
        zone);
  }

  private static Environment.Databases databases(Optional<ConfNode> node) {
    if (node.isEmpty()) {
      return new Environment.Databases("raw", "quality", "kpi", "finance", "ops");
    }
    ConfNode db = node.get();
    db.onlyKeys("raw", "quality", "kpi", "finance", "ops");
    return new Environment.Databases(identifier(db, "raw"), identifier(db, "quality"),
        identifier(db, "kpi"), identifier(db, "finance"), identifier(db, "ops"));
  }

  private static String identifier(ConfNode node, String key) {
    String value = node.string(key, key);
    node.requireIdentifier(key, value);
    return value;
  }
}
