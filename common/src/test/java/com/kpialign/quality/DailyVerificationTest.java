package com.kpialign.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.catalog.CheckDefinition;
import com.kpialign.catalog.CheckType;
import com.kpialign.catalog.Severity;
import com.kpialign.testing.TestSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DailyVerificationTest {
  static final LocalDate START = LocalDate.of(2024, 1, 1);
  static final int DAYS = 78;
  static final String VALUE = SourceChecks.metricColumn("amount");

  static Dataset<Row> rows;

  /** Rows on day d: 100 + 3 * weekday + (d mod 5), the last day drops to 40. */
  static int rowsOn(int d) {
    return d == DAYS - 1 ? 40 : 100 + 3 * (d % 7) + d % 5;
  }

  @BeforeAll
  static void data() {
    List<Row> list = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      for (int i = 0; i < rowsOn(d); i++) {
        list.add(RowFactory.create(Date.valueOf(START.plusDays(d)), (double) (i % 10), null));
      }
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("day", DataTypes.DateType, false),
        DataTypes.createStructField(VALUE, DataTypes.DoubleType, false),
        DataTypes.createStructField(DeliveredRows.REJECTED, DataTypes.StringType, true)));
    rows = TestSpark.session().createDataFrame(list, schema);
  }

  static SourceChecks.Planned check(CheckType type, Optional<String> metric) {
    return new SourceChecks.Planned("s", metric, new CheckDefinition(type, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Severity.WARNING), List.of());
  }

  static List<LocalDate> days() {
    return IntStream.range(0, DAYS).mapToObj(START::plusDays).toList();
  }

  @Test
  void oneGroupedScanGivesEachDaysOwnSizeAndSum() {
    DailyVerification.Result result = DailyVerification.verify(rows, "day", "s", days(),
        List.of(check(CheckType.METRIC_ANOMALY, Optional.of("amount"))), Set.of("amount"),
        new MetricHistory());

    for (int d = 0; d < DAYS; d++) {
      LocalDate day = START.plusDays(d);
      int n = rowsOn(d);
      // values cycle 0..9: full cycles sum to 45 each, plus 0 + 1 + ... of the remainder
      double sum = 45.0 * (n / 10) + (n % 10) * (n % 10 - 1) / 2.0;
      assertEquals(Optional.of(sum), result.dailyValue(day, "amount"), day.toString());
      double size = result.metrics().stream().filter(m -> m.day().equals(day)
          && m.name().equals("Size")).findFirst().orElseThrow().value();
      assertEquals(n, size, day.toString());
    }
  }

  @Test
  void rowCountAnomalyIsJudgedAgainstTheSameWeekdayAndNeedsTenWeeksOfHistory() {
    SourceChecks.Planned rowCount = check(CheckType.ROW_COUNT_ANOMALY, Optional.empty());
    DailyVerification.Result result = DailyVerification.verify(rows, "day", "s", days(),
        List.of(rowCount), Set.of(), new MetricHistory());

    List<String> statuses = result.outcomes().stream()
        .map(o -> o.day() + " " + o.status().spelling()).toList();
    // day 69 has 9 earlier values of its weekday, day 70 has 10
    assertEquals(START.plusDays(69) + " skipped", statuses.get(69));
    for (int d = 70; d < DAYS - 1; d++) {
      assertEquals(START.plusDays(d) + " passed", statuses.get(d));
    }
    assertEquals(START.plusDays(DAYS - 1) + " failed", statuses.get(DAYS - 1));
    assertEquals(Optional.of(40.0), result.outcomes().get(DAYS - 1).value());
  }

  @Test
  void aBackfillDayIsJudgedOnlyByTheDaysBeforeIt() {
    // the drop day judged in a run of its own, with the history an earlier run stored, gives
    // the same answer as inside the full range
    MetricHistory stored = new MetricHistory();
    DailyVerification.verify(rows, "day", "s", days().subList(0, DAYS - 1), List.of(), Set.of(),
        stored);
    SourceChecks.Planned rowCount = check(CheckType.ROW_COUNT_ANOMALY, Optional.empty());
    DailyVerification.Result last = DailyVerification.verify(rows.filter("day = DATE'"
        + START.plusDays(DAYS - 1) + "'"), "day", "s", List.of(START.plusDays(DAYS - 1)),
        List.of(rowCount), Set.of(), stored);

    assertEquals(DailyVerification.Status.FAILED, last.outcomes().get(0).status());
  }

  @Test
  void aDayWithoutRowsHasNoData() {
    LocalDate later = START.plusDays(DAYS + 3);
    DailyVerification.Result result = DailyVerification.verify(rows, "day", "s",
        List.of(later), List.of(check(CheckType.METRIC_ANOMALY, Optional.of("amount"))),
        Set.of("amount"), new MetricHistory());

    assertEquals(DailyVerification.Status.NO_DATA, result.outcomes().get(0).status());
    assertEquals(Optional.empty(), result.dailyValue(later, "amount"));
  }
}
