package com.kpialign.jobs.cli;

import com.kpialign.assembly.Conf;
import com.kpialign.config.SourceDefinition;
import com.kpialign.errors.ExitCode;
import org.apache.commons.cli.Options;

/** {@code kpi config validate}: checks conf/ without starting Spark. */
final class ConfigCommand implements Command {
  @Override
  public String name() {
    return "config";
  }

  @Override
  public String summary() {
    return "validate the configuration (conf/) without starting Spark";
  }

  @Override
  public String arguments() {
    return "validate";
  }

  @Override
  public Options options() {
    return new Options();
  }

  @Override
  public int run(Invocation invocation) {
    if (!invocation.arguments().equals(java.util.List.of("validate"))) {
      throw new UsageException("expected 'kpi config validate', got " + invocation.arguments());
    }
    Conf conf = invocation.conf();
    invocation.out().println("configuration ok: environment " + conf.environment().name()
        + ", " + conf.sources().size() + " sources");
    for (SourceDefinition s : conf.sources()) {
      invocation.out().printf("  %-18s %-8s %-9s %2d columns  key %s%n", s.name(),
          s.format().spelling(), s.schedule().spelling(), s.schema().size(), s.primaryKey());
    }
    return ExitCode.OK;
  }
}
