package com.kpialign.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The version of each metric's definition: a hash of everything that changes its numbers (kind,
 * source, expression, filter, entity and its definition, event date, parts, dimensions) and of
 * its parts' versions, so a change to revenue also versions average order value. Names, owners
 * and descriptions do not change numbers and do not change the version.
 */
public final class DefinitionVersions {
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
          .append("|pairs=").append(m.dimensionPairs());
      m.entity().ifPresent(id -> catalog.entities().stream().filter(e -> e.id().equals(id))
          .findFirst().ifPresent(e -> text.append("|entity=").append(e.source()).append('.')
              .append(e.key()).append(" where ").append(e.filter().orElse(""))));
      // catalog order puts parts first, so their versions are known here
      MetricCatalogLoader.parts(m).forEach(p -> text.append("|part:").append(p).append('=')
          .append(out.get(p)));
      out.put(m.id(), hash(text.toString()));
    }
    return out;
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
