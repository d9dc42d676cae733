package com.kpialign.quality;

import com.kpialign.errors.Errors;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;
import java.util.List;

/** Checks of severity {@code error} failed: the run's results are recorded, the job exits 1. */
public final class DataQualityFailure extends KpiException {
  private static final long serialVersionUID = 1L;

  public DataQualityFailure(List<String> failedChecks) {
    super(Errors.dataQualityFailed(failedChecks));
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILURE;
  }
}
