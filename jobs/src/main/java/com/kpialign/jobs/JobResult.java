package com.kpialign.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job reports beyond the tables it read and wrote (which its {@link JobContext#tables}
 * recorded): job-specific figures for the summary, such as the quarantined rows per source.
 */
public record JobResult(Map<String, Object> details) {

  public JobResult {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
