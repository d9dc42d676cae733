package com.kpialign.table;

import com.kpialign.errors.Errors;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;
import java.util.List;

/**
 * A table in the warehouse differs from this version's contract in a way that cannot be applied
 * to its existing rows (a changed type, a dropped column). Raised before anything is written.
 */
public final class TableMigrationRequired extends KpiException {
  private static final long serialVersionUID = 1L;

  public TableMigrationRequired(String table, String location, List<String> conflicts) {
    super(Errors.tableMigrationRequired(table, location, conflicts));
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILURE;
  }
}
