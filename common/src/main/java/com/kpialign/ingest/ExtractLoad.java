package com.kpialign.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.kpialign.config.ColumnSpec;
import com.kpialign.config.SourceDefinition;
import com.kpialign.table.QuarantineTable;
import com.kpialign.table.RawTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Decides, for every parsed extract row, whether it loads into {@code raw.<source>} or goes to
 * {@code raw.quarantine}, and shapes both outputs. A key delivered twice loads once: the first
 * delivery wins, whether the copies arrive in one range run or in separate daily runs (within
 * one extract, ties are broken by the values, so the choice is deterministic); the other copies
 * are quarantined. Rows in = rows loaded + rows quarantined.
 */
public final class ExtractLoad {
  /** How the reason of a row whose key was already delivered starts. */
  public static final String DUPLICATE = "duplicate primary key";
  private static final String RANK = "_rank";
  private static final String KEPT_FROM = "_kept_from";
  private static final String LOADED_FROM = "_loaded_from";

  private ExtractLoad() {}

  /**
   * The parsed rows with {@link ExtractParser#REASON} now also set on duplicates, and key and
   * record text on every rejected row. Both outputs read this, so a job computes it once.
   *
   * @param parsed output of {@link ExtractParser#parse}
   * @param loadedKeys the primary-key columns and {@code _extract_date} of rows already in the
   *     raw table from extracts outside this batch (may be empty)
   */
  public static Dataset<Row> decide(Dataset<Row> parsed, Dataset<Row> loadedKeys,
      SourceDefinition source) {
    Column[] key = source.rowKey().stream().map(k -> col(k)).toArray(Column[]::new);
    List<Column> order = new ArrayList<>();
    order.add(col(ExtractReader.EXTRACT_DATE).asc());
    for (ColumnSpec column : source.schema()) {
      order.add(col(column.name()).asc_nulls_first());
    }
    WindowSpec byKey = Window.partitionBy(key).orderBy(order.toArray(Column[]::new));

    Dataset<Row> valid = parsed.filter(col(ExtractParser.REASON).isNull())
        .withColumn(RANK, row_number().over(byKey))
        .withColumn(KEPT_FROM, first(col(ExtractReader.EXTRACT_DATE)).over(byKey));
    Dataset<Row> earlier = loadedKeys.groupBy(key)
        .agg(min(col(RawTables.EXTRACT_DATE)).as(LOADED_FROM));
    Dataset<Row> candidates = valid.join(earlier, source.rowKey().stream()
        .map(k -> valid.col(k).equalTo(earlier.col(k)))
        .reduce(Column::and).orElseThrow(), "left")
        .select(selectAll(valid, earlier.col(LOADED_FROM)));

    Column firstDelivery = coalesce(col(LOADED_FROM), when(col(RANK).gt(1), col(KEPT_FROM)));
    Column duplicate = firstDelivery.isNotNull();
    Dataset<Row> decided = candidates
        .withColumn(ExtractParser.REASON, when(duplicate,
            concat(lit(DUPLICATE + ": first delivered in extract "),
                date_format(firstDelivery, "yyyy-MM-dd"), lit(", which is loaded"))))
        .withColumn(ExtractParser.REASON_CODE, when(duplicate, lit("key:duplicate")))
        .withColumn(ExtractParser.KEY, when(duplicate, ExtractParser.keyText(source)))
        .withColumn(ExtractParser.RECORD, when(duplicate, to_json(functions.struct(
            source.schema().stream().map(c -> col(c.name())).toArray(Column[]::new)))))
        .select(java.util.Arrays.stream(parsed.columns()).map(c -> col(c))
            .toArray(Column[]::new));
    return decided.unionByName(parsed.filter(col(ExtractParser.REASON).isNotNull()));
  }

  /** Rows that load, shaped like {@code raw.<source>}. */
  public static Dataset<Row> loaded(Dataset<Row> decided, SourceDefinition source,
      String runId) {
    List<Column> out = new ArrayList<>();
    for (ColumnSpec column : source.schema()) {
      out.add(col(column.name()));
    }
    out.add(col(ExtractReader.EXTRACT_DATE).as(RawTables.EXTRACT_DATE));
    out.add(col(ExtractReader.SOURCE_FILE).as(RawTables.SOURCE_FILE));
    out.add(lit(runId).as(RawTables.RUN_ID));
    return decided.filter(col(ExtractParser.REASON).isNull())
        .select(out.toArray(Column[]::new));
  }

  /** Rows that do not load, with their reasons, shaped like {@code raw.quarantine}. */
  public static Dataset<Row> quarantined(Dataset<Row> decided, SourceDefinition source,
      String runId) {
    return decided.filter(col(ExtractParser.REASON).isNotNull()).select(
        lit(source.name()).as(QuarantineTable.SOURCE),
        col(ExtractReader.EXTRACT_DATE).as(QuarantineTable.EXTRACT_DATE),
        col(ExtractReader.SOURCE_FILE).as(QuarantineTable.SOURCE_FILE),
        col(ExtractReader.ROW_NUMBER).as(QuarantineTable.ROW_NUMBER),
        col(ExtractParser.KEY).as(QuarantineTable.PRIMARY_KEY),
        col(ExtractParser.REASON).as(QuarantineTable.REASON),
        col(ExtractParser.REASON_CODE).as(QuarantineTable.REASON_CODE),
        col(ExtractParser.RECORD).as(QuarantineTable.RECORD),
        lit(runId).as(QuarantineTable.RUN_ID));
  }

  private static Column[] selectAll(Dataset<Row> left, Column extra) {
    List<Column> out = new ArrayList<>();
    for (String name : left.columns()) {
      out.add(left.col(name));
    }
    out.add(extra);
    return out.toArray(Column[]::new);
  }
}
