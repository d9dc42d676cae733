package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.table.TableWrite;
import com.kpialign.table.Warehouse;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a replace reports: the rows the run wrote, not the other rows Delta copied. */
class WarehouseReplaceTest {
  @TempDir
  Path dir;

  @Test
  void replaceCountsTheRunsRowsNotTheRowsCopiedFromRewrittenFiles() {
    TestProject project = new TestProject(dir, ComputeJobTest.SOURCES);
    JobContext context = project.context("replace-test");
    SparkSession spark = TestSpark.session();
    Warehouse warehouse = context.warehouse();
    StructType schema = new StructType().add("day", DataTypes.DateType)
        .add("month", DataTypes.StringType).add("value", DataTypes.IntegerType);
    String db = context.conf().environment().databases().kpi();
    warehouse.ensureTable(db, "replace_counts", schema, List.of("month"), Map.of());
    String table = db + ".replace_counts";
    Dataset<Row> month = spark.createDataFrame(List.of(
        RowFactory.create(Date.valueOf("2024-03-01"), "2024-03", 1),
        RowFactory.create(Date.valueOf("2024-03-02"), "2024-03", 2),
        RowFactory.create(Date.valueOf("2024-03-03"), "2024-03", 3)), schema).coalesce(1);
    assertEquals(3L, warehouse.replace(table, month, col("month").equalTo("2024-03")).rows());

    // one day replaced: its file also held the two other days, which Delta copies over
    Dataset<Row> day = spark.createDataFrame(List.of(
        RowFactory.create(Date.valueOf("2024-03-02"), "2024-03", 20)), schema);
    TableWrite write = warehouse.replace(table, day, col("day").equalTo(Date.valueOf("2024-03-02")));
    assertEquals(1L, write.rows());
    assertEquals(List.of("[2024-03-01,1]", "[2024-03-02,20]", "[2024-03-03,3]"),
        TestSpark.rows(spark.table(table).select("day", "value")));
  }
}
