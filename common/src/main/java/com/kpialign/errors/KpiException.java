package com.kpialign.errors;

/**
 * A failure the user can act on, as opposed to a programming error: its message leads with the
 * file, table, key or option at fault and says what to do, and it carries the process exit code
 * ({@link ExitCode}). The command line prints the message as it is; anything else that escapes a
 * command is reported as an internal error ({@link Errors#internal}).
 */
public abstract class KpiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected KpiException(String message) {
    super(message);
  }

  protected KpiException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exit code of a command that fails with this exception. */
  public abstract int exitCode();
}
