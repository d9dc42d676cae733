package com.kpialign.ingest;

import com.kpialign.errors.Errors;
import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;
import java.util.List;

/** Extracts that should have been delivered for the dates being ingested are not there. */
public final class MissingExtractException extends KpiException {
  private static final long serialVersionUID = 1L;
  private final List<ExpectedExtract> missing;

  public MissingExtractException(List<ExpectedExtract> missing) {
    super(Errors.extractsMissing(missing.stream()
        .map(e -> e.source() + " for " + e.date() + ": " + e.path()).toList()));
    this.missing = List.copyOf(missing);
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILURE;
  }

  public List<ExpectedExtract> missing() {
    return missing;
  }
}
