package com.kpialign.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.assembly.Conf;
import com.kpialign.config.SourceDefinition;
import com.kpialign.testing.TestConf;
import com.kpialign.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reader options README recommends for free text: quoted fields over several lines. */
class ExtractReaderTest {
  static final String REVIEWS = """
      review_id,review_date,comment
      R-1,2024-01-05,"arrived late,
      but ""well"" packed"
      R-2,2024-01-05,fine
      """;

  @TempDir Path dir;

  List<String> read(String options) throws IOException {
    Path file = dir.resolve("landing/2024-01-05/reviews.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, REVIEWS, StandardCharsets.UTF_8);
    Conf conf = new TestConf(dir.resolve("conf")).sources(TestConf.source("reviews", "review_id",
        "review_date", "review_id string", "review_date date", "comment string?")
        .replace("    schema:", options + "    schema:")).load();
    SourceDefinition source = conf.source("reviews").orElseThrow();
    Dataset<Row> rows = new ExtractReader(TestSpark.session()).read(source, List.of(
        new ExpectedExtract("reviews", LocalDate.of(2024, 1, 5), file.toString())));
    return rows.select("review_id", "comment", ExtractReader.CORRUPT_RECORD).collectAsList()
        .stream().map(Row::toString).sorted().toList();
  }

  @Test
  void multiLineQuotedFieldsNeedMultiLineAndTheDoubledQuoteAsEscape() throws IOException {
    assertEquals(List.of("[R-1,arrived late,\nbut \"well\" packed,null]", "[R-2,fine,null]"),
        read("    options: {multiLine: \"true\", escape: \"\\\"\"}\n"));
  }

  @Test
  void withoutThemTheCommentSplitsIntoBrokenRecords() throws IOException {
    List<String> rows = read("");
    // the first line of R-1 ends inside the quotes: it is not the one row it should be
    assertEquals(false, rows.contains("[R-1,arrived late,\nbut \"well\" packed,null]"),
        rows.toString());
  }
}
