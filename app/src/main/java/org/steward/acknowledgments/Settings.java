package org.steward.acknowledgments;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a district decides about its campaigns: how many days a new hire has to sign, the grace period before
 * privileges are suspended, and when reminders go out (at open, some days before the due date, then every so many
 * days while overdue).
 */
public record Settings(long districtId, int newHireDays, int graceDays, boolean remindAtOpen, List<Integer> daysBefore,
                       int overdueEveryDays) {

    public Settings {
        // largest first, once each: reminders go out in that order
        daysBefore = daysBefore.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    static Settings defaults(long districtId) {
        return new Settings(districtId, 10, 14, true, List.of(7, 1, 0), 7);
    }

    /** "7, 1, 0" as days, largest first; a clear message for anything else. */
    static List<Integer> parseDays(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf)
                    .peek(d -> {
                        if (d < 0 || d > 365) {
                            throw new IllegalArgumentException("Days before the due date must be from 0 to 365: " + d);
                        }
                    })
                    .distinct().sorted((a, b) -> b - a).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Days before the due date are whole numbers separated by commas, "
                    + "such as 7, 1, 0; not '" + text + "'.");
        }
    }
}
