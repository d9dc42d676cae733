package com.kpialign.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kpialign.catalog.CheckDefinition;
import com.kpialign.catalog.CheckType;
import com.kpialign.catalog.Severity;
import com.kpialign.testing.TestSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class DailyChecksTest {
  static final LocalDate DAY1 = LocalDate.of(2024, 1, 1);
  static final LocalDate DAY2 = LocalDate.of(2024, 1, 2);

  static DailyChecks.MetricCheck check(CheckType type, String column, Double min, Double max,
      Severity severity) {
    return new DailyChecks.MetricCheck("m_" + column, new CheckDefinition(type,
        Optional.of(column), Optional.ofNullable(min), Optional.ofNullable(max), Optional.empty(),
        Optional.empty(), severity));
  }

  @Test
  void eachDayIsJudgedOnItsOwnRowsInOneRun() {
    // day 1 is clean; day 2 has a negative amount, a missing amount and a score of 6
    Dataset<Row> rows = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(Date.valueOf(DAY1), 1.0, 1),
        RowFactory.create(Date.valueOf(DAY1), 2.0, 5),
        RowFactory.create(Date.valueOf(DAY2), 3.0, 4),
        RowFactory.create(Date.valueOf(DAY2), -1.0, 6),
        RowFactory.create(Date.valueOf(DAY2), null, 2)),
        DataTypes.createStructType(List.of(
            DataTypes.createStructField("day", DataTypes.DateType, false),
            DataTypes.createStructField("amount", DataTypes.DoubleType, true),
            DataTypes.createStructField("score", DataTypes.IntegerType, true))));

    List<DailyChecks.Outcome> outcomes = DailyChecks.verify(rows, "day", List.of(DAY1, DAY2),
        List.of(check(CheckType.NON_NEGATIVE, "amount", null, null, Severity.ERROR),
            check(CheckType.COMPLETE, "amount", null, null, Severity.WARNING),
            check(CheckType.RANGE, "score", 1.0, 5.0, Severity.ERROR)));

    // metric = share of the day's rows that comply; a null amount is not negative (Deequ)
    assertEquals(List.of(
        "2024-01-01 non_negative(amount) [error] passed=true metric=1.0",
        "2024-01-02 non_negative(amount) [error] passed=false metric=0.667",
        "2024-01-01 range(score, min=1.0, max=5.0) [error] passed=true metric=1.0",
        "2024-01-02 range(score, min=1.0, max=5.0) [error] passed=false metric=0.667",
        "2024-01-01 complete(amount) [warning] passed=true metric=1.0",
        "2024-01-02 complete(amount) [warning] passed=false metric=0.667"),
        outcomes.stream().map(o -> o.date() + " " + o.check() + " passed=" + o.passed()
            + " metric=" + o.metric().map(m -> Math.round(m * 1000) / 1000.0).orElse(null))
            .toList());
  }
}
