package com.kpialign.catalog;

import java.util.Optional;

/**
 * A shared definition of something counted, such as "active customer" or "unique visitor":
 * which source, which key identifies one, and which rows qualify. Metrics that count the entity
 * reference it instead of repeating the definition, so no two verticals count it differently.
 */
public record EntityDefinition(String id, String description, String source, String key,
    Optional<String> filter) {}
