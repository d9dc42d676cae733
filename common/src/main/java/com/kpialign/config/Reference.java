package com.kpialign.config;

import java.util.List;
import java.util.Optional;

/**
 * A relationship declared on a source. Many-to-one (a {@code reference}): its {@code columns}
 * hold the primary key of one row of {@code source}, so that row's attributes can be read
 * through {@code name} ({@code customer.state} for orders.customer_id -> customers). One-to-many
 * (a {@code collection}, {@code many}): the rows of {@code source} whose {@code columns} hold this
 * row's primary key ({@code items.product.category} for the categories of an order's items), so
 * an attribute read through it has a set of values per row: a multi-valued dimension.
 * {@code days} (facts only): the related rows lie within that many days of the row's own
 * extract date, so a run reads the related source's extracts of its days give or take that many
 * (summed along a path of references), not its whole history; empty: the whole history.
 */
public record Reference(String name, String source, List<String> columns, boolean many,
    Optional<Integer> days) {
  public Reference {
    columns = List.copyOf(columns);
  }

  public Reference(String name, String source, List<String> columns) {
    this(name, source, columns, false, Optional.empty());
  }
}
