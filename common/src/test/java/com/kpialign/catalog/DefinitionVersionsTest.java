package com.kpialign.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.config.ConfigException;
import com.kpialign.testing.TestConf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionVersionsTest {
  static final String SOURCES = """
      sources:
        - name: shipments
          format: csv
          path: "{date}/shipments.csv"
          primary_key: [shipment_id]
          event_date: shipped_on
          schema:
            - {name: shipment_id, type: long, nullable: false}
            - {name: shipped_on, type: date, nullable: false}
            - {name: days, type: int}
      """;

  @TempDir Path dir;

  /** A field added to MetricDefinition must be declared hashed or not before this passes. */
  @Test
  void everyFieldOfADefinitionIsHashedOrDeclaredNotToChangeNumbers() {
    Set<String> fields = new HashSet<>();
    Arrays.stream(MetricDefinition.class.getRecordComponents()).forEach(c -> fields.add(c.getName()));
    Set<String> classified = new HashSet<>(DefinitionVersions.HASHED);
    classified.addAll(DefinitionVersions.NOT_HASHED);
    assertEquals(fields, classified);
    Set<String> both = new HashSet<>(DefinitionVersions.HASHED);
    both.retainAll(DefinitionVersions.NOT_HASHED);
    assertTrue(both.isEmpty(), "both hashed and not: " + both);
  }

  /** The hash of the text the version is documented to hash, worked out here on its own. */
  @Test
  void versionIsTheHashOfTheFieldsThatChangeNumbers() throws Exception {
    MetricCatalog catalog = new TestConf(dir.resolve("a")).sources(SOURCES)
        .metric("shipments", "kind: count, source: shipments").load().requireCatalog();
    String text = "kind=count|source=shipments|expression=|filter=|event_date=|numerator="
        + "|denominator=|dimensions=[]|pairs=[]";
    byte[] digest = MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(HexFormat.of().formatHex(digest).substring(0, 12),
        DefinitionVersions.of(catalog).get("shipments"));
  }

  @Test
  void aPercentilesQuantileVersionsItsDefinitionAndItsOwnerDoesNot() {
    Map<String, String> p90 = versions("b", "quantile: 0.9, owner: Ops");
    Map<String, String> p50 = versions("c", "quantile: 0.5, owner: Ops");
    Map<String, String> p90OtherOwner = versions("d", "quantile: 0.9, owner: Finance");
    assertNotEquals(p90.get("days"), p50.get("days"));
    assertEquals(p90.get("days"), p90OtherOwner.get("days"));
  }

  /**
   * An exact distinct count is a new definition of an approximate one; saying approximate, the
   * default, is not (so metrics written before the setting existed keep their versions).
   */
  @Test
  void anExactDistinctCountIsANewVersionTheDefaultIsNot() {
    String distinct = "kind: count_distinct, source: shipments, expression: days";
    Map<String, String> unsaid = versions("e", "days", distinct);
    Map<String, String> approximate = versions("f", "days", distinct
        + ", distinct: approximate");
    Map<String, String> exact = versions("g", "days", distinct + ", distinct: exact");
    assertEquals(unsaid.get("days"), approximate.get("days"));
    assertNotEquals(unsaid.get("days"), exact.get("days"));
    ConfigException e = assertThrows(ConfigException.class, () -> versions("h", "days",
        distinct + ", distinct: exactly"));
    assertEquals("'exactly' is not one of [approximate, exact]: approximate (a HyperLogLog "
        + "sketch) or exact (the set of values)", e.problems().get(0).message());
  }

  private Map<String, String> versions(String folder, String keys) {
    return versions(folder, "days", "kind: percentile, source: shipments, expression: days, "
        + keys);
  }

  private Map<String, String> versions(String folder, String id, String keys) {
    return DefinitionVersions.of(new TestConf(dir.resolve(folder)).sources(SOURCES)
        .metric(id, keys).load().requireCatalog());
  }
}
