package com.kpialign.table;

import com.kpialign.config.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * What one table is: the database it lives in, its name, schema, partition columns and table
 * properties. The table classes of this package each hold one; {@link TableIo} creates, migrates,
 * reads and writes tables only through them.
 */
public record TableContract(Database database, String table, StructType schema,
    List<String> partitionColumns, Map<String, String> properties) {

  /** Which of the environment's databases a table lives in. */
  public enum Database {
    RAW(Environment.Databases::raw), QUALITY(Environment.Databases::quality),
    KPI(Environment.Databases::kpi), FINANCE(Environment.Databases::finance),
    OPS(Environment.Databases::ops);

    private final Function<Environment.Databases, String> name;

    Database(Function<Environment.Databases, String> name) {
      this.name = name;
    }

    public String in(Environment.Databases databases) {
      return name.apply(databases);
    }
  }

  public TableContract {
    partitionColumns = List.copyOf(partitionColumns);
    properties = Map.copyOf(properties);
  }

  public static TableContract of(Database database, String table, StructType schema,
      List<String> partitionColumns) {
    return new TableContract(database, table, schema, partitionColumns, Map.of());
  }

  /** The table's name qualified by its database in {@code databases}. */
  public String name(Environment.Databases databases) {
    return database.in(databases) + "." + table;
  }

  public boolean has(String column) {
    return Arrays.asList(schema.fieldNames()).contains(column);
  }

  /** The contract's columns in its order, each cast to its declared type, for a select. */
  public Column[] columns(String... except) {
    return ContractColumns.of(schema, except);
  }
}
