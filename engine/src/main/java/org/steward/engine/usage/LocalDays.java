package org.steward.engine.usage;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Turns epoch milliseconds into the district's local day. The local midnights worked out are kept (a day's start by
 * its epoch day, in a small direct-mapped table), and so are the bounds of the last day asked about: consecutive log
 * lines cost a comparison, and a day seen before costs no date arithmetic, whatever the order of the questions. Days
 * are epoch days ({@link LocalDate#toEpochDay()}). One instance per thread.
 */
public final class LocalDays {

    private static final long DAY = 86_400_000L;
    private static final int SLOTS = 1 << 11;

    private final ZoneId zone;
    private final long[] startedDays = new long[SLOTS];
    private final long[] starts = new long[SLOTS];
    private long day = Long.MIN_VALUE;
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;

    public LocalDays(ZoneId zone) {
        this.zone = zone;
        Arrays.fill(startedDays, Long.MIN_VALUE);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The local day of {@code millis}, as an epoch day. */
    public long epochDay(long millis) {
        if (millis < dayStart || millis >= dayEnd) {
            find(millis);
        }
        return day;
    }

    /** A zone's offset is under a day, so the local day is the UTC day or one either side. */
    private void find(long millis) {
        long utcDay = Math.floorDiv(millis, DAY);
        for (long candidate = utcDay - 1; candidate <= utcDay + 1; candidate++) {
            long start = startOfDay(candidate);
            long end = startOfDay(candidate + 1);
            if (millis >= start && millis < end) {
                day = candidate;
                dayStart = start;
                dayEnd = end;
                return;
            }
        }
        throw new IllegalStateException("no local day holds " + millis + " in " + zone);
    }

    public LocalDate dayOf(long millis) {
        return LocalDate.ofEpochDay(epochDay(millis));
    }

    /** The local midnight that starts the day of {@code millis}. */
    public long dayStart(long millis) {
        epochDay(millis);
        return dayStart;
    }

    /** The local midnight that ends the day of {@code millis}. */
    public long dayEnd(long millis) {
        epochDay(millis);
        return dayEnd;
    }

    /** Milliseconds since the local midnight of the day of {@code millis}. */
    public long millisIntoDay(long millis) {
        epochDay(millis);
        return millis - dayStart;
    }

    /** The first instant of a local day (its midnight, or the first time after a gap at midnight). */
    public long startOfDay(long epochDay) {
        int slot = (int) (epochDay & (SLOTS - 1));
        if (startedDays[slot] != epochDay) {
            starts[slot] = LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
            startedDays[slot] = epochDay;
        }
        return starts[slot];
    }

    public long startOf(LocalDate date) {
        return startOfDay(date.toEpochDay());
    }

    /** Monday is 0, Sunday 6; epoch day 0 was a Thursday. */
    public static int dayOfWeekIndex(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }
}
