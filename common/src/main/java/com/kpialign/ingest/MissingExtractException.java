package com.kpialign.ingest;

import java.util.List;
import java.util.stream.Collectors;

/** Extracts that should have been delivered for the dates being ingested are not there. */
public final class MissingExtractException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<ExpectedExtract> missing;

  public MissingExtractException(List<ExpectedExtract> missing) {
    super(missing.size() + " extract(s) missing; expected at:\n" + missing.stream()
        .map(e -> "  " + e.source() + " for " + e.date() + ": " + e.path())
        .collect(Collectors.joining("\n")));
    this.missing = List.copyOf(missing);
  }

  public List<ExpectedExtract> missing() {
    return missing;
  }
}
