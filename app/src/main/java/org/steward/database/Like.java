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
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
