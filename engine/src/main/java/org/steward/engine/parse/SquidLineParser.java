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
    private static final byte[] ERROR = "error:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DENIED = "DENIED".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE_TAG = "NONE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE_NONE_TAG = "NONE_NONE".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] starts = new int[FIELDS];
    private final int[] ends = new int[FIELDS];
    private final Interner hosts = new Interner(true);
    private final Interner users = new Interner(false);
    private String problem;
    private String problemKind;

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

    /** Why the last line given to {@link #parse} was refused, with the values in the line that are wrong. */
    public String problem() {
        return problem;
    }

    /**
     * The kind of the last refusal without the line's own values ("elapsed time is not a number of milliseconds"),
     * by which a run's bad lines are counted: a few kinds, however many bad lines.
     */
    public String problemKind() {
        return problemKind;
    }

    /**
     * The time a line was logged (epoch milliseconds), read from its first field alone, or -1 where it has none: for
     * a pass that needs the lines' times and nothing else.
     */
    public static long timeOf(byte[] line, int start, int end) {
        int from = messageStart(line, start, end);
        if (from < 0) {
            return -1;
        }
        from = skipSpaces(line, from, end);
        int to = indexOf(line, (byte) ' ', from, end);
        return parseTime(line, from, to < 0 ? end : to);
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
            return refuse("syslog header without a message", "syslog header without a message");
        }
        int fields = split(line, from, lineEnd);
        if (fields < FIELDS) {
            return fields <= 1 ? refuse("not a Squid access log line", "not a Squid access log line")
                    : refuse("only " + fields + " of the 10 fields of a Squid access log line",
                    "fewer than the 10 fields of a Squid access log line");
        }
        long time = parseTime(line, starts[0], ends[0]);
        if (time < 0) {
            return refuse("time '" + field(line, 0) + "' is not seconds.milliseconds",
                    "time is not seconds.milliseconds");
        }
        long elapsed = parseElapsed(line, starts[1], ends[1]);
        if (elapsed < 0) {
            return refuse("elapsed time '" + field(line, 1) + "' is not a number of milliseconds",
                    "elapsed time is not a number of milliseconds");
        }
        int slash = indexOf(line, (byte) '/', starts[3], ends[3]);
        if (slash < 0 || slash >= ends[3] - 1) {
            return refuse("result '" + field(line, 3) + "' is not like TCP_MISS/200",
                    "result is not like TCP_MISS/200");
        }
        long status = parseNumber(line, slash + 1, ends[3]);
        if (status < 0 || status > 999) {
            return refuse("status in '" + field(line, 3) + "' is not a number", "status is not a number");
        }
        long bytes = parseNumber(line, starts[4], ends[4]);
        if (bytes < 0) {
            return refuse("size '" + field(line, 4) + "' is not a number of bytes",
                    "size is not a number of bytes");
        }
        int urlStart = starts[6];
        int urlEnd = ends[6];
        WebRequest.Outcome outcome = outcome(line, starts[3], slash, (int) status, urlStart, urlEnd);
        String host;
        int pathStart;
        if (outcome == WebRequest.Outcome.PROXY_ERROR && !hasScheme(line, urlStart, urlEnd)) {
            hosts.forget();
            host = ""; // error:invalid-request and the like name no site
            pathStart = urlEnd - urlStart;
        } else {
            boolean tunnel = ends[5] - starts[5] == 7 && startsWith(line, starts[5], CONNECT);
            int scheme = schemeEnd(line, urlStart, urlEnd);
            if (scheme < 0 && line[urlStart] == '/') {
                return refuse("URL '" + field(line, 6) + "' has no host",
                        "URL has no host (a path alone)");
            }
            int hostStart = scheme < 0 ? urlStart : scheme;
            // the authority ends where the path, query or fragment begins; a tunnel's is the whole field
            int hostEnd = tunnel && scheme < 0 ? urlEnd : authorityEnd(line, hostStart, urlEnd);
            host = hostOfAuthority(line, hostStart, hostEnd, hosts);
            if (host.isEmpty()) {
                return refuse("URL '" + field(line, 6) + "' has no host", "URL has no host");
            }
            pathStart = hostEnd - urlStart;
        }
        return WebRequest.fromLine(time, outcome, elapsed, (int) status, bytes, host, pathStart, user(line),
                lineNumber, line, lineStart, lineEnd, text, WebRequest.at(starts[2], ends[2]),
                WebRequest.at(starts[3], slash), WebRequest.at(starts[5], ends[5]), WebRequest.at(urlStart, urlEnd),
                WebRequest.at(starts[9], ends[9]));
    }

    /** What the proxy did, from the result tag, the status and the URL (see {@link WebRequest.Outcome}). */
    private static WebRequest.Outcome outcome(byte[] line, int tagStart, int tagEnd, int status, int urlStart,
                                              int urlEnd) {
        if (urlEnd - urlStart >= 6 && startsWithIgnoreCase(line, urlStart, ERROR)) {
            return WebRequest.Outcome.PROXY_ERROR;
        }
        if (status == 407) {
            return WebRequest.Outcome.CHALLENGE;
        }
        int tag = tagEnd - tagStart;
        if (status == 400 && (tag == 4 && startsWith(line, tagStart, NONE_TAG)
                || tag == 9 && startsWith(line, tagStart, NONE_NONE_TAG))) {
            return WebRequest.Outcome.PROXY_ERROR;
        }
        for (int i = tagStart; i + 6 <= tagEnd; i++) {
            if (line[i] == 'D' && startsWith(line, i, DENIED)) {
                return WebRequest.Outcome.BLOCKED;
            }
        }
        return WebRequest.Outcome.ALLOWED;
    }

    /**
     * Where the authority begins after a leading {@code scheme://}, or -1 when the URL does not start with one. A
     * scheme is RFC 3986's, and may hold an underscore: Squid's own {@code cache_object}.
     */
    static int schemeEnd(byte[] b, int from, int to) {
        int i = from;
        if (i >= to || !isLetter(b[i])) {
            return -1;
        }
        for (i++; i < to; i++) {
            byte c = b[i];
            if (c == ':') {
                return i + 2 < to && b[i + 1] == '/' && b[i + 2] == '/' ? i + 3 : -1;
            }
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' && c != '_') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean hasScheme(byte[] b, int from, int to) {
        return schemeEnd(b, from, to) >= 0;
    }

    private static boolean isLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The first '/', '?' or '#' from {@code from}, or {@code to}. */
    static int authorityEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return to;
    }

    /** Refuses the line: {@code reason} names what is wrong in it, {@code kind} the same without the line's values. */
    private WebRequest refuse(String reason, String kind) {
        problem = reason;
        problemKind = kind;
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

    private static boolean startsWithIgnoreCase(byte[] b, int at, byte[] lowerCasePrefix) {
        if (at + lowerCasePrefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < lowerCasePrefix.length; i++) {
            byte c = b[at + i];
            if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != lowerCasePrefix[i]) {
                return false;
            }
        }
        return true;
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

    /**
     * The host of an authority ({@code user@host:port}, IPv6 in brackets), as the site and the categories are worked
     * out from it: lower case, percent-encoding decoded, without the trailing dot of a fully qualified name. Nearly
     * every host needs none of that but the lower case, which the interner folds on the way in.
     */
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
                return Hosts.normalized(new String(url, start + 1, close - start - 1, StandardCharsets.UTF_8));
            }
        }
        int colon = indexOf(url, (byte) ':', start, end);
        if (colon >= 0 && indexOf(url, (byte) ':', colon + 1, end) < 0) {
            hostEnd = colon; // one colon: a port; more: an IPv6 address without brackets
        }
        if (hostEnd > start && url[hostEnd - 1] == '.' || indexOf(url, (byte) '%', start, hostEnd) >= 0) {
            String host = Hosts.normalized(new String(url, start, hostEnd - start, StandardCharsets.UTF_8));
            String interned = interner.intern(host, 0, host.length());
            return interned != null ? interned : host;
        }
        String interned = interner.intern(url, start, hostEnd);
        return interned != null ? interned
                : Hosts.normalized(new String(url, start, hostEnd - start, StandardCharsets.UTF_8));
    }

    /**
     * Elapsed milliseconds: a non-negative number, or 0 for a negative one (Squid logs those when the clock steps
     * back during a request); -1 when it is not a number.
     */
    static long parseElapsed(byte[] s, int start, int end) {
        if (start < end && s[start] == '-') {
            return parseNumber(s, start + 1, end) < 0 ? -1 : 0;
        }
        return parseNumber(s, start, end);
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
