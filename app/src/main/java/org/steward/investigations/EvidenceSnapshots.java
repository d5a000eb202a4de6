package org.steward.investigations;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The snapshot of a record as it was when added to a case: canonical JSON (properties and map keys in alphabetical
 * order, times as ISO-8601 text, no spaces), so that the same record gives the same bytes and the same SHA-256, and
 * reads the same later even when the record itself has changed.
 */
final class EvidenceSnapshots {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final JsonMapper PRETTY = CANONICAL.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvidenceSnapshots() {
    }

    static String of(Object record) {
        return CANONICAL.writeValueAsString(record);
    }

    static String sha256(String snapshot) {
        return AcceptedFiles.sha256(snapshot.getBytes(StandardCharsets.UTF_8));
    }

    /** The snapshot indented for a person to read; what is hashed stays the canonical text. */
    static String readable(String snapshot) {
        return PRETTY.writeValueAsString(CANONICAL.readTree(snapshot));
    }
}
