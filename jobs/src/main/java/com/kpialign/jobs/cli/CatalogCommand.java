package com.kpialign.jobs.cli;

import com.kpialign.catalog.MetricCatalog;
import com.kpialign.catalog.MetricDefinition;
import com.kpialign.catalog.Perspective;
import com.kpialign.catalog.Stakeholder;
import com.kpialign.errors.ExitCode;
import com.kpialign.jobs.ResultPrinter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.cli.Options;

/**
 * {@code kpi catalog validate} and {@code kpi catalog list}: the metric catalog, checked and shown
 * without starting Spark.
 */
final class CatalogCommand implements Command {
  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public String summary() {
    return "validate or list the shared metric catalog (conf/metrics.yaml) without Spark";
  }

  @Override
  public String arguments() {
    return "validate|list";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(Invocation.formatOption());
    return options;
  }

  @Override
  public int run(Invocation invocation) {
    List<String> args = invocation.arguments();
    if (args.size() != 1 || !List.of("validate", "list").contains(args.get(0))) {
      throw new UsageException("expected 'kpi catalog validate' or 'kpi catalog list', got "
          + args);
    }
    ResultPrinter.Format format = invocation.format();
    MetricCatalog catalog = invocation.conf().requireCatalog();
    if (args.get(0).equals("validate")) {
      invocation.out().println(overview(catalog));
    } else {
      list(catalog, format, invocation);
    }
    return ExitCode.OK;
  }

  static String overview(MetricCatalog catalog) {
    Map<Perspective, Long> perspectives = new EnumMap<>(Perspective.class);
    Map<Stakeholder, Long> stakeholders = new EnumMap<>(Stakeholder.class);
    for (MetricDefinition m : catalog.metrics()) {
      perspectives.merge(m.perspective(), 1L, Long::sum);
      m.stakeholders().forEach(s -> stakeholders.merge(s, 1L, Long::sum));
    }
    return "catalog ok: " + catalog.metrics().size() + " metrics, " + catalog.entities().size()
        + " shared entities, " + catalog.verticals().size() + " verticals "
        + catalog.verticals() + "\n  perspectives: " + counts(perspectives)
        + "\n  stakeholders: " + counts(stakeholders);
  }

  private static <E extends Enum<E>> String counts(Map<E, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static void list(MetricCatalog catalog, ResultPrinter.Format format,
      Invocation invocation) {
    List<String> header = List.of("id", "name", "vertical", "owner", "kind", "unit", "direction",
        "perspective", "stakeholders", "source", "dimensions");
    List<List<String>> rows = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics()) {
      String source = m.source().orElseGet(() -> m.kind().spelling().equals("ratio")
          ? m.numerator().orElse("") + " / " + m.denominator().orElse("")
          : m.expression().orElse(""));
      rows.add(List.of(m.id(), m.name(), m.vertical(), m.owner(), m.kind().spelling(), m.unit(),
          m.direction().spelling(), m.perspective().spelling(),
          m.stakeholders().stream().map(Stakeholder::spelling).collect(Collectors.joining(" ")),
          source, String.join(" ", m.dimensions())));
    }
    new ResultPrinter(invocation.out()).print(header, rows.iterator(), format, -1);
  }
}
