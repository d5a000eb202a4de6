package org.steward.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of UTF-8 text straight from bytes, without the char decoding step of a Reader: a line of ASCII, as
 * nearly every log line is, becomes a String in one copy. A line ends at \n, \r\n or the end of input.
 */
final class LineReader implements Closeable {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end. */
    String readLine() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = text(start, i);
                    start = i + 1;
                    return line;
                }
            }
            if (eof) {
                if (start < end) {
                    String line = text(start, end);
                    start = end;
                    return line;
                }
                return null;
            }
            fill();
        }
    }

    private String text(int from, int to) {
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
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
