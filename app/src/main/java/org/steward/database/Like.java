package org.steward.database;

import java.util.Locale;

/**
 * A search text as a SQL {@code like} pattern that finds it anywhere, in lower case, with {@code %}, {@code _} and
 * the escape character taken as themselves: a search for "50%" finds "50%", not everything that starts with "50".
 */
public final class Like {

    private Like() {
    }

    /** {@code %text%}, escaped for PostgreSQL's {@code like} (whose escape character is the backslash). */
    public static String containing(String text) {
        return "%" + escaped(text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) + "%";
    }

    /** The text with {@code like}'s wildcards and escape character escaped, to build a pattern around. */
    public static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
