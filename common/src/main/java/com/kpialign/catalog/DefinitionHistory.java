package com.kpialign.catalog;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Keeps every definition version of {@code kpi.dim_metric}: the current catalog's rows merged
 * with the stored ones. An unchanged definition keeps its {@code valid_from} (its descriptive
 * fields are refreshed); a changed one closes the stored row the day before {@code from} and
 * opens a new one; a metric gone from the catalog is closed.
 */
public final class DefinitionHistory {
  /** The merged rows and the metrics whose definition changed. */
  public record Merged(List<Row> rows, List<String> changed) {}

  private DefinitionHistory() {}

  public static Merged merge(List<Row> stored, List<Row> current, LocalDate from,
      StructType schema) {
    int id = schema.fieldIndex("metric_id");
    int version = schema.fieldIndex("definition_version");
    int validFrom = schema.fieldIndex("valid_from");
    int validTo = schema.fieldIndex("valid_to");
    Map<String, Row> open = new LinkedHashMap<>();
    List<Row> out = new ArrayList<>();
    for (Row r : stored) {
      if (r.isNullAt(validTo)) {
        open.put(r.getString(id), r);
      } else {
        out.add(r);
      }
    }
    List<String> changed = new ArrayList<>();
    Date closedOn = Date.valueOf(from.minusDays(1));
    for (Row now : current) {
      Row before = open.remove(now.getString(id));
      if (before == null) {
        out.add(now);
      } else if (before.getString(version).equals(now.getString(version))) {
        out.add(with(now, validFrom, before.get(validFrom)));
      } else if (!before.getDate(validFrom).toLocalDate().isBefore(from)) {
        // changed again within the same run date: the new definition replaces it
        out.add(with(now, validFrom, before.get(validFrom)));
        changed.add(now.getString(id));
      } else {
        out.add(with(before, validTo, closedOn));
        out.add(now);
        changed.add(now.getString(id));
      }
    }
    open.values().forEach(gone -> out.add(with(gone, validTo, closedOn)));
    return new Merged(out, changed);
  }

  private static Row with(Row row, int index, Object value) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = i == index ? value : row.get(i);
    }
    return RowFactory.create(values);
  }
}
