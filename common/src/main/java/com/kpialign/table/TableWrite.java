package com.kpialign.table;

/** What one write did to one Delta table: the new table version and the rows it wrote. */
public record TableWrite(String table, long version, long rows) {}
