package com.kpialign.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.struct;

import com.kpialign.config.Reference;
import com.kpialign.config.SourceDefinition;
import com.kpialign.config.SourceGraph;
import com.kpialign.config.SqlExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A source's rows with the attributes its metrics read through references: each reference used
 * becomes a struct column of the referenced row's needed fields ({@code customer.state} reads as
 * the field {@code state} of the struct {@code customer}, in slices and SQL alike), and each
 * attribute used becomes a column. References are many-to-one (the referenced source's primary
 * key is unique in its raw table), so a left join keeps every row once; a row whose key matches
 * nothing reads null attributes, sliced as {@code (none)}. A collection (one-to-many) becomes an
 * array of structs, one per related row, grouped on the related rows' side first so the join
 * still keeps every row once: {@code items.product.category} then reads as the array of the
 * categories of a row's items. A reference to a type-2 history meets the version valid on the
 * row's event day (its source's {@code event_date}).
 */
public final class JoinedDimensions {
  private static final String KEY = "_ref_key_";
  private static final String VALID_FROM = "_valid_from";
  private static final String VALID_UNTIL = "_valid_until";

  private JoinedDimensions() {}

  /** The paths of {@code paths} that are not the source's own columns. */
  public static Set<String> joined(SourceGraph graph, SourceDefinition source,
      Set<String> paths) {
    Set<String> out = new LinkedHashSet<>();
    paths.stream().filter(p -> !graph.isOwnColumn(source.name(), p)).forEach(out::add);
    return out;
  }

  /**
   * {@code rows} (of {@code source}) with every path of {@code paths} readable as a column
   * expression; {@code rawOf} gives the raw rows of a referenced source.
   */
  public static Dataset<Row> join(Dataset<Row> rows, SourceDefinition source, Set<String> paths,
      SourceGraph graph, RawRows rawOf) {
    return join(rows, source, paths, graph, rawOf, Optional.of(0));
  }

  /** The raw rows of a source, within {@code days} of the run's extract dates (empty: all). */
  @FunctionalInterface
  public interface RawRows {
    Dataset<Row> of(String source, Optional<Integer> days);
  }

  /**
   * {@code within}: how many days from the run's the rows of {@code rows} may lie, the sum of the
   * {@code days} of the references followed to reach them; empty once one declares none.
   */
  private static Dataset<Row> join(Dataset<Row> rows, SourceDefinition source, Set<String> paths,
      SourceGraph graph, RawRows rawOf, Optional<Integer> within) {
    if (paths.isEmpty()) {
      return rows;
    }
    Set<String> needed = withAttributeInputs(source, paths);
    Map<String, Set<String>> byReference = new LinkedHashMap<>();
    for (String path : needed) {
      int dot = path.indexOf('.');
      if (dot > 0) {
        byReference.computeIfAbsent(path.substring(0, dot), r -> new LinkedHashSet<>())
            .add(path.substring(dot + 1));
      }
    }
    Dataset<Row> out = rows;
    for (Map.Entry<String, Set<String>> use : byReference.entrySet()) {
      Reference ref = source.reference(use.getKey()).orElseThrow();
      SourceDefinition target = graph.source(ref.source()).orElseThrow();
      Optional<Integer> further = within.flatMap(w -> ref.days().map(d -> w + d));
      Dataset<Row> referenced = join(rawOf.of(target.name(), further), target, use.getValue(),
          graph, rawOf, further);
      Set<String> fields = new LinkedHashSet<>();
      use.getValue().forEach(p -> fields.add(p.split("\\.")[0]));
      // the related rows' columns that meet this source's: its key, or a collection's columns
      List<String> theirs = ref.many() ? ref.columns() : target.primaryKey();
      List<String> ours = ref.many() ? source.primaryKey() : ref.columns();
      List<Column> select = new ArrayList<>();
      for (int i = 0; i < theirs.size(); i++) {
        select.add(col(theirs.get(i)).as(KEY + i));
      }
      select.add(struct(fields.stream().map(f -> col(f)).toArray(Column[]::new))
          .as(ref.name()));
      target.history().ifPresent(h -> select.addAll(validity(target, h)));
      Dataset<Row> right = referenced.select(select.toArray(Column[]::new));
      if (ref.many()) {
        right = right.groupBy(java.util.stream.IntStream.range(0, theirs.size())
                .mapToObj(i -> col(KEY + i)).toArray(Column[]::new))
            .agg(collect_list(col(ref.name())).as(ref.name()));
      }
      Column on = null;
      for (int i = 0; i < ours.size(); i++) {
        Column eq = out.col(ours.get(i)).equalTo(right.col(KEY + i));
        on = on == null ? eq : on.and(eq);
      }
      if (target.history().isPresent()) {
        Column day = to_date(out.col(source.eventDate()));
        on = on.and(right.col(VALID_FROM).leq(day))
            .and(right.col(VALID_UNTIL).isNull().or(day.lt(right.col(VALID_UNTIL))));
      }
      Dataset<Row> joined = out.join(right, on, "left");
      for (int i = 0; i < ours.size(); i++) {
        joined = joined.drop(right.col(KEY + i));
      }
      if (target.history().isPresent()) {
        joined = joined.drop(right.col(VALID_FROM)).drop(right.col(VALID_UNTIL));
      }
      out = joined;
    }
    for (Map.Entry<String, String> a : source.attributes().entrySet()) {
      if (needed.contains(a.getKey())) {
        out = out.withColumn(a.getKey(), expr(a.getValue()));
      }
    }
    return out;
  }

  /**
   * The days a type-2 version is valid: from its first day until its declared end or the next
   * version's first day, whichever comes first, so versions of a key never overlap and a fact
   * row meets at most one of them.
   */
  private static List<Column> validity(SourceDefinition target, SourceDefinition.History h) {
    Column from = to_date(col(h.validFrom()));
    Column next = lead(from, 1).over(Window.partitionBy(target.primaryKey().stream()
        .map(k -> col(k)).toArray(Column[]::new)).orderBy(from));
    Column until = h.validTo().map(t -> least(coalesce(to_date(col(t)), next), coalesce(next,
        to_date(col(t))))).orElse(next);
    return List.of(from.as(VALID_FROM), until.as(VALID_UNTIL));
  }

  /** The paths, plus everything the attributes among them read (attributes come in order). */
  private static Set<String> withAttributeInputs(SourceDefinition source, Set<String> paths) {
    Set<String> out = new LinkedHashSet<>(paths);
    List<String> attributes = new ArrayList<>(source.attributes().keySet());
    for (int i = attributes.size() - 1; i >= 0; i--) {
      String a = attributes.get(i);
      if (out.contains(a)) {
        out.addAll(SqlExpressions.references(SqlExpressions.parse(source.attributes().get(a))));
      }
    }
    return out;
  }
}
