package org.steward.engine.parse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Hands out one String per distinct piece of text found in log lines (host names, user names), looked up by the
 * characters in the line, so a name seen before costs no allocation, and maps keyed by it find it by identity with
 * its hash already known. ASCII letters can be folded to lower case on the way in. Each entry has a slot for a
 * value the caller works out once per name (a host's site and categories). The table is bounded: when full, it
 * starts again empty. One instance per thread.
 */
final class Interner {

    private static final int MAX_ENTRIES = 1 << 17;

    private final boolean lowerCase;
    private String[] table = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private Object[] values = new Object[1 << 12];
    private int size;
    /** The slot of the last text interned, -1 when it was not. */
    private int last = -1;

    Interner(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    /** The text from {@code start} to {@code end} of {@code line}; null when it holds other than ASCII. */
    String intern(String line, int start, int end) {
        last = -1;
        int hash = 0;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            hash = 31 * hash + fold(c);
        }
        int mask = table.length - 1;
        int slot = mix(hash) & mask;
        while (true) {
            String entry = table[slot];
            if (entry == null) {
                return add(slot, hash, line, start, end);
            }
            if (hashes[slot] == hash && matches(entry, line, start, end)) {
                last = slot;
                return entry;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Forgets the last text interned, for a name that is not looked up here. */
    void forget() {
        last = -1;
    }

    /** The value kept with the last text interned; null when none was set or the text was not interned. */
    Object lastValue() {
        return last < 0 ? null : values[last];
    }

    /** Keeps a value with the last text interned (nothing when it was not). */
    void lastValue(Object value) {
        if (last >= 0) {
            values[last] = value;
        }
    }

    /** The same for UTF-8 bytes: null when they hold other than ASCII. */
    String intern(byte[] line, int start, int end) {
        last = -1;
        int hash = 0;
        for (int i = start; i < end; i++) {
            byte c = line[i];
            if (c < 0) {
                return null;
            }
            hash = 31 * hash + fold((char) c);
        }
        int mask = table.length - 1;
        int slot = mix(hash) & mask;
        while (true) {
            String entry = table[slot];
            if (entry == null) {
                return add(slot, hash, new String(line, start, end - start, StandardCharsets.US_ASCII));
            }
            if (hashes[slot] == hash && matches(entry, line, start, end)) {
                last = slot;
                return entry;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(String entry, byte[] line, int start, int end) {
        if (entry.length() != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (entry.charAt(i - start) != fold((char) line[i])) {
                return false;
            }
        }
        return true;
    }

    private char fold(char c) {
        return lowerCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private boolean matches(String entry, String line, int start, int end) {
        if (entry.length() != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (entry.charAt(i - start) != fold(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private String add(int slot, int hash, String line, int start, int end) {
        return add(slot, hash, line.substring(start, end));
    }

    private String add(int slot, int hash, String text) {
        if (lowerCase) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    text = text.toLowerCase(Locale.ROOT);
                    break;
                }
            }
        }
        if (size + 1 > table.length * 3 / 4) {
            if (table.length >= MAX_ENTRIES) {
                table = new String[table.length];
                hashes = new int[table.length];
                values = new Object[table.length];
                size = 0;
            } else {
                grow();
            }
            slot = mix(hash) & (table.length - 1);
        }
        last = put(slot, hash, text, null);
        return text;
    }

    private int put(int slot, int hash, String text, Object value) {
        int mask = table.length - 1;
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        table[slot] = text;
        hashes[slot] = hash;
        values[slot] = value;
        size++;
        return slot;
    }

    private void grow() {
        String[] oldTable = table;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        table = new String[oldTable.length * 2];
        hashes = new int[oldTable.length * 2];
        values = new Object[oldTable.length * 2];
        size = 0;
        for (int i = 0; i < oldTable.length; i++) {
            if (oldTable[i] != null) {
                put(mix(oldHashes[i]) & (table.length - 1), oldHashes[i], oldTable[i], oldValues[i]);
            }
        }
    }

    private static int mix(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        return hash ^ (hash >>> 16);
    }
}
