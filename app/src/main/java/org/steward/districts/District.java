package org.steward.districts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A school district, or a county office of education, whose records Steward keeps apart from every other's. A
 * county administrator may suspend it (its people cannot sign in) and reopen it, each time saying why.
 */
@Table("district")
public record District(@Id Long id, String slug, String name, String timeZone, Instant createdAt,
                       Instant suspendedAt, String suspendedWhy, @Version Integer version) {

    /** California's: every district Steward is written for lives in it unless it says otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

    /** Reasons are read later by whoever asks why: a few words at least. */
    static final int SHORTEST_REASON = 10;

    public static District named(String slug, String name, Instant at) {
        return new District(null, slug, name, DEFAULT_ZONE.getId(), at, null, null, null);
    }

    /** A new district as a county administrator describes it; refuses what it cannot be, saying why. */
    public static District create(String slug, String name, String timeZone, Instant at) {
        String s = slug == null ? "" : slug.strip().toLowerCase(java.util.Locale.ROOT);
        if (!s.matches("[a-z0-9-]{2,40}")) {
            throw new IllegalArgumentException(
                    "The district's short name (for its addresses) has 2 to 40 lowercase letters, digits or dashes.");
        }
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("Give the district's name (up to 200 characters).");
        }
        return new District(null, s, name.strip(), zoneOf(timeZone).getId(), at, null, null, null);
    }

    static ZoneId zoneOf(String timeZone) {
        try {
            if (timeZone == null || timeZone.isBlank() || !timeZone.contains("/")) {
                throw new DateTimeException(timeZone);
            }
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + (timeZone == null ? "" : timeZone.strip())
                    + "' is not a time zone: choose one such as America/Los_Angeles.");
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The same district living in another time zone. */
    public District inZone(String otherZone) {
        return new District(id, slug, name, zoneOf(otherZone).getId(), createdAt, suspendedAt, suspendedWhy, version);
    }

    public boolean isSuspended() {
        return suspendedAt != null;
    }

    /** Nobody of the district signs in until it is reopened. */
    public District suspend(String why, Instant at) {
        if (isSuspended()) {
            throw new IllegalStateException(name + " is suspended already, since " + suspendedAt + ".");
        }
        return new District(id, slug, name, timeZone, createdAt, at, reason(why, "suspended"), version);
    }

    public District reopen(String why, Instant at) {
        if (!isSuspended()) {
            throw new IllegalStateException(name + " is not suspended.");
        }
        reason(why, "reopened");
        return new District(id, slug, name, timeZone, createdAt, null, null, version);
    }

    static String reason(String why, String what) {
        String text = why == null ? "" : why.strip();
        if (text.length() < SHORTEST_REASON || text.chars().filter(Character::isLetter).count() < 5) {
            throw new IllegalArgumentException("Say why the district is " + what + ", in a few words (at least "
                    + SHORTEST_REASON + " characters): the reason is kept in the audit trail.");
        }
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
