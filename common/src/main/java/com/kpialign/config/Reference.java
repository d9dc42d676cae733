package com.kpialign.config;

import java.util.List;

/**
 * A many-to-one relationship declared on a source: its {@code columns} hold the primary key of
 * one row of {@code source}, so that row's attributes can be read through {@code name}
 * ({@code customer.state} for {@code orders.customer_id -> customers.customer_id}).
 */
public record Reference(String name, String source, List<String> columns) {
  public Reference {
    columns = List.copyOf(columns);
  }
}
