package com.kpialign.errors;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * A file or folder KPI Align needs could not be read or written: the message names it and what
 * the file system said, so that the path or its permissions can be fixed. Exit 1.
 */
public final class IoFailure extends KpiException {
  private static final long serialVersionUID = 1L;

  /** {@code what}: what was attempted, e.g. {@code "cannot write --summary-file out.json"}. */
  public IoFailure(String what, IOException cause) {
    super(what + ": " + reason(cause), cause);
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILURE;
  }

  static String reason(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder" + (n.getFile() == null ? "" : " " + n.getFile());
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied" + (a.getFile() == null ? "" : " on " + a.getFile());
    }
    if (e instanceof FileAlreadyExistsException f) {
      return (f.getFile() == null ? "it" : f.getFile()) + " already exists";
    }
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }
}
