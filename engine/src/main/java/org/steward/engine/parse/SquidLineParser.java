package org.steward.engine.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

import org.steward.engine.events.WebRequest;

/**
 * Reads one line of a Squid native access log ({@code logformat squid}: time.millis elapsed client result/status
 * bytes method url user hierarchy/peer type, separated by runs of spaces), also inside an RFC 3164 or RFC 5424
 * syslog header. A line that is not one gets a reason instead, kept in {@link #problem()}. One parser per thread.
 */
public final class SquidLineParser {

    private static final int FIELDS = 10;
    private static final byte[][] MONTHS = Stream.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec").map(m -> m.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final byte[] CONNECT = "CONNECT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] starts = new int[FIELDS];
    private final int[] ends = new int[FIELDS];
    private final Interner hosts = new Interner(true);
    private final Interner users = new Interner(false);
    private String problem;

    /**
     * A value the caller keeps with the host of the last request parsed, worked out once per host (the analyzer
     * keeps its site and categories there); null until set, and when the parser's table of hosts starts afresh.
     */
    public Object hostValue() {
        return hosts.lastValue();
    }

    /** Keeps a value with the host of the last request parsed: see {@link #hostValue()}. */
    public void hostValue(Object value) {
        hosts.lastValue(value);
    }

    /** Keeps a value with a host of a request parsed before: see {@link #hostValue()}. */
    public void hostValue(String host, Object value) {
        if (hosts.intern(host, 0, host.length()) != null) {
            hosts.lastValue(value);
        }
    }

    /** Why the last line given to {@link #parse} was refused. */
    public String problem() {
        return problem;
    }

    /** The request on this line, or null with {@link #problem()} saying why. */
    public WebRequest parse(String line, long lineNumber) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length, lineNumber, line);
    }

    /**
     * The request on the line from {@code start} to {@code end} of {@code bytes} (UTF-8, no line end), or null with
     * {@link #problem()} saying why. The request keeps the bytes and cuts its text fields out only when asked for.
     */
    public WebRequest parse(byte[] bytes, int start, int end, long lineNumber) {
        return parse(bytes, start, end, lineNumber, null);
    }

    private WebRequest parse(byte[] line, int lineStart, int lineEnd, long lineNumber, String text) {
        problem = null;
        int from = messageStart(line, lineStart, lineEnd);
        if (from < 0) {
            return refuse("syslog header without a message");
        }
        int fields = split(line, from, lineEnd);
        if (fields < FIELDS) {
            return refuse(fields <= 1 ? "not a Squid access log line"
                    : "only " + fields + " of the 10 fields of a Squid access log line");
        }
        long time = parseTime(line, starts[0], ends[0]);
        if (time < 0) {
            return refuse("time '" + field(line, 0) + "' is not seconds.milliseconds");
        }
        long elapsed = parseNumber(line, starts[1], ends[1]);
        if (elapsed < 0) {
            return refuse("elapsed time '" + field(line, 1) + "' is not a number of milliseconds");
        }
        int slash = indexOf(line, (byte) '/', starts[3], ends[3]);
        if (slash < 0 || slash >= ends[3] - 1) {
            return refuse("result '" + field(line, 3) + "' is not like TCP_MISS/200");
        }
        long status = parseNumber(line, slash + 1, ends[3]);
        if (status < 0) {
            return refuse("status in '" + field(line, 3) + "' is not a number");
        }
        long bytes = parseNumber(line, starts[4], ends[4]);
        if (bytes < 0) {
            return refuse("size '" + field(line, 4) + "' is not a number of bytes");
        }
        boolean tunnel = ends[5] - starts[5] == 7 && startsWith(line, starts[5], CONNECT);
        int urlStart = starts[6];
        int urlEnd = ends[6];
        int hostStart;
        int hostEnd;
        if (tunnel) {
            hostStart = urlStart;
            hostEnd = urlEnd;
        } else {
            int scheme = indexOfScheme(line, urlStart, urlEnd);
            if (scheme < 0) {
                return refuse("URL '" + field(line, 6) + "' has no host");
            }
            hostStart = scheme + 3;
            hostEnd = indexOf(line, (byte) '/', hostStart, urlEnd);
            if (hostEnd < 0) {
                hostEnd = urlEnd;
            }
        }
        String host = hostOfAuthority(line, hostStart, hostEnd, hosts);
        if (host.isEmpty()) {
            return refuse("URL '" + field(line, 6) + "' has no host");
        }
        return WebRequest.fromLine(time, elapsed, (int) status, bytes, host, (tunnel ? urlEnd : hostEnd) - urlStart,
                user(line), lineNumber, line, lineStart, lineEnd, text, WebRequest.at(starts[2], ends[2]),
                WebRequest.at(starts[3], slash), WebRequest.at(starts[5], ends[5]), WebRequest.at(urlStart, urlEnd),
                WebRequest.at(starts[9], ends[9]));
    }

    private WebRequest refuse(String reason) {
        problem = reason;
        return null;
    }

    private String user(byte[] line) {
        String user = users.intern(line, starts[7], ends[7]);
        return user != null ? user : field(line, 7);
    }

    private String field(byte[] line, int i) {
        return new String(line, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /** Splits into at most ten fields; the tenth runs to the end of the line (content types hold no spaces). */
    private int split(byte[] line, int from, int to) {
        int n = 0;
        int i = from;
        while (n < FIELDS) {
            while (i < to && line[i] == ' ') {
                i++;
            }
            if (i >= to) {
                break;
            }
            starts[n] = i;
            i = indexOf(line, (byte) ' ', i, to);
            if (i < 0) {
                i = to;
            }
            ends[n++] = i;
        }
        return n;
    }

    /** The first {@code c} from {@code from} to {@code to}, or -1; eight bytes at a time, for long URLs. */
    static int indexOf(byte[] b, byte c, int from, int to) {
        long pattern = (c & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(b, i) ^ pattern;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfScheme(byte[] b, int from, int to) {
        for (int i = from; i + 3 <= to; i++) {
            if (b[i] == ':' && b[i + 1] == '/' && b[i + 2] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where the Squid line begins: its start, or after an RFC 3164 or RFC 5424 syslog header; -1 for a header alone. */
    static int messageStart(byte[] line, int start, int end) {
        int i = start;
        if (i < end && line[i] == '<') {
            int close = indexOf(line, (byte) '>', i, end);
            if (close - start < 2 || close - start > 4) {
                return start;
            }
            i = close + 1;
            if (i < end && line[i] >= '0' && line[i] <= '9') {
                return rfc5424Message(line, i, end);
            }
        }
        if (end >= i + 16 && isMonth(line, i)) {
            // Mmm dd hh:mm:ss host tag: message
            int afterTime = skipToken(line, skipToken(line, skipToken(line, i, end), end), end);
            int afterHost = skipToken(line, afterTime, end);
            for (int colon = afterHost; colon + 1 < end; colon++) {
                if (line[colon] == ':' && line[colon + 1] == ' ') {
                    return skipSpaces(line, colon + 1, end);
                }
            }
            return -1;
        }
        return i;
    }

    private static int rfc5424Message(byte[] line, int i, int end) {
        // VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG
        for (int token = 0; token < 6; token++) {
            i = skipToken(line, i, end);
        }
        i = skipSpaces(line, i, end);
        if (i >= end) {
            return -1;
        }
        if (line[i] == '-') {
            i++;
        } else {
            while (i < end && line[i] == '[') {
                boolean quoted = false;
                i++;
                while (i < end) {
                    byte c = line[i];
                    if (c == '\\') {
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ']' && !quoted) {
                        i++;
                        break;
                    }
                    i++;
                }
            }
        }
        i = skipSpaces(line, i, end);
        if (i + 3 <= end && startsWith(line, i, BOM)) {
            i += 3;
        }
        return i >= end ? -1 : i;
    }

    private static boolean isMonth(byte[] line, int i) {
        byte first = line[i];
        if (first < 'A' || first > 'S') {
            return false; // a Squid line starts with a digit
        }
        for (byte[] month : MONTHS) {
            if (startsWith(line, i, month) && line[i + 3] == ' ') {
                return true;
            }
        }
        return false;
    }

    private static int skipToken(byte[] line, int i, int end) {
        i = skipSpaces(line, i, end);
        while (i < end && line[i] != ' ') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(byte[] line, int i, int end) {
        while (i < end && line[i] == ' ') {
            i++;
        }
        return i;
    }

    /** host[:port] with an optional user@ before it and IPv6 in brackets; lower case. */
    static String hostOfAuthority(byte[] url, int start, int end, Interner interner) {
        interner.forget();
        for (int i = end - 1; i >= start; i--) {
            if (url[i] == '@') {
                start = i + 1;
                break;
            }
        }
        int hostEnd = end;
        if (start < end && url[start] == '[') {
            int close = indexOf(url, (byte) ']', start, end);
            if (close > 0) {
                return new String(url, start + 1, close - start - 1, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
        }
        int colon = indexOf(url, (byte) ':', start, end);
        if (colon >= 0) {
            hostEnd = colon;
        }
        String interned = interner.intern(url, start, hostEnd);
        return interned != null ? interned
                : new String(url, start, hostEnd - start, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    /** The same for a URL given as text (JSON lines). */
    static String hostOfAuthority(String url, int start, int end, Interner interner) {
        interner.forget();
        int at = url.lastIndexOf('@', end - 1);
        if (at >= start) {
            start = at + 1;
        }
        int hostEnd = end;
        if (start < end && url.charAt(start) == '[') {
            int close = url.indexOf(']', start);
            if (close > 0 && close < end) {
                return url.substring(start + 1, close).toLowerCase(Locale.ROOT);
            }
        }
        int colon = url.indexOf(':', start);
        if (colon >= 0 && colon < end) {
            hostEnd = colon;
        }
        String interned = interner.intern(url, start, hostEnd);
        return interned != null ? interned : url.substring(start, hostEnd).toLowerCase(Locale.ROOT);
    }

    /** "1767456000.123" as epoch milliseconds, or -1. */
    static long parseTime(byte[] s, int start, int end) {
        long seconds = 0;
        int i = start;
        for (; i < end && s[i] != '.'; i++) {
            byte c = s[i];
            if (c < '0' || c > '9' || i - start > 12) {
                return -1;
            }
            seconds = seconds * 10 + (c - '0');
        }
        if (i == start) {
            return -1;
        }
        long millis = 0;
        int digits = 0;
        if (i < end) {
            for (i++; i < end; i++) {
                byte c = s[i];
                if (c < '0' || c > '9') {
                    return -1;
                }
                if (digits < 3) {
                    millis = millis * 10 + (c - '0');
                    digits++;
                }
            }
        }
        while (digits++ < 3) {
            millis *= 10;
        }
        return seconds * 1000 + millis;
    }

    /** A non-negative decimal number, or -1. */
    static long parseNumber(byte[] s, int start, int end) {
        if (start >= end || end - start > 18) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            byte c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
