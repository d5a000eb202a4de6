package org.steward.policies;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A district's acceptable-use policy: the model Steward ships, or the district's own text. One is the policy the
 * district adopted, the one its decisions cite; others are there to read and compare.
 */
@Table("policy")
public record Policy(@Id Long id, long districtId, String title, Source source, Instant createdAt, boolean adopted) {

    public enum Source {
        MODEL, IMPORTED
    }
}
