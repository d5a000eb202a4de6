package org.steward.engine.parse;

import java.util.Locale;

import org.steward.engine.events.WebRequest;

/**
 * Reads one line of a Squid native access log ({@code logformat squid}: time.millis elapsed client result/status
 * bytes method url user hierarchy/peer type, separated by runs of spaces), also inside an RFC 3164 or RFC 5424
 * syslog header. A line that is not one gets a reason instead, kept in {@link #problem()}. One parser per thread.
 */
public final class SquidLineParser {

    private static final int FIELDS = 10;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private final int[] starts = new int[FIELDS];
    private final int[] ends = new int[FIELDS];
    private String problem;

    /** Why the last line given to {@link #parse} was refused. */
    public String problem() {
        return problem;
    }

    /** The request on this line, or null with {@link #problem()} saying why. */
    public WebRequest parse(String line, long lineNumber) {
        problem = null;
        int from = messageStart(line);
        if (from < 0) {
            return refuse("syslog header without a message");
        }
        int fields = split(line, from);
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
        int slash = line.indexOf('/', starts[3]);
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
        boolean tunnel = ends[5] - starts[5] == 7 && line.startsWith("CONNECT", starts[5]);
        int urlStart = starts[6];
        int urlEnd = ends[6];
        int hostStart;
        int hostEnd;
        if (tunnel) {
            hostStart = urlStart;
            hostEnd = urlEnd;
        } else {
            int scheme = line.indexOf("://", urlStart);
            if (scheme < 0 || scheme >= urlEnd) {
                return refuse("URL '" + field(line, 6) + "' has no host");
            }
            hostStart = scheme + 3;
            hostEnd = line.indexOf('/', hostStart);
            if (hostEnd < 0 || hostEnd > urlEnd) {
                hostEnd = urlEnd;
            }
        }
        String host = hostOfAuthority(line, hostStart, hostEnd);
        if (host.isEmpty()) {
            return refuse("URL '" + field(line, 6) + "' has no host");
        }
        int[] places = {starts[2], ends[2], starts[3], slash, starts[5], ends[5], urlStart, urlEnd, starts[9], ends[9]};
        return WebRequest.fromLine(time, elapsed, (int) status, bytes, host, (tunnel ? urlEnd : hostEnd) - urlStart,
                field(line, 7), lineNumber, line, places);
    }

    private WebRequest refuse(String reason) {
        problem = reason;
        return null;
    }

    private String field(String line, int i) {
        return line.substring(starts[i], ends[i]);
    }

    /** Splits into at most ten fields; the tenth runs to the end of the line (content types hold no spaces). */
    private int split(String line, int from) {
        int n = 0;
        int i = from;
        int length = line.length();
        while (n < FIELDS) {
            while (i < length && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= length) {
                break;
            }
            starts[n] = i;
            while (i < length && line.charAt(i) != ' ') {
                i++;
            }
            ends[n++] = i;
        }
        return n;
    }

    /** Where the Squid line begins: 0, or after an RFC 3164 or RFC 5424 syslog header; -1 for a header alone. */
    static int messageStart(String line) {
        int i = 0;
        if (line.startsWith("<")) {
            int close = line.indexOf('>');
            if (close < 2 || close > 4) {
                return 0;
            }
            i = close + 1;
            if (i < line.length() && Character.isDigit(line.charAt(i))) {
                return rfc5424Message(line, i);
            }
        }
        if (line.length() >= i + 16 && isMonth(line, i)) {
            // Mmm dd hh:mm:ss host tag: message
            int afterTime = skipToken(line, skipToken(line, skipToken(line, i)));
            int afterHost = skipToken(line, afterTime);
            int colon = line.indexOf(": ", afterHost);
            return colon < 0 ? -1 : skipSpaces(line, colon + 1);
        }
        return i;
    }

    private static int rfc5424Message(String line, int i) {
        // VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG
        for (int token = 0; token < 6; token++) {
            i = skipToken(line, i);
        }
        i = skipSpaces(line, i);
        if (i >= line.length()) {
            return -1;
        }
        if (line.charAt(i) == '-') {
            i++;
        } else {
            while (i < line.length() && line.charAt(i) == '[') {
                boolean quoted = false;
                i++;
                while (i < line.length()) {
                    char c = line.charAt(i);
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
        i = skipSpaces(line, i);
        if (line.startsWith("\uFEFF", i)) {
            i++;
        }
        return i >= line.length() ? -1 : i;
    }

    private static boolean isMonth(String line, int i) {
        for (String month : MONTHS) {
            if (line.startsWith(month, i) && line.charAt(i + 3) == ' ') {
                return true;
            }
        }
        return false;
    }

    private static int skipToken(String line, int i) {
        i = skipSpaces(line, i);
        while (i < line.length() && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** host[:port] with an optional user@ before it and IPv6 in brackets; lower case. */
    static String hostOfAuthority(String url, int start, int end) {
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
        String host = url.substring(start, hostEnd);
        for (int i = 0; i < host.length(); i++) {
            if (Character.toLowerCase(host.charAt(i)) != host.charAt(i)) {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host;
    }

    /** "1767456000.123" as epoch milliseconds, or -1. */
    static long parseTime(String s, int start, int end) {
        long seconds = 0;
        int i = start;
        for (; i < end && s.charAt(i) != '.'; i++) {
            char c = s.charAt(i);
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
                char c = s.charAt(i);
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
    static long parseNumber(String s, int start, int end) {
        if (start >= end || end - start > 18) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
