package com.kpialign.jobs;

import com.kpialign.table.TableWrite;
import java.util.List;
import java.util.Map;

/**
 * What a job did: the tables it read (name and version), the tables it wrote, and job-specific
 * figures for the summary (for ingest, the quarantined rows per source).
 */
public record JobResult(Map<String, Long> inputs, List<TableWrite> outputs,
    Map<String, Object> details) {

  public JobResult {
    inputs = Map.copyOf(inputs);
    outputs = List.copyOf(outputs);
    details = Map.copyOf(details);
  }
}
