package com.kpialign.ingest;

import java.time.LocalDate;

/** The file a source should have delivered for one extract date. */
public record ExpectedExtract(String source, LocalDate date, String path) {}
