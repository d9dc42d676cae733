package com.kpialign.catalog;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The catalog as rows of {@code kpi.dim_metric} (see {@code DimMetricTable}). */
public final class CatalogRows {
  private CatalogRows() {}

  /** Current definitions, valid from {@code validFrom}, as of {@code runDate}. */
  public static List<Row> dimMetric(MetricCatalog catalog, String runId, LocalDate validFrom,
      LocalDate runDate) {
    Map<String, Set<String>> sources = catalog.sourcesByMetric();
    Map<String, String> versions = DefinitionVersions.of(catalog);
    List<Row> rows = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      List<String> checks = m.checks().stream().map(CatalogRows::describe).toList();
      rows.add(RowFactory.create(m.id(), m.name(), m.description(), m.vertical(), m.owner(),
          m.unit(), m.direction().spelling(),
          m.band().map(MetricDefinition.Band::low).orElse(null),
          m.band().map(MetricDefinition.Band::high).orElse(null),
          m.perspective().spelling(),
          m.stakeholders().stream().map(Stakeholder::spelling).toList(),
          m.kind().spelling(), m.source().orElse(null), m.expression().orElse(null),
          m.filter().orElse(null), m.entity().orElse(null), m.numerator().orElse(null),
          m.denominator().orElse(null), m.eventDate().orElse(null), m.dimensions(),
          m.dimensionPairs(), m.parts(),
          new ArrayList<>(sources.get(m.id())),
          m.reviewedOn().map(Date::valueOf).orElse(null), checks, versions.get(m.id()),
          Date.valueOf(validFrom), null, runId, Date.valueOf(runDate)));
    }
    return rows;
  }

  /** {@code range(csat_score, min=1.0, max=5.0) [error]}: one readable line per check. */
  public static String describe(CheckDefinition c) {
    List<String> args = new ArrayList<>();
    c.column().ifPresent(args::add);
    c.min().ifPresent(v -> args.add("min=" + v));
    c.max().ifPresent(v -> args.add("max=" + v));
    c.reference().ifPresent(v -> args.add("reference=" + v));
    c.tolerance().ifPresent(v -> args.add("tolerance=" + v));
    return c.type().spelling() + "(" + String.join(", ", args) + ") [" + c.severity().spelling()
        + "]";
  }
}
