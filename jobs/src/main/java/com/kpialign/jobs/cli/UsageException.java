package com.kpialign.jobs.cli;

import com.kpialign.errors.ExitCode;
import com.kpialign.errors.KpiException;

/**
 * The command line is wrong: unknown command or option, missing or malformed argument (the
 * command's help follows the message), or an argument the command could not use, such as a
 * query that does not parse (the message says what is wrong; the help would bury it).
 */
public final class UsageException extends KpiException {
  private static final long serialVersionUID = 1L;
  private final boolean showHelp;

  public UsageException(String message) {
    this(message, true);
  }

  public UsageException(String message, boolean showHelp) {
    super(message);
    this.showHelp = showHelp;
  }

  @Override
  public int exitCode() {
    return ExitCode.USAGE;
  }

  public boolean showHelp() {
    return showHelp;
  }
}
