package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packages form layers: no package imports, directly or not, one that imports it. */
class PackageCyclesTest {
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile(
      "^import (?:static )?(com\\.kpialign\\.[\\w.]+?)\\.[A-Z]", Pattern.MULTILINE);

  @Test
  void mainCodeHasNoPackageCycle() throws IOException {
    Map<String, Set<String>> imports = new TreeMap<>();
    for (Path root : List.of(Path.of("../common/src/main/java"), Path.of("src/main/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          Matcher pkg = PACKAGE.matcher(source);
          assertTrue(pkg.find(), file + " declares no package");
          Set<String> out = imports.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
          Matcher imported = IMPORT.matcher(source);
          while (imported.find()) {
            if (!imported.group(1).equals(pkg.group(1))) {
              out.add(imported.group(1));
            }
          }
        }
      }
    }
    assertTrue(imports.containsKey("com.kpialign.assembly"), "scanned " + imports.keySet());
    assertEquals(List.of(), cycles(imports), "package cycles (each: a package and the path "
        + "back to it)");
  }

  @Test
  void findsACycleThroughThreePackages() {
    Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of("a"), "d", Set.of("a"));
    assertEquals(List.of(List.of("a", "b", "c", "a")), cycles(graph));
  }

  /** For each package on a cycle (first in name order), one path from it back to itself. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    List<List<String>> out = new ArrayList<>();
    Set<String> onReported = new HashSet<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      if (onReported.contains(start)) {
        continue;
      }
      List<String> path = pathBack(graph, start);
      if (path != null) {
        out.add(path);
        onReported.addAll(path);
      }
    }
    return out;
  }

  /** A shortest import path from {@code start} back to it, or null (breadth first). */
  private static List<String> pathBack(Map<String, Set<String>> graph, String start) {
    Map<String, String> cameFrom = new TreeMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (String next : new TreeSet<>(graph.getOrDefault(at, Set.of()))) {
        if (next.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String p = at; !p.equals(start); p = cameFrom.get(p)) {
            path.add(1, p);
          }
          path.add(start);
          return path;
        }
        if (!cameFrom.containsKey(next)) {
          cameFrom.put(next, at);
          queue.add(next);
        }
      }
    }
    return null;
  }
}
