package com.kpialign.ingest;

import com.kpialign.config.SourceDefinition;
import com.kpialign.errors.IoFailure;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Where each source's extracts for a set of dates are expected, and which of them are absent. */
public final class ExtractLocator {
  private final String landing;
  private final Configuration hadoop;

  public ExtractLocator(String landing, Configuration hadoop) {
    this.landing = landing;
    this.hadoop = hadoop;
  }

  /**
   * The extracts {@code source} delivers on {@code dates}, honouring its schedule: its dump first
   * (once) when a date is one of the dump's days.
   */
  public List<ExpectedExtract> expected(SourceDefinition source, List<LocalDate> dates) {
    List<ExpectedExtract> out = new ArrayList<>();
    source.dump().filter(d -> dates.stream().anyMatch(source::isDumpDay)).ifPresent(d ->
        out.add(new ExpectedExtract(source.name(), d.through(),
            new Path(landing, d.path()).toString(), true)));
    for (LocalDate date : dates) {
      if (source.isDumpDay(date)) {
        continue;
      }
      if (source.deliversOn(date)) {
        out.add(new ExpectedExtract(source.name(), date,
            new Path(landing, source.pathFor(date)).toString()));
      }
    }
    return out;
  }

  public List<ExpectedExtract> missing(List<ExpectedExtract> expected) {
    List<ExpectedExtract> out = new ArrayList<>();
    for (ExpectedExtract e : expected) {
      Path path = new Path(e.path());
      try {
        if (!path.getFileSystem(hadoop).exists(path)) {
          out.add(e);
        }
      } catch (IOException ex) {
        throw new IoFailure("cannot check " + e.path(), ex);
      }
    }
    return out;
  }
}
