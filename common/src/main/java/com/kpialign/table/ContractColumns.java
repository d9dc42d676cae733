package com.kpialign.table;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/** A table contract's columns in its order, each cast to its declared type, for a select. */
public final class ContractColumns {
  private ContractColumns() {}

  /** Every column of {@code schema} but {@code except}. */
  public static Column[] of(StructType schema, String... except) {
    List<String> skip = List.of(except);
    return Arrays.stream(schema.fieldNames()).filter(n -> !skip.contains(n))
        .map(n -> col(n).cast(schema.apply(n).dataType())).toArray(Column[]::new);
  }
}
