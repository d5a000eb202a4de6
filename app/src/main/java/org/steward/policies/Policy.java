package org.steward.policies;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A district's acceptable-use policy: the model Steward ships, or the district's own text. */
@Table("policy")
public record Policy(@Id Long id, long districtId, String title, Source source, Instant createdAt) {

    public enum Source {
        MODEL, IMPORTED
    }
}
