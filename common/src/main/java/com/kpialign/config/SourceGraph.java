package com.kpialign.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sources and the many-to-one references between them: which attribute a path such as
 * {@code customer.state} or {@code product.category} names from a source, the paths a source
 * reaches, and a text of everything a path's value depends on (for definition versions).
 */
public final class SourceGraph {
  /** How deep {@link #reachable} follows references when it lists paths for a message. */
  private static final int LISTED_DEPTH = 3;

  private final Map<String, SourceDefinition> sources = new LinkedHashMap<>();

  public SourceGraph(List<SourceDefinition> sources) {
    sources.forEach(s -> this.sources.put(s.name(), s));
  }

  public Optional<SourceDefinition> source(String name) {
    return Optional.ofNullable(sources.get(name));
  }

  /** Whether {@code path} names a column of {@code source} itself (no reference, no attribute). */
  public boolean isOwnColumn(String source, String path) {
    return sources.get(source).column(path).isPresent();
  }

  /**
   * Why {@code path} names no column or attribute reachable from {@code source}, saying where
   * it stops and which paths exist; empty when it does.
   */
  public Optional<String> problem(String source, String path) {
    SourceDefinition at = sources.get(source);
    String[] segments = path.split("\\.", -1);
    String walked = source;
    int collections = 0;
    for (int i = 0; i < segments.length - 1; i++) {
      Optional<Reference> ref = at.reference(segments[i]);
      if (ref.isPresent() && !sources.containsKey(ref.get().source())) {
        return Optional.of("'" + segments[i] + "' references unknown source '"
            + ref.get().source() + "'");
      }
      if (ref.isEmpty()) {
        return Optional.of("'" + segments[i] + "' is not a reference of source '" + at.name()
            + "'" + (at.references().isEmpty() ? " (it declares none)" : "; its references: "
            + at.references().stream().map(Reference::name).toList())
            + "; paths from '" + source + "': " + reachable(source));
      }
      walked += "." + segments[i];
      at = sources.get(ref.get().source());
      if (ref.get().many() && ++collections > 1) {
        return Optional.of("the path goes through two collections; a dimension may cross one "
            + "(a set of values per row, not a set of sets)");
      }
    }
    String last = segments[segments.length - 1];
    if (at.column(last).isEmpty() && !at.attributes().containsKey(last)) {
      return Optional.of((segments.length > 1 ? "source '" + at.name() + "' (reached as '"
          + walked.substring(source.length() + 1) + "') has" : "source '" + at.name() + "' has")
          + " no column or attribute '" + last + "'; paths from '" + source + "': "
          + reachable(source));
    }
    return Optional.empty();
  }

  /**
   * Whether the path crosses a collection: a row then has a set of values (an order is in the
   * category of each of its items), and the dimension's slices overlap.
   */
  public boolean isMultiValued(String source, String path) {
    SourceDefinition at = sources.get(source);
    String[] segments = path.split("\\.");
    for (int i = 0; i < segments.length - 1; i++) {
      Reference r = at.reference(segments[i]).orElseThrow();
      if (r.many()) {
        return true;
      }
      at = sources.get(r.source());
    }
    return false;
  }

  /** The source a path's last segment belongs to; the path must resolve. */
  public SourceDefinition owner(String source, String path) {
    SourceDefinition at = sources.get(source);
    String[] segments = path.split("\\.");
    for (int i = 0; i < segments.length - 1; i++) {
      at = sources.get(at.reference(segments[i]).orElseThrow().source());
    }
    return at;
  }

  /** Every column, attribute and path through references of {@code source}, a few levels deep. */
  public List<String> reachable(String source) {
    List<String> out = new ArrayList<>();
    collect(sources.get(source), "", new LinkedHashSet<>(List.of(source)), out);
    return out;
  }

  private void collect(SourceDefinition at, String prefix, Set<String> onPath, List<String> out) {
    at.schema().forEach(c -> out.add(prefix + c.name()));
    at.attributes().keySet().forEach(a -> out.add(prefix + a));
    if (onPath.size() > LISTED_DEPTH) {
      return;
    }
    for (Reference r : at.references()) {
      SourceDefinition target = sources.get(r.source());
      if (target != null && !onPath.contains(target.name())) {
        Set<String> deeper = new LinkedHashSet<>(onPath);
        deeper.add(target.name());
        collect(target, prefix + r.name() + ".", deeper, out);
      }
    }
  }

  /**
   * Everything the value of a resolvable {@code path} from {@code source} depends on: the
   * references followed (columns to key) and the attribute expressions, recursively. Two
   * definitions of a metric whose dimension texts are the same but whose lineage differs give
   * different numbers.
   */
  public String lineage(String source, String path) {
    StringBuilder out = new StringBuilder();
    appendLineage(sources.get(source), path, out, 0);
    return out.toString();
  }

  private void appendLineage(SourceDefinition at, String path, StringBuilder out, int depth) {
    if (depth > 16) {
      return; // attributes that refer to each other in a circle are refused at load
    }
    String[] segments = path.split("\\.");
    for (int i = 0; i < segments.length - 1; i++) {
      Reference r = at.reference(segments[i]).orElseThrow();
      SourceDefinition target = sources.get(r.source());
      if (r.many()) {
        out.append(at.name()).append(at.primaryKey()).append("<-").append(target.name())
            .append(r.columns()).append(';');
      } else {
        out.append(at.name()).append(r.columns()).append("->").append(target.name())
            .append(target.primaryKey()).append(';');
      }
      at = target;
    }
    String last = segments[segments.length - 1];
    String expression = at.attributes().get(last);
    out.append(at.name()).append('.').append(last);
    if (expression != null) {
      out.append('=').append(expression).append('{');
      for (String used : SqlExpressions.references(SqlExpressions.parse(expression))) {
        appendLineage(at, used, out, depth + 1);
      }
      out.append('}');
    }
    out.append(';');
  }
}
