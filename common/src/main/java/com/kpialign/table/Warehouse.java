package com.kpialign.table;

import com.kpialign.config.Environment;
import com.kpialign.errors.IoFailure;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta warehouse of one environment: where each table lives ({@code <warehouse>/<db>/<table>}),
 * how tables are registered by name, created, and written. The only place that writes tables, so
 * every write is a replace-by-predicate or an append (never a dynamic partition overwrite, which
 * empties a Delta table) and reports its version and row count.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final Environment env;
  private final Set<TableContract> checked = ConcurrentHashMap.newKeySet();

  public Warehouse(SparkSession spark, Environment env) {
    this.spark = spark;
    this.env = env;
  }

  public SparkSession spark() {
    return spark;
  }

  public Environment environment() {
    return env;
  }

  public String location(String database, String table) {
    return new Path(new Path(env.warehouse(), database), table).toString();
  }

  /**
   * Registers every Delta table found in the warehouse under its name, so that a new process (a
   * notebook, {@code kpi sql}) finds the tables written by earlier ones without a shared metastore.
   */
  public List<String> registerTables() {
    List<String> registered = new ArrayList<>();
    Environment.Databases db = env.databases();
    for (String database : List.of(db.raw(), db.quality(), db.kpi(), db.finance(), db.ops())) {
      ensureDatabase(database);
      if (!env.registerTables()) {
        continue;
      }
      for (String table : deltaTablesIn(database)) {
        String name = database + "." + table;
        if (!spark.catalog().tableExists(name)) {
          spark.catalog().createTable(name, location(database, table), "delta");
        }
        registered.add(name);
      }
    }
    return registered;
  }

  private void ensureDatabase(String database) {
    if (!spark.catalog().databaseExists(database)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "` LOCATION '"
          + new Path(env.warehouse(), database).toString().replace("'", "\\'") + "'");
    }
  }

  private List<String> deltaTablesIn(String database) {
    Path dir = new Path(env.warehouse(), database);
    List<String> tables = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return tables;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.isDirectory() && fs.exists(new Path(status.getPath(), "_delta_log"))) {
          tables.add(status.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new IoFailure("cannot list tables under " + dir, e);
    }
    tables.sort(String::compareTo);
    return tables;
  }

  /**
   * Creates the table from its contract, or brings an existing table up to it: columns the
   * contract adds are added (nullable, so existing rows read null); any other difference is
   * refused with what to do, before anything is written.
   */
  public void ensureTable(TableContract contract) {
    // a table is checked once per session: a run writes some tables many times (the quarantine
    // once per source), and reading a table's schema reads its Delta log
    if (checked.contains(contract)) {
      return;
    }
    String name = contract.name(env.databases());
    if (!spark.catalog().tableExists(name)) {
      ensureTable(contract.database().in(env.databases()), contract.table(), contract.schema(),
          contract.partitionColumns(), contract.properties());
      checked.add(contract);
      return;
    }
    List<String> conflicts = new ArrayList<>();
    List<String> added = new ArrayList<>();
    StructType existing = spark.table(name).schema();
    for (StructField field : contract.schema().fields()) {
      Optional<StructField> stored = Arrays.stream(existing.fields())
          .filter(f -> f.name().equals(field.name())).findFirst();
      if (stored.isEmpty()) {
        added.add("`" + field.name() + "` " + field.dataType().sql());
        if (!field.nullable()) {
          conflicts.add("new column " + field.name() + " is not nullable, so existing rows "
              + "cannot take it");
        }
      } else if (!stored.get().dataType().equals(field.dataType())) {
        conflicts.add("column " + field.name() + " is " + stored.get().dataType().sql()
            + " in the warehouse, " + field.dataType().sql() + " in this version");
      }
    }
    for (StructField field : existing.fields()) {
      if (!contract.has(field.name())) {
        conflicts.add("column " + field.name() + " is in the warehouse, not in this version");
      }
    }
    if (!conflicts.isEmpty()) {
      throw new TableMigrationRequired(name, location(contract.database().in(env.databases()),
          contract.table()), conflicts);
    }
    if (!added.isEmpty()) {
      spark.sql("ALTER TABLE " + name + " ADD COLUMNS (" + String.join(", ", added) + ")");
    }
    checked.add(contract);
  }

  /** Creates the table with its contract's schema if it does not exist yet. */
  private void ensureTable(String database, String table, StructType schema,
      List<String> partitionColumns, Map<String, String> properties) {
    String name = database + "." + table;
    if (spark.catalog().tableExists(name)) {
      return;
    }
    ensureDatabase(database);
    var builder = DeltaTable.createIfNotExists(spark)
        .tableName(name)
        .location(location(database, table))
        .addColumns(schema);
    if (!partitionColumns.isEmpty()) {
      builder = builder.partitionedBy(partitionColumns.toArray(String[]::new));
    }
    for (Map.Entry<String, String> p : properties.entrySet()) {
      builder = builder.property(p.getKey(), p.getValue());
    }
    builder.execute();
  }

  /**
   * Replaces exactly the rows matching {@code slice} with {@code rows}, atomically: a re-run for
   * the same run date yields the same table and leaves other dates untouched.
   */
  public TableWrite replace(String name, Dataset<Row> rows, Column slice) {
    long before = version(name);
    try {
      rows.writeTo(name).overwrite(slice);
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + name + " must be created before it is written", e);
    }
    return lastWrite(name, before);
  }

  /** Appends {@code rows}; for logs such as {@code ops.job_runs} that only ever grow. */
  public TableWrite append(String name, Dataset<Row> rows) {
    long before = version(name);
    try {
      rows.writeTo(name).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + name + " must be created before it is written", e);
    }
    return lastWrite(name, before);
  }

  /** The current version of a table, recorded as an input version in the run manifest. */
  public long version(String name) {
    return DeltaTable.forName(spark, name).history(1).first().getLong(0);
  }

  /**
   * The write's version and the rows it wrote; Delta makes no commit for a write that changes
   * nothing. A replace rewrites the files it touches, and Delta counts the other rows it copied
   * from them ({@code numCopiedRows}) in {@code numOutputRows}: they are not the run's rows.
   */
  private TableWrite lastWrite(String name, long versionBefore) {
    Row last = DeltaTable.forName(spark, name).history(1)
        .select("version", "operationMetrics").first();
    if (last.getLong(0) == versionBefore) {
      return new TableWrite(name, versionBefore, 0L);
    }
    Map<String, String> metrics = last.getJavaMap(1);
    long output = metric(metrics, "numOutputRows");
    long copied = metric(metrics, "numCopiedRows");
    return new TableWrite(name, last.getLong(0), output - copied);
  }

  private static long metric(Map<String, String> metrics, String key) {
    String value = metrics == null ? null : metrics.get(key);
    return value == null ? 0L : Long.parseLong(value);
  }
}
