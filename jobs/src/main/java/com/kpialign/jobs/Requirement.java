package com.kpialign.jobs;

import com.kpialign.assembly.Conf;

/** A part of the configuration a job cannot run without, checked before Spark starts. */
public enum Requirement {
  /** The metric catalog, {@code metrics.yaml}. */
  CATALOG,
  /** The KPI tree, {@code kpi_tree.yaml}. */
  TREE;

  public boolean metBy(Conf conf) {
    return switch (this) {
      case CATALOG -> conf.catalog().isPresent();
      case TREE -> conf.tree().isPresent();
    };
  }

  /** Throws the configuration error that names the missing file, unless {@code conf} has it. */
  public void check(Conf conf) {
    switch (this) {
      case CATALOG -> conf.requireCatalog();
      case TREE -> conf.requireTree();
    }
  }
}
