package org.steward.engine.parse;

/**
 * Returns the same String object for the same characters of a line, so that the few thousand users, addresses,
 * hosts and result codes of a log are allocated once, hash once and compare by identity. A direct-mapped cache:
 * a new value simply replaces the one in its slot. One instance per thread.
 */
final class Interner {

    private final String[] slots;
    private final int mask;

    Interner(int size) {
        int capacity = Integer.highestOneBit(size - 1) << 1;
        slots = new String[capacity];
        mask = capacity - 1;
    }

    String intern(String line, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + line.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String cached = slots[slot];
        int length = end - start;
        if (cached != null && cached.length() == length && cached.regionMatches(0, line, start, length)) {
            return cached;
        }
        String value = line.substring(start, end);
        slots[slot] = value;
        return value;
    }

    /** Interns a lower-case copy, for host names. */
    String internLowerCase(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isUpperCase(line.charAt(i))) {
                String lower = line.substring(start, end).toLowerCase(java.util.Locale.ROOT);
                return intern(lower, 0, lower.length());
            }
        }
        return intern(line, start, end);
    }
}
