package com.kpialign.quality;

import java.util.List;
import java.util.stream.Collectors;

/** Checks of severity {@code error} failed: the run's results are recorded, the job exits 1. */
public final class DataQualityFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataQualityFailure(List<String> failedChecks) {
    super(failedChecks.size() + " data-quality check(s) of severity error failed:\n"
        + failedChecks.stream().map(c -> "  " + c).collect(Collectors.joining("\n"))
        + "\nsee quality.dq_results for values and messages");
  }
}
