package com.kpialign.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.testing.NormalizedWarehouse;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dimension sources: each delivery is a snapshot that replaces the table (the previous one kept
 * as a Delta version), days without a file are days without a delivery, a lookup file without a
 * date in its path loads as it is, and a UTF-8 byte-order mark does not hide the first column.
 */
class DimensionIngestTest {
  static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
  static final LocalDate JAN2 = LocalDate.of(2024, 1, 2);

  @TempDir Path dir;
  TestProject project;
  SparkSession spark;

  @BeforeEach
  void extracts() {
    project = new TestProject(dir, NormalizedWarehouse.SOURCES);
    spark = TestSpark.session();
    for (LocalDate day : List.of(JAN1, JAN2)) {
      project.landing(day + "/orders.csv", "order_id,order_date,customer_id,status\n");
      project.landing(day + "/order_items.csv",
          "order_id,item_no,shipping_date,product_id,price\n");
    }
    // Jan 1: c2 delivered twice in the snapshot; Jan 2: c1 moved, c2 gone, c3 new
    project.landing("2024-01-01/customers.csv", "customer_id,state\nc1,SP\nc2,RJ\nc2,RJ\n");
    project.landing("2024-01-02/customers.csv", "customer_id,state\nc1,MG\nc3,BA\n");
    // products arrive on Jan 1 only
    project.landing("2024-01-01/products.csv", "product_id,category_name\np1,beleza\np2,\n");
    project.landing("reference/category_translation.csv",
        "\uFEFFcategory_name,english\nbeleza,beauty\ncasa,home\n");
  }

  private void ingest(LocalDate from, LocalDate to, String runId) {
    project.run(new IngestJob(), runId, new RunDates(from, to));
  }

  private List<String> rows(String table, String columns) {
    return TestSpark.rows(spark.sql("SELECT " + columns + " FROM " + project.raw(table)));
  }

  @Test
  void theLatestSnapshotReplacesThePreviousWhichStaysAVersion() {
    ingest(JAN1, JAN1, "run-1");
    assertEquals(List.of("[c1,SP,2024-01-01]", "[c2,RJ,2024-01-01]"),
        rows("customers", "customer_id, state, _extract_date"));
    assertEquals(List.of("[customers,2024-01-01,customer_id=c2,key:duplicate]"),
        rows("quarantine", "source, extract_date, primary_key, reason_code"));

    ingest(JAN2, JAN2, "run-2");
    assertEquals(List.of("[c1,MG,2024-01-02]", "[c3,BA,2024-01-02]"),
        rows("customers", "customer_id, state, _extract_date"));
    assertEquals(List.of("[p1,beleza,2024-01-01]", "[p2,null,2024-01-01]"),
        rows("products", "product_id, category_name, _extract_date"), "no file: no delivery");
    long versions = spark.sql("DESCRIBE HISTORY " + project.raw("customers")).count();
    assertEquals(List.of("[c1,SP]", "[c2,RJ]"), TestSpark.rows(spark.sql(
        "SELECT customer_id, state FROM " + project.raw("customers") + " VERSION AS OF "
            + (versions - 2))), "the Jan 1 snapshot is the version before the last write");

    ingest(JAN1, JAN1, "run-3");
    assertEquals(List.of("[c1,MG,2024-01-02]", "[c3,BA,2024-01-02]"),
        rows("customers", "customer_id, state, _extract_date"),
        "re-running an earlier date leaves the later snapshot");
  }

  @Test
  void aRangeRunLoadsTheSameSnapshotsAsDailyRuns() {
    ingest(JAN1, JAN2, "range");
    List<String> customers = rows("customers", "customer_id, state, _extract_date");
    List<String> products = rows("products", "product_id, category_name, _extract_date");
    assertEquals(List.of("[c1,MG,2024-01-02]", "[c3,BA,2024-01-02]"), customers);
    assertEquals(List.of("[p1,beleza,2024-01-01]", "[p2,null,2024-01-01]"), products);
  }

  @Test
  void aLookupFileWithAByteOrderMarkLoadsItsFirstColumn() {
    ingest(JAN1, JAN1, "run-1");
    assertEquals(List.of("[beleza,beauty,2024-01-01]", "[casa,home,2024-01-01]"),
        rows("category_translation", "category_name, english, _extract_date"));
    assertEquals(List.of("[customers,key:duplicate]"), rows("quarantine", "source, reason_code"),
        "only the customers snapshot's duplicate");
  }
}
