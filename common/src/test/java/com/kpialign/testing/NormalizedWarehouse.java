package com.kpialign.testing;

/**
 * {@code sources.yaml} of a small normalized warehouse, as a marketplace keeps one: orders and
 * order items as facts; customers, products and a category translation as dimensions; references
 * orders.customer_id -> customers and to the customer's type-2 history (the version valid on the
 * order day), order_items.order_id -> orders, order_items.product_id ->
 * products, products.category_name -> translation; the collection of an order's items; and the
 * attribute {@code products.category} (the English name, else the original, else 'unknown').
 */
public final class NormalizedWarehouse {
  public static final String SOURCES = """
      sources:
        - name: orders
          format: csv
          path: "{date}/orders.csv"
          primary_key: [order_id]
          event_date: order_date
          references:
            customer: {source: customers, columns: [customer_id]}
            customer_then: {source: customer_versions, columns: [customer_id]}
          collections:
            items: {source: order_items, columns: [order_id]}
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: order_date, type: date, nullable: false}
            - {name: customer_id, type: string, nullable: false}
            - {name: status, type: string, nullable: false}
        - name: order_items
          format: csv
          path: "{date}/order_items.csv"
          primary_key: [order_id, item_no]
          event_date: shipping_date
          references:
            order: {source: orders, columns: [order_id]}
            product: {source: products, columns: [product_id]}
          schema:
            - {name: order_id, type: string, nullable: false}
            - {name: item_no, type: int, nullable: false}
            - {name: shipping_date, type: date, nullable: false}
            - {name: product_id, type: string, nullable: false}
            - {name: price, type: "decimal(10,2)", nullable: false}
        - name: customers
          kind: dimension
          format: csv
          path: "{date}/customers.csv"
          primary_key: [customer_id]
          schema:
            - {name: customer_id, type: string, nullable: false}
            - {name: state, type: string, nullable: false}
        - name: customer_versions
          kind: dimension
          format: csv
          path: "{date}/customer_versions.csv"
          primary_key: [customer_id]
          history: {valid_from: valid_from, valid_to: valid_to}
          schema:
            - {name: customer_id, type: string, nullable: false}
            - {name: valid_from, type: date, nullable: false}
            - {name: valid_to, type: date}
            - {name: state, type: string, nullable: false}
        - name: products
          kind: dimension
          format: csv
          path: "{date}/products.csv"
          primary_key: [product_id]
          references:
            translation: {source: category_translation, columns: [category_name]}
          attributes:
            category: "coalesce(translation.english, category_name, 'unknown')"
          schema:
            - {name: product_id, type: string, nullable: false}
            - {name: category_name, type: string}
        - name: category_translation
          kind: dimension
          format: csv
          path: "reference/category_translation.csv"
          primary_key: [category_name]
          schema:
            - {name: category_name, type: string, nullable: false}
            - {name: english, type: string, nullable: false}
      """;

  private NormalizedWarehouse() {}
}
