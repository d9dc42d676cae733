package com.kpialign.ingest;

import java.time.LocalDate;

/**
 * The file a source should have delivered for one extract date, or its dump ({@code dump}: the
 * file holding every event day up to {@code date}).
 */
public record ExpectedExtract(String source, LocalDate date, String path, boolean dump) {
  public ExpectedExtract(String source, LocalDate date, String path) {
    this(source, date, path, false);
  }
}
