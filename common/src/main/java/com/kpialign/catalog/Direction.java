package com.kpialign.catalog;

/** Which way is good: higher, lower, or inside a target band. */
public enum Direction {
  UP, DOWN, BAND;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
