package org.steward.publishing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a student's parents chose on the media release for a school year (Clovis F.2 and F.3): no identification,
 * a limited identification, the full name (which only a high school student's parents may choose), or no photographs
 * at all.
 */
public enum MediaChoice {
    NONE("No identification"),
    LIMITED("Limited identification"),
    FULL_NAME("Full name (high school)"),
    NO_PHOTOGRAPHS("No photographs");

    // the words SIS exports and people write, with case, spaces, underscores and hyphens made alike
    private static final Map<String, MediaChoice> WORDS = Map.ofEntries(
            Map.entry("none", NONE), Map.entry("no identification", NONE),
            Map.entry("limited", LIMITED), Map.entry("limited identification", LIMITED),
            Map.entry("full name", FULL_NAME), Map.entry("full", FULL_NAME),
            Map.entry("full name (high school)", FULL_NAME),
            Map.entry("no photographs", NO_PHOTOGRAPHS), Map.entry("no photos", NO_PHOTOGRAPHS),
            Map.entry("no media", NO_PHOTOGRAPHS));

    private final String title;

    MediaChoice(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The choice a cell names: "limited", "Full name", "NO_PHOTOGRAPHS", "no-photos" and the like. */
    public static Optional<MediaChoice> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String words = text.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u00a0_-]+", " ").strip();
        return Optional.ofNullable(WORDS.get(words));
    }
}
