package com.kpialign.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.table.TableContract;
import com.kpialign.table.TableMigrationRequired;
import com.kpialign.table.TableWrite;
import com.kpialign.table.Warehouse;
import com.kpialign.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
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
    warehouse.ensureTable(TableContract.of(TableContract.Database.KPI, "replace_counts", schema,
        List.of("month")));
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

  /**
   * A contract that adds a nullable column migrates the table (old rows read null); one that
   * changes a column's type is refused before any write, naming the table and what to do.
   */
  @Test
  void additiveColumnsMigrateAndOtherChangesAreRefused() {
    TestProject project = new TestProject(dir, ComputeJobTest.SOURCES);
    JobContext context = project.context("migrate-test");
    SparkSession spark = TestSpark.session();
    Warehouse warehouse = context.warehouse();
    StructType v1 = new StructType().add("day", DataTypes.DateType, false)
        .add("value", DataTypes.IntegerType);
    TableContract first = TableContract.of(TableContract.Database.KPI, "migrated", v1, List.of());
    String table = first.name(context.conf().environment().databases());
    warehouse.ensureTable(first);
    warehouse.append(table, spark.createDataFrame(List.of(
        RowFactory.create(Date.valueOf("2024-03-01"), 1)), v1));

    StructType v2 = v1.add("note", DataTypes.StringType);
    warehouse.ensureTable(TableContract.of(TableContract.Database.KPI, "migrated", v2, List.of()));
    assertEquals(List.of("day", "value", "note"), List.of(spark.table(table).columns()));
    assertEquals("[2024-03-01,1,null]", spark.table(table).first().toString());

    StructType changed = new StructType().add("day", DataTypes.DateType, false)
        .add("value", DataTypes.StringType).add("note", DataTypes.StringType);
    TableMigrationRequired refused = assertThrows(TableMigrationRequired.class,
        () -> warehouse.ensureTable(TableContract.of(TableContract.Database.KPI, "migrated",
            changed, List.of())));
    assertTrue(refused.getMessage().startsWith("table " + table + " ("), refused.getMessage());
    assertTrue(refused.getMessage().contains("column value is INT in the warehouse, STRING in "
        + "this version"), refused.getMessage());
    assertEquals(1L, spark.table(table).count());
  }
}
