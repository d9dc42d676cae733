package com.kpialign.config;

import java.util.List;

/**
 * A relationship declared on a source. Many-to-one (a {@code reference}): its {@code columns}
 * hold the primary key of one row of {@code source}, so that row's attributes can be read
 * through {@code name} ({@code customer.state} for orders.customer_id -> customers). One-to-many
 * (a {@code collection}, {@code many}): the rows of {@code source} whose {@code columns} hold this
 * row's primary key ({@code items.product.category} for the categories of an order's items), so
 * an attribute read through it has a set of values per row: a multi-valued dimension.
 */
public record Reference(String name, String source, List<String> columns, boolean many) {
  public Reference {
    columns = List.copyOf(columns);
  }

  public Reference(String name, String source, List<String> columns) {
    this(name, source, columns, false);
  }
}
