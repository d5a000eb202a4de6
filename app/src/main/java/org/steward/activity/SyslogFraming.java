package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting, a message preceded by its length in bytes
 * and a space ({@code 57 <134>1 2026-...}), as RFC 5425 senders do; or non-transparent framing, a message ended by
 * a line feed (or a NUL), as most RFC 3164 senders do. A syslog message always begins with {@code <}, so a leading
 * digit tells octet counting, message by message. A message longer than {@link #MOST} bytes is cut off at that
 * length and the rest of it skipped, so that one sender cannot make the receiver hold unbounded input.
 */
final class SyslogFraming {

    static final int MOST = 64 * 1024;

    /** One message, or why a frame was not one. */
    record Frame(String message, String problem) {
    }

    private final PushbackInputStream in;

    SyslogFraming(InputStream in) {
        this.in = new PushbackInputStream(in, 1);
    }

    /** The next message; null at the end of the stream. */
    Frame next() throws IOException {
        int first = in.read();
        while (first == '\n' || first == '\r' || first == 0) {
            first = in.read();
        }
        if (first < 0) {
            return null;
        }
        if (first >= '0' && first <= '9') {
            return counted(first);
        }
        in.unread(first);
        return delimited();
    }

    /** Whether more bytes are at hand without waiting: the moment to flush what was written. */
    boolean idle() throws IOException {
        return in.available() == 0;
    }

    private Frame counted(int first) throws IOException {
        long length = first - '0';
        int c;
        int digits = 1;
        while ((c = in.read()) >= '0' && c <= '9') {
            length = length * 10 + (c - '0');
            if (++digits > 9) {
                return new Frame(null, "an octet count of more than 9 digits");
            }
        }
        if (c != ' ') {
            return new Frame(null, "an octet count not followed by a space");
        }
        byte[] message = in.readNBytes((int) Math.min(length, MOST));
        if (message.length < Math.min(length, MOST)) {
            return new Frame(null, "the connection ended inside a message of " + length + " bytes");
        }
        if (length > MOST) {
            in.skipNBytes(length - MOST);
            return new Frame(null, "a message of " + length + " bytes (at most " + MOST + ")");
        }
        return new Frame(text(message, message.length), null);
    }

    private Frame delimited() throws IOException {
        byte[] buffer = new byte[256];
        int length = 0;
        int c;
        boolean tooLong = false;
        while ((c = in.read()) >= 0 && c != '\n' && c != 0) {
            if (length == MOST) {
                tooLong = true;
                continue;
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(MOST, buffer.length * 2));
            }
            buffer[length++] = (byte) c;
        }
        if (tooLong) {
            return new Frame(null, "a message of more than " + MOST + " bytes");
        }
        return new Frame(text(buffer, length), null);
    }

    /** The message as one line: a trailing line end dropped, line ends inside it made spaces. */
    static String text(byte[] bytes, int length) {
        while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r' || bytes[length - 1] == 0)) {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8).replace('\r', ' ').replace('\n', ' ');
    }
}
