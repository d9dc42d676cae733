package com.kpialign.rca;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An arithmetic formula of the KPI tree ({@code (gross_profit - operating_expense) / revenue}):
 * numbers, metric ids, {@code + - * /}, unary minus and parentheses, parsed once and evaluated
 * for any values of its metrics. Division by zero gives NaN, never an exception.
 */
public final class Formula {
  private final String text;
  private final Node root;
  private final List<String> variables;

  private interface Node {
    double eval(Map<String, Double> values);
  }

  private Formula(String text, Node root, List<String> variables) {
    this.text = text;
    this.root = root;
    this.variables = List.copyOf(variables);
  }

  public static Formula parse(String text) {
    Parser p = new Parser(text);
    Node root = p.sum();
    p.skipSpaces();
    if (p.pos < text.length()) {
      throw new IllegalArgumentException("unexpected '" + text.charAt(p.pos) + "' at "
          + (p.pos + 1) + " in " + text);
    }
    return new Formula(text, root, new ArrayList<>(p.variables));
  }

  /** The metric ids the formula reads, in order of first appearance. */
  public List<String> variables() {
    return variables;
  }

  public double evaluate(Map<String, Double> values) {
    return root.eval(values);
  }

  @Override
  public String toString() {
    return text;
  }

  private static final class Parser {
    private final String s;
    private int pos;
    private final Set<String> variables = new LinkedHashSet<>();

    Parser(String s) {
      this.s = s;
    }

    void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean eat(char c) {
      skipSpaces();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    Node sum() {
      Node left = product();
      while (true) {
        if (eat('+')) {
          Node l = left;
          Node r = product();
          left = v -> l.eval(v) + r.eval(v);
        } else if (eat('-')) {
          Node l = left;
          Node r = product();
          left = v -> l.eval(v) - r.eval(v);
        } else {
          return left;
        }
      }
    }

    Node product() {
      Node left = unary();
      while (true) {
        if (eat('*')) {
          Node l = left;
          Node r = unary();
          left = v -> l.eval(v) * r.eval(v);
        } else if (eat('/')) {
          Node l = left;
          Node r = unary();
          left = v -> {
            double d = r.eval(v);
            return d == 0 ? Double.NaN : l.eval(v) / d;
          };
        } else {
          return left;
        }
      }
    }

    Node unary() {
      if (eat('-')) {
        Node inner = unary();
        return v -> -inner.eval(v);
      }
      if (eat('(')) {
        Node inner = sum();
        if (!eat(')')) {
          throw new IllegalArgumentException("missing ')' at " + (pos + 1) + " in " + s);
        }
        return inner;
      }
      skipSpaces();
      int start = pos;
      if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        double number = Double.parseDouble(s.substring(start, pos));
        return v -> number;
      }
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos))
          || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("expected a number, a metric or '(' at " + (pos + 1)
            + " in " + s);
      }
      String name = s.substring(start, pos);
      variables.add(name);
      return v -> {
        Double value = v.get(name);
        if (value == null) {
          throw new IllegalArgumentException("no value for " + name);
        }
        return value;
      };
    }
  }
}
