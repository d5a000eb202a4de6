package org.steward.publishing;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A school year, by the calendar year it starts in: 2026 is 2026-27. Parents renew their media-release choice every
 * school year, so a choice belongs to one.
 */
public record SchoolYear(int startYear) implements Comparable<SchoolYear> {

    private static final Pattern SPAN = Pattern.compile("([0-9]{4})[-\u2013]([0-9]{2}|[0-9]{4})");
    private static final Pattern ENDING = Pattern.compile("[0-9]{4}");

    /** The school year that has {@code day} in it, when every school year starts on {@code firstDay}. */
    public static SchoolYear containing(LocalDate day, MonthDay firstDay) {
        return new SchoolYear(MonthDay.from(day).isBefore(firstDay) ? day.getYear() - 1 : day.getYear());
    }

    /**
     * A school year as people and SIS exports write it: "2026-27", "2026-2027", "2026–27", or the bare year it ends
     * in, "2027", as OneRoster's schoolYear has it.
     */
    public static Optional<SchoolYear> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String year = text.strip();
        if (ENDING.matcher(year).matches()) {
            return Optional.of(new SchoolYear(Integer.parseInt(year) - 1));
        }
        Matcher span = SPAN.matcher(year);
        if (!span.matches()) {
            return Optional.empty();
        }
        int start = Integer.parseInt(span.group(1));
        int end = Integer.parseInt(span.group(2));
        boolean follows = span.group(2).length() == 2 ? end == (start + 1) % 100 : end == start + 1;
        return follows ? Optional.of(new SchoolYear(start)) : Optional.empty();
    }

    public SchoolYear next() {
        return new SchoolYear(startYear + 1);
    }

    public SchoolYear previous() {
        return new SchoolYear(startYear - 1);
    }

    /** The day this school year starts, when every school year starts on {@code firstDay}. */
    public LocalDate firstDay(MonthDay firstDay) {
        return firstDay.atYear(startYear);
    }

    @Override
    public int compareTo(SchoolYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    /** "2026-27". */
    @Override
    public String toString() {
        return "%d-%02d".formatted(startYear, (startYear + 1) % 100);
    }
}
