package com.kpialign.table;

import java.util.List;

/**
 * A table in the warehouse differs from this version's contract in a way that cannot be applied
 * to its existing rows (a changed type, a dropped column). Raised before anything is written.
 */
public final class TableMigrationRequired extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TableMigrationRequired(String table, String location, List<String> conflicts) {
    super("table " + table + " (" + location + ") does not match this version: "
        + String.join("; ", conflicts) + ". Back it up, drop it (DROP TABLE " + table
        + ", then delete " + location + ") and re-run the job that writes it over its history "
        + "(--from FIRST_DAY --to LAST_DAY) to rebuild it");
  }
}
