package com.kpialign.jobs;

import com.kpialign.table.JobRunsTable;
import com.kpialign.table.TableWrite;
import com.kpialign.table.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Appends one row per job run to {@code ops.job_runs}. */
public final class RunManifest {
  private final Warehouse warehouse;

  public RunManifest(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  public void record(String runId, String job, RunDates dates, RunSummary.Status status,
      Instant started, Instant ended, Map<String, Long> inputs, List<TableWrite> outputs,
      String error) {
    warehouse.ensureTable(JobRunsTable.CONTRACT);
    List<Row> in = new ArrayList<>();
    inputs.forEach((table, version) -> in.add(RowFactory.create(table, version, null)));
    List<Row> out = new ArrayList<>();
    outputs.forEach(w -> out.add(RowFactory.create(w.table(), w.version(), w.rows())));
    Row row = RowFactory.create(runId, job,
        dates.isSingleDay() ? Date.valueOf(dates.from()) : null,
        Date.valueOf(dates.from()), Date.valueOf(dates.to()), status.spelling(),
        Timestamp.from(started), Timestamp.from(ended),
        ended.toEpochMilli() - started.toEpochMilli(), in, out, error);
    warehouse.append(JobRunsTable.CONTRACT.name(warehouse.environment().databases()),
        warehouse.spark().createDataFrame(List.of(row), JobRunsTable.SCHEMA));
  }
}
