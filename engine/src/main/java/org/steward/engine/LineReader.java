package org.steward.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Reads a log's lines in batches, as bytes: no line becomes a String unless a parser or a finding needs its text.
 * A line ends at \n, \r\n or the end of input. A line is marked when it holds a NUL byte (no log line does, and
 * PostgreSQL stores no text that does), and a line longer than the limit keeps only its first bytes, marked, while the
 * rest of it is read past without being kept: a line of any length costs no more memory than the limit.
 */
final class LineReader implements Closeable {

    /** A line as read. */
    static final byte WHOLE = 0;
    /** A line holding a NUL byte. */
    static final byte HOLDS_NUL = 1;
    /** A line longer than the limit: only its first bytes are kept. */
    static final byte TOO_LONG = 2;
    /** What is kept of a line longer than the limit, for its bad-line sample. */
    private static final int KEPT_OF_A_LONG_LINE = 300;

    /**
     * Lines one after another in {@code bytes}; line i runs from {@code starts[i]} to {@code ends[i]}, and
     * {@code marks[i]} tells whether it was read whole.
     */
    record Lines(byte[] bytes, int[] starts, int[] ends, byte[] marks, int size) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer = new byte[1 << 20];
    /** Within a line longer than the limit, whose start was given out: what comes up to its end is read past. */
    private boolean skipping;
    /** Whether the line the last {@link #newline} call ran over holds a NUL byte. */
    private boolean nul;
    private int start;
    private int end;
    private boolean eof;
    /** The bytes the last batch took, to size the next one. */
    private int lastBatchBytes = 1 << 16;
    /** Batches given back once done with, whose arrays the next batches reuse. */
    private final ArrayDeque<Lines> spare = new ArrayDeque<>();

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Up to {@code max} lines, copied out of the read buffer; null at the end. */
    Lines read(int max) throws IOException {
        Lines reused = spare.poll();
        int[] starts = reused != null && reused.starts.length >= max ? reused.starts : new int[max];
        int[] ends = reused != null && reused.ends.length >= max ? reused.ends : new int[max];
        byte[] marks = reused != null && reused.marks.length >= max ? reused.marks : new byte[max];
        byte[] out = reused != null && reused.bytes.length >= lastBatchBytes ? reused.bytes
                : new byte[lastBatchBytes + (lastBatchBytes >> 3)];
        int used = 0;
        int n = 0;
        while (n < max) {
            int newline = newline(start);
            if (skipping) {
                start = newline < 0 ? end : newline + 1;
                skipping = newline < 0;
                if (newline < 0) {
                    if (eof) {
                        break;
                    }
                    fill();
                }
                continue;
            }
            byte mark = nul ? HOLDS_NUL : WHOLE;
            if ((newline < 0 ? end : newline) - start > maxLineBytes) {
                newline = start + KEPT_OF_A_LONG_LINE; // give out the line's start, and read past the rest
                mark = TOO_LONG;
                skipping = true;
            } else if (newline < 0 && !eof) {
                fill();
                continue;
            }
            if (newline < 0 && start >= end) {
                break;
            }
            int to = newline < 0 ? end : newline;
            int from = start;
            start = newline < 0 ? end : mark == TOO_LONG ? newline : newline + 1;
            if (to > from && buffer[to - 1] == '\r') {
                to--;
            }
            int length = to - from;
            if (used + length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, used + length));
            }
            System.arraycopy(buffer, from, out, used, length);
            starts[n] = used;
            marks[n] = mark;
            used += length;
            ends[n++] = used;
        }
        lastBatchBytes = Math.max(used, 1 << 12);
        return n == 0 ? null : new Lines(out, starts, ends, marks, n);
    }

    /**
     * Gives back a batch nothing will look at again: its arrays are reused for the batches to come, so a long log
     * does not allocate a buffer a batch (fewer collections, and a heap that grows less). Called on the reading
     * thread.
     */
    void recycle(Lines lines) {
        if (spare.size() < 16) {
            spare.add(lines);
        }
    }

    /**
     * Where the next \n is from {@code from} on, or -1, eight bytes at a time, as a long; {@link #nul} tells whether a
     * NUL byte comes before it. (The lowest byte a zero test finds in a word is exact; those above it may not be.)
     */
    private int newline(int from) {
        nul = false;
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long bytes = (long) LONGS.get(buffer, i);
            long word = bytes ^ NEWLINES;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            long zero = (bytes - 0x0101010101010101L) & ~bytes & 0x8080808080808080L;
            if (found != 0) {
                if (zero != 0 && Long.numberOfTrailingZeros(zero) < Long.numberOfTrailingZeros(found)) {
                    nul = true;
                }
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            nul |= zero != 0;
        }
        for (; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
            nul |= buffer[i] == 0;
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            // a line longer than the buffer, within the limit
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16, buffer.length * 2L));
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
