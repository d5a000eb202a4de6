package org.steward.districts;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A school district, or a county office of education, whose records Steward keeps apart from every other's. */
@Table("district")
public record District(@Id Long id, String slug, String name, String timeZone, Instant createdAt) {

    /** California's: every district Steward is written for lives in it unless it says otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

    public static District named(String slug, String name, Instant at) {
        return new District(null, slug, name, DEFAULT_ZONE.getId(), at);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
