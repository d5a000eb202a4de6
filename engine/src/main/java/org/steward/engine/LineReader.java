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
 * A line ends at \n, \r\n or the end of input.
 */
final class LineReader implements Closeable {

    /** Lines one after another in {@code bytes}; line i runs from {@code starts[i]} to {@code ends[i]}. */
    record Lines(byte[] bytes, int[] starts, int[] ends, int size) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;
    /** The bytes the last batch took, to size the next one. */
    private int lastBatchBytes = 1 << 16;
    /** Batches given back once done with, whose arrays the next batches reuse. */
    private final ArrayDeque<Lines> spare = new ArrayDeque<>();

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Up to {@code max} lines, copied out of the read buffer; null at the end. */
    Lines read(int max) throws IOException {
        Lines reused = spare.poll();
        int[] starts = reused != null && reused.starts.length >= max ? reused.starts : new int[max];
        int[] ends = reused != null && reused.ends.length >= max ? reused.ends : new int[max];
        byte[] out = reused != null && reused.bytes.length >= lastBatchBytes ? reused.bytes
                : new byte[lastBatchBytes + (lastBatchBytes >> 3)];
        int used = 0;
        int n = 0;
        while (n < max) {
            int newline = newline(start);
            if (newline < 0 && !eof) {
                fill();
                continue;
            }
            if (newline < 0 && start >= end) {
                break;
            }
            int to = newline < 0 ? end : newline;
            int from = start;
            start = newline < 0 ? end : newline + 1;
            if (to > from && buffer[to - 1] == '\r') {
                to--;
            }
            int length = to - from;
            if (used + length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, used + length));
            }
            System.arraycopy(buffer, from, out, used, length);
            starts[n] = used;
            used += length;
            ends[n++] = used;
        }
        lastBatchBytes = Math.max(used, 1 << 12);
        return n == 0 ? null : new Lines(out, starts, ends, n);
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

    /** Where the next \n is from {@code from} on, or -1: eight bytes at a time, as a long. */
    private int newline(int from) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(buffer, i) ^ NEWLINES;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
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
            buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
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
