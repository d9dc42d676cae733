package com.kpialign.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.collection.JavaConverters;

/**
 * Catalog expressions and filters checked with Spark's own SQL parser, without a session: does it
 * parse, and which columns (or, in a formula, which metrics) does it name.
 */
public final class SqlExpressions {
  private SqlExpressions() {}

  /** The parsed expression, or an exception whose message says why it does not parse. */
  public static Expression parse(String text) {
    return CatalystSqlParser$.MODULE$.parseExpression(text);
  }

  /** The column names an expression refers to, in order of appearance. */
  public static Set<String> references(Expression expression) {
    Set<String> out = new LinkedHashSet<>();
    collect(expression, out);
    return out;
  }

  private static void collect(Expression expression, Set<String> out) {
    if (expression instanceof UnresolvedAttribute attribute) {
      out.add(attribute.name());
    }
    List<Expression> children = new ArrayList<>(
        JavaConverters.seqAsJavaList(expression.children()));
    for (Expression child : children) {
      collect(child, out);
    }
  }

  /** The parser's message without the echoed query and caret lines. */
  public static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("").strip();
  }
}
