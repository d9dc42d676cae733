package com.kpialign.catalog;

import java.util.Optional;

/**
 * One data-quality check declared in the catalog: what to check, on which column, with which
 * bounds or reference, and how severe a failure is.
 */
public record CheckDefinition(CheckType type, Optional<String> column, Optional<Double> min,
    Optional<Double> max, Optional<String> reference, Optional<Double> tolerance,
    Severity severity) {}
