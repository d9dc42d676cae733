package com.kpialign.table;

import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A job run's reads and writes. Every read records the version of the table it read, every
 * write the version it made and the rows it wrote, so the run manifest lists each input and
 * output by construction. A write creates (or migrates) its table from the contract, stamps the
 * run id and the run date on rows that do not carry their own (a dimension's history keeps the
 * run that wrote each version; a value keeps the last day of data it includes), selects the
 * contract's columns in order, and replaces the slice the run owns.
 */
public final class TableIo {
  private final Warehouse warehouse;
  private final String runId;
  private final LocalDate runDate;
  private final Map<String, Long> inputs = new LinkedHashMap<>();
  private final List<TableWrite> outputs = new ArrayList<>();

  public TableIo(Warehouse warehouse, String runId, LocalDate runDate) {
    this.warehouse = warehouse;
    this.runId = runId;
    this.runDate = runDate;
  }

  public String name(TableContract contract) {
    return contract.name(warehouse.environment().databases());
  }

  /** The table, its version recorded as an input; created empty if it does not exist yet. */
  public Dataset<Row> read(TableContract contract) {
    warehouse.ensureTable(contract);
    return readExisting(name(contract));
  }

  /** The table if it exists (its version recorded), else empty: a source not loaded yet. */
  public Optional<Dataset<Row>> readIfExists(TableContract contract) {
    String name = name(contract);
    return warehouse.spark().catalog().tableExists(name) ? Optional.of(readExisting(name))
        : Optional.empty();
  }

  /** The table if it exists, else an empty Dataset with the contract's schema. */
  public Dataset<Row> readOrEmpty(TableContract contract) {
    return readIfExists(contract).orElseGet(() -> warehouse.spark()
        .createDataFrame(List.of(), contract.schema()));
  }

  private Dataset<Row> readExisting(String name) {
    inputs.putIfAbsent(name, warehouse.version(name));
    return warehouse.spark().table(name);
  }

  /** Replaces the rows matching {@code owned} with {@code rows}, stamped and in contract order. */
  public TableWrite replace(TableContract contract, Dataset<Row> rows, Column owned) {
    warehouse.ensureTable(contract);
    return recorded(warehouse.replace(name(contract), stamped(contract, rows), owned));
  }

  /** Replaces the whole table (a dimension published in full). */
  public TableWrite replaceAll(TableContract contract, List<Row> rows) {
    return replace(contract, warehouse.spark().createDataFrame(rows, contract.schema()),
        lit(true));
  }

  /** Appends {@code rows}, for logs that only grow. */
  public TableWrite append(TableContract contract, Dataset<Row> rows) {
    warehouse.ensureTable(contract);
    return recorded(warehouse.append(name(contract), stamped(contract, rows)));
  }

  private Dataset<Row> stamped(TableContract contract, Dataset<Row> rows) {
    List<String> present = Arrays.asList(rows.columns());
    if (contract.has("run_id") && !present.contains("run_id")) {
      rows = rows.withColumn("run_id", lit(runId));
    }
    if (contract.has("run_date") && !present.contains("run_date")) {
      if (runDate == null) {
        throw new IllegalStateException("rows for " + name(contract) + " carry no run_date, "
            + "and this context has no run date to stamp");
      }
      rows = rows.withColumn("run_date", lit(Date.valueOf(runDate)));
    }
    return rows.select(contract.columns());
  }

  private TableWrite recorded(TableWrite write) {
    outputs.add(write);
    return write;
  }

  /** The versions of the tables read, in the order first read. */
  public Map<String, Long> inputs() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  public List<TableWrite> outputs() {
    return List.copyOf(outputs);
  }
}
