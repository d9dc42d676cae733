package com.kpialign.table;

import com.kpialign.catalog.KpiTree;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Contracts of {@code kpi.dim_objective} (one row per strategic objective) and
 * {@code kpi.kpi_edges} (one row per parent-to-child edge of the KPI tree: {@code relation}
 * {@code measures}, {@code formula} or {@code influence}; {@code expression} of a formula;
 * {@code sign} +1/-1 of an influence; {@code alignment}), both replaced whole by each run.
 */
public final class KpiTreeTables {
  public static final String OBJECTIVES = "dim_objective";
  public static final String EDGES = "kpi_edges";

  public static final StructType OBJECTIVE_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("objective_id", DataTypes.StringType, false),
      DataTypes.createStructField("statement", DataTypes.StringType, false),
      DataTypes.createStructField("perspective", DataTypes.StringType, false),
      DataTypes.createStructField("owner", DataTypes.StringType, false),
      DataTypes.createStructField("target", DataTypes.StringType, false),
      DataTypes.createStructField("horizon", DataTypes.DateType, true),
      DataTypes.createStructField("kpis", DataTypes.createArrayType(DataTypes.StringType, false),
          false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final StructType EDGE_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("parent", DataTypes.StringType, false),
      DataTypes.createStructField("child", DataTypes.StringType, false),
      DataTypes.createStructField("relation", DataTypes.StringType, false),
      DataTypes.createStructField("expression", DataTypes.StringType, true),
      DataTypes.createStructField("sign", DataTypes.IntegerType, true),
      DataTypes.createStructField("alignment", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  public static final TableContract OBJECTIVES_CONTRACT = TableContract.of(
      TableContract.Database.KPI, OBJECTIVES, OBJECTIVE_SCHEMA, List.of());
  public static final TableContract EDGES_CONTRACT = TableContract.of(
      TableContract.Database.KPI, EDGES, EDGE_SCHEMA, List.of());

  private KpiTreeTables() {}

  public static List<Row> objectiveRows(KpiTree tree, String runId) {
    List<Row> out = new ArrayList<>();
    for (KpiTree.Objective o : tree.objectives()) {
      out.add(RowFactory.create(o.id(), o.statement(), o.perspective().spelling(), o.owner(),
          o.target(), o.horizon().map(Date::valueOf).orElse(null),
          o.kpis().toArray(String[]::new), runId));
    }
    return out;
  }

  public static List<Row> edgeRows(KpiTree tree, String runId) {
    List<Row> out = new ArrayList<>();
    for (KpiTree.Edge e : tree.edges()) {
      out.add(RowFactory.create(e.parent(), e.child(), e.relation().spelling(),
          e.expression().orElse(null), e.relation() == KpiTree.Relation.INFLUENCE ? e.sign()
              : null, e.alignment().spelling(), runId));
    }
    return out;
  }
}
