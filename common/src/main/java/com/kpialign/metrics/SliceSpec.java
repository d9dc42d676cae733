package com.kpialign.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import com.kpialign.catalog.MetricDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * One way of cutting a metric: the whole ({@code all}), by one dimension, or by a pair. A slice's
 * text names its values, dimensions sorted by name: {@code all}, {@code region=EU},
 * {@code channel=email&region=EU}; the same text in targets, benchmarks and root causes.
 */
public record SliceSpec(List<String> dimensions) {
  public static final String ALL = "all";
  /** How a missing dimension value is written in a slice. */
  public static final String NONE = "(none)";

  public SliceSpec {
    dimensions = dimensions.stream().sorted().toList();
  }

  /** {@code all}, {@code region}, {@code channel&region}. */
  public String name() {
    return dimensions.isEmpty() ? ALL : String.join("&", dimensions);
  }

  /** The slice text of a row, from the dimension columns (as text). */
  public Column slice() {
    return text(null, null);
  }

  /**
   * The slice texts of a row: one, or one per member of the set of values of its multi-valued
   * dimension (at most one per cut), {@code (none)} for an empty set.
   */
  public Column slices(Set<String> multiValued) {
    String multi = dimensions.stream().filter(multiValued::contains).findFirst().orElse(null);
    if (multi == null) {
      return array(slice());
    }
    Column members = column(multi);
    Column some = when(size(members).gt(0), members)
        .otherwise(array(lit(null).cast("string")));
    return transform(some, member -> text(multi, member));
  }

  private Column text(String multi, Column member) {
    if (dimensions.isEmpty()) {
      return lit(ALL);
    }
    List<Column> parts = new ArrayList<>();
    for (String d : dimensions) {
      parts.add(lit((parts.isEmpty() ? "" : "&") + d + "="));
      parts.add(coalesce((d.equals(multi) ? member : column(d)).cast("string"), lit(NONE)));
    }
    return concat(parts.toArray(Column[]::new));
  }

  /** A dimension's column; a joined dimension's is named with its dots (customer.state). */
  private static Column column(String dimension) {
    return col("`" + dimension + "`");
  }

  /** The cuts a metric allows: the whole, each dimension, each declared pair. */
  public static List<SliceSpec> of(MetricDefinition m) {
    Set<SliceSpec> out = new LinkedHashSet<>();
    out.add(new SliceSpec(List.of()));
    m.dimensions().forEach(d -> out.add(new SliceSpec(List.of(d))));
    m.dimensionPairs().forEach(p -> out.add(new SliceSpec(p)));
    return new ArrayList<>(out);
  }
}
