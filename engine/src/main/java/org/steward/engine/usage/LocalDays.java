package org.steward.engine.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Turns epoch milliseconds into the district's local day, remembering the bounds of the last day asked about so
 * that consecutive log lines cost no date arithmetic. One instance per thread.
 */
public final class LocalDays {

    private final ZoneId zone;
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;
    private LocalDate day;

    public LocalDays(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate dayOf(long millis) {
        if (millis < dayStart || millis >= dayEnd) {
            day = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
            dayStart = startOf(day);
            dayEnd = startOf(day.plusDays(1));
        }
        return day;
    }

    /** The local midnight that starts the day of {@code millis}. */
    public long dayStart(long millis) {
        dayOf(millis);
        return dayStart;
    }

    /** The local midnight that ends the day of {@code millis}. */
    public long dayEnd(long millis) {
        dayOf(millis);
        return dayEnd;
    }

    /** Milliseconds since the local midnight of the day of {@code millis}. */
    public long millisIntoDay(long millis) {
        dayOf(millis);
        return millis - dayStart;
    }

    public long startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
