package com.kpialign.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kpialign.config.ConfigException;
import com.kpialign.ingest.ExpectedExtract;
import com.kpialign.ingest.MissingExtractException;
import com.kpialign.quality.DataQualityFailure;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void eachFailureCarriesItsExitCode() {
    assertEquals(ExitCode.USAGE, Errors.exitCode(ConfigException.of("conf/sources.yaml",
        "sources[0].format", "'xls' is not one of [csv, parquet, json]")));
    assertEquals(ExitCode.FAILURE, Errors.exitCode(new DataQualityFailure(List.of(
        "orders: isComplete(order_id) failed on 1 day(s): 2024-03-01"))));
    assertEquals(ExitCode.FAILURE, Errors.exitCode(new IllegalStateException("a bug")));
  }

  @Test
  void anInternalErrorSaysSoWithTheRunIdAndNeverAClassName() {
    String message = Errors.internal(new NullPointerException(), "nightly-2024-03-01-x");
    assertTrue(message.startsWith("internal error (run id nightly-2024-03-01-x): no message"),
        message);
    assertTrue(message.contains("re-run with --verbose for the stack trace"), message);
    assertFalse(message.contains("NullPointerException"), message);
    assertEquals("internal error: boom", Errors.describe(new IllegalStateException("boom")));
  }

  @Test
  void aMissingExtractNamesSourceDateAndPathAndWhatToDo() {
    MissingExtractException e = new MissingExtractException(List.of(new ExpectedExtract(
        "orders", LocalDate.of(2024, 3, 2), "/landing/2024-03-02/orders.csv")));
    assertEquals("1 extract(s) missing; expected at:\n"
        + "  orders for 2024-03-02: /landing/2024-03-02/orders.csv\n"
        + "deliver them (or fix the source's path in sources.yaml) and re-run the same dates",
        Errors.describe(e));
  }

  @Test
  void anIoFailureSaysWhatWasAttemptedAndWhy() {
    IOException cause = new NoSuchFileException("/nowhere/summary.json");
    assertEquals("cannot write --summary-file /nowhere/summary.json: no such file or folder "
        + "/nowhere/summary.json", new IoFailure("cannot write --summary-file "
            + "/nowhere/summary.json", cause).getMessage());
  }
}
