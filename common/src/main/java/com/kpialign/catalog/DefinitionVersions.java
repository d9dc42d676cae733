package com.kpialign.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The version of each metric's definition: a hash of everything that changes its numbers (kind,
 * source, expression, filter, entity and its definition, event date, parts, dimensions) and of
 * its parts' versions, so a change to revenue also versions average order value, plus what the
 * kind adds ({@link MetricKind#versionText}: a percentile's quantile). Names, owners and
 * descriptions do not change numbers and do not change the version. Every field of
 * {@link MetricDefinition} is in one of {@link #HASHED} or {@link #NOT_HASHED}, which a test
 * holds against the record, so a new field cannot be forgotten here.
 */
public final class DefinitionVersions {
  /** The fields that change a metric's numbers, hashed below. */
  public static final Set<String> HASHED = Set.of("kind", "parameters", "source", "expression",
      "filter", "entity", "eventDate", "numerator", "denominator", "dimensions",
      "dimensionPairs");

  /** The fields that describe a metric or judge its values, but do not change them. */
  public static final Set<String> NOT_HASHED = Set.of("id", "name", "description", "vertical",
      "owner", "unit", "direction", "band", "perspective", "stakeholders", "reviewedOn", "checks",
      "range");

  private DefinitionVersions() {}

  /** Metric id to version (12 hex digits), in catalog order. */
  public static Map<String, String> of(MetricCatalog catalog) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MetricDefinition m : catalog.metrics()) {
      StringBuilder text = new StringBuilder();
      text.append("kind=").append(m.kind().spelling())
          .append("|source=").append(m.source().orElse(""))
          .append("|expression=").append(m.expression().orElse(""))
          .append("|filter=").append(m.filter().orElse(""))
          .append("|event_date=").append(m.eventDate().orElse(""))
          .append("|numerator=").append(m.numerator().orElse(""))
          .append("|denominator=").append(m.denominator().orElse(""))
          .append("|dimensions=").append(m.dimensions())
          .append(joinedDimensions(catalog, m))
          .append("|pairs=").append(m.dimensionPairs());
      m.entity().ifPresent(id -> catalog.entities().stream().filter(e -> e.id().equals(id))
          .findFirst().ifPresent(e -> text.append("|entity=").append(e.source()).append('.')
              .append(e.key()).append(" where ").append(e.filter().orElse(""))));
      // catalog order puts parts first, so their versions are known here
      m.parts().forEach(p -> text.append("|part:").append(p).append('=')
          .append(out.get(p)));
      text.append(m.kind().versionText(m));
      out.put(m.id(), hash(text.toString()));
    }
    return out;
  }

  /**
   * What a dimension read through references or an attribute depends on; nothing for the
   * source's own columns, so versions of metrics without joined dimensions stay as they were.
   */
  private static String joinedDimensions(MetricCatalog catalog, MetricDefinition m) {
    StringBuilder out = new StringBuilder();
    String source = m.source().orElse(null);
    for (String d : m.dimensions()) {
      if (source != null && !catalog.sources().isOwnColumn(source, d)) {
        out.append("|joined:").append(d).append('=')
            .append(catalog.sources().lineage(source, d));
      }
    }
    return out.toString();
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
