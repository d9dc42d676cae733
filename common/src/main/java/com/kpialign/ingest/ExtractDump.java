package com.kpialign.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.kpialign.config.SourceDefinition;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A dump's parsed rows dated as if each event day had come in an extract of its own: a row's
 * extract date is its event day, so raw partitions, duplicate keys and data-quality checks read
 * a dump day like any delivered day, and a run over some of the dump's days takes only theirs.
 * A row without a readable event day, or dated after the dump's last day, is kept on that last
 * day: quarantined (the latter with its own reason), never dropped.
 */
public final class ExtractDump {
  private ExtractDump() {}

  /** The rows of the dump that belong to [from, to], each dated by its event day. */
  public static Dataset<Row> bucketed(Dataset<Row> parsed, SourceDefinition source,
      LocalDate from, LocalDate to) {
    SourceDefinition.Dump dump = source.dump().orElseThrow();
    Column through = lit(Date.valueOf(dump.through()));
    Column eventDay = to_date(col(source.eventDate()));
    Column late = eventDay.gt(through);
    Column lateReason = concat(lit(source.eventDate() + ": "), date_format(eventDay,
        "yyyy-MM-dd"), lit(" is after the dump's last day " + dump.through()
        + " (dump.through); that day belongs in its daily extract"));
    Column lateCode = lit(source.eventDate() + ":after_dump");
    Column rejected = col(ExtractParser.REASON).isNotNull().or(late);
    return parsed
        .withColumn(ExtractReader.EXTRACT_DATE, when(late, through)
            .otherwise(coalesce(eventDay, through)))
        .withColumn(ExtractParser.REASON, when(late, join(col(ExtractParser.REASON), lateReason))
            .otherwise(col(ExtractParser.REASON)))
        .withColumn(ExtractParser.REASON_CODE, when(late, join(col(ExtractParser.REASON_CODE),
            lateCode)).otherwise(col(ExtractParser.REASON_CODE)))
        .withColumn(ExtractParser.RECORD, when(rejected, coalesce(col(ExtractParser.RECORD),
            to_json(functions.struct(source.schema().stream().map(c -> col(c.name()))
                .toArray(Column[]::new))))))
        .withColumn(ExtractParser.KEY, when(rejected, coalesce(col(ExtractParser.KEY),
            ExtractParser.keyText(source))))
        .filter(col(ExtractReader.EXTRACT_DATE).between(lit(Date.valueOf(from)),
            lit(Date.valueOf(to))));
  }

  private static Column join(Column earlier, Column more) {
    return when(earlier.isNull(), more).otherwise(concat_ws("; ", earlier, more));
  }
}
