package com.kpialign.config;

/** File format of a warehouse extract. */
public enum SourceFormat {
  CSV, PARQUET, JSON;

  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
