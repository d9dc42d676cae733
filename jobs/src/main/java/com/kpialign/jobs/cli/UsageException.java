package com.kpialign.jobs.cli;

/** The command line is wrong: unknown command or option, missing or malformed argument. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
