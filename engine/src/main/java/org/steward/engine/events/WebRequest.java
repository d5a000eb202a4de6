package org.steward.engine.events;

import java.nio.charset.StandardCharsets;

/**
 * One request through the web proxy. It spans from {@code time - elapsedMs} to {@code time}. {@code host} is
 * lower case, without port; the path is what follows the host in the URL, from {@code pathStart} ("" for a
 * CONNECT tunnel).
 *
 * <p>A request read from a Squid line keeps the line's bytes, and the fields few rules look at (client, result,
 * method, URL, content type) as places in them, decoded only when asked for, as is the line itself: most lines
 * never need them, and making Strings of them was most of what the engine allocated.
 */
public final class WebRequest implements ActivityEvent {

    /**
     * What the proxy did with the request (docs/activity-rules.md). Only an allowed request is browsing: it counts in
     * visits and time connected. A blocked one is an attempt, counted apart. A challenge is the proxy asking the
     * browser to sign in (407) before it retries with its credentials, and a proxy error a request Squid could not
     * read (its {@code error:} pseudo-URLs, {@code NONE/400}): neither is anybody's use of a site.
     */
    public enum Outcome {
        ALLOWED, BLOCKED, CHALLENGE, PROXY_ERROR;

        /** From the result tag ({@code TCP_DENIED}), the status and the URL as Squid logs them. */
        public static Outcome of(String result, int status, String url) {
            if (url.regionMatches(true, 0, "error:", 0, 6)) {
                return PROXY_ERROR;
            }
            if (status == 407) {
                return CHALLENGE;
            }
            String tag = result.toUpperCase(java.util.Locale.ROOT);
            if (status == 400 && (tag.equals("NONE") || tag.equals("NONE_NONE"))) {
                return PROXY_ERROR;
            }
            return tag.contains("DENIED") ? BLOCKED : ALLOWED;
        }
    }

    private final long time;
    private final Outcome outcome;
    private final long elapsedMs;
    private final int status;
    private final long bytes;
    private final String host;
    private final String user;
    private final long line;
    private String raw;
    /** The log line as read (UTF-8), when the request was read from one; null when given as text. */
    private final byte[] text;
    private final int lineStart;
    private final int lineEnd;
    /** Where client, result, method, URL and content type are in {@code text}: start in the high half, end in the low. */
    private final long clientAt;
    private final long resultAt;
    private final long methodAt;
    private final long urlAt;
    private final long typeAt;
    /** Where the path starts in the URL: in characters when given as text, else in bytes until worked out. */
    private int pathStart;
    private boolean pathStartInChars;
    private String client;
    private String result;
    private String method;
    private String url;
    private String contentType;

    /** A request whose fields are given as text (JSON lines, tests). */
    public WebRequest(long time, long elapsedMs, String client, String result, int status, long bytes, String method,
                      String url, String host, int pathStart, String user, String contentType, long line,
                      String raw) {
        this.time = time;
        this.outcome = Outcome.of(result, status, url);
        this.elapsedMs = elapsedMs;
        this.client = client;
        this.result = result;
        this.status = status;
        this.bytes = bytes;
        this.method = method;
        this.url = url;
        this.host = host;
        this.pathStart = pathStart;
        this.user = user;
        this.contentType = contentType;
        this.line = line;
        this.raw = raw;
        this.text = null;
        this.lineStart = 0;
        this.lineEnd = 0;
        this.clientAt = 0;
        this.resultAt = 0;
        this.methodAt = 0;
        this.urlAt = 0;
        this.typeAt = 0;
        this.pathStartInChars = true;
    }

    /** A request read from a log line; each {@code ...At} packs a field's start and end in the line's bytes. */
    WebRequest(long time, Outcome outcome, long elapsedMs, int status, long bytes, String host, int pathStart,
               String user, long line, byte[] lineBytes, int lineStart, int lineEnd, String raw, long clientAt,
               long resultAt, long methodAt, long urlAt, long typeAt) {
        this.time = time;
        this.outcome = outcome;
        this.elapsedMs = elapsedMs;
        this.status = status;
        this.text = lineBytes;
        this.bytes = bytes;
        this.host = host;
        this.pathStart = pathStart;
        this.user = user;
        this.line = line;
        this.lineStart = lineStart;
        this.lineEnd = lineEnd;
        this.raw = raw;
        this.clientAt = clientAt;
        this.resultAt = resultAt;
        this.methodAt = methodAt;
        this.urlAt = urlAt;
        this.typeAt = typeAt;
    }

    /**
     * For the Squid parser, which lives in another package. The request keeps {@code lineBytes} and decodes its
     * text fields, and the line itself ({@code raw} when already known), only when they are asked for.
     */
    public static WebRequest fromLine(long time, Outcome outcome, long elapsedMs, int status, long bytes, String host,
                                      int pathStart, String user, long line, byte[] lineBytes, int lineStart,
                                      int lineEnd, String raw, long clientAt, long resultAt, long methodAt,
                                      long urlAt, long typeAt) {
        return new WebRequest(time, outcome, elapsedMs, status, bytes, host, pathStart, user, line, lineBytes,
                lineStart, lineEnd, raw, clientAt, resultAt, methodAt, urlAt, typeAt);
    }

    /** A field's start and end packed in one long, as {@link #fromLine} takes them. */
    public static long at(int start, int end) {
        return ((long) start << 32) | (end & 0xFFFFFFFFL);
    }

    private String cut(long at) {
        int from = (int) (at >>> 32);
        return new String(text, from, (int) at - from, StandardCharsets.UTF_8);
    }

    @Override
    public long time() {
        return time;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Refused by the proxy or its filter: an attempt, not browsing. */
    public boolean blocked() {
        return outcome == Outcome.BLOCKED;
    }

    public long elapsedMs() {
        return elapsedMs;
    }

    public long start() {
        return time - elapsedMs;
    }

    @Override
    public String client() {
        if (client == null) {
            client = cut(clientAt);
        }
        return client;
    }

    public String result() {
        if (result == null) {
            result = cut(resultAt);
        }
        return result;
    }

    public int status() {
        return status;
    }

    public long bytes() {
        return bytes;
    }

    public String method() {
        if (method == null) {
            method = cut(methodAt);
        }
        return method;
    }

    public String url() {
        if (url == null) {
            url = cut(urlAt);
        }
        return url;
    }

    public String host() {
        return host;
    }

    /** Where the path starts in {@link #url()}. */
    public int pathStart() {
        if (!pathStartInChars) {
            int urlStart = (int) (urlAt >>> 32);
            if (url().length() != (int) urlAt - urlStart) { // not all ASCII: bytes and characters differ
                pathStart = new String(text, urlStart, pathStart, StandardCharsets.UTF_8).length();
            }
            pathStartInChars = true;
        }
        return pathStart;
    }

    public String path() {
        return url().substring(pathStart());
    }

    @Override
    public String user() {
        return user;
    }

    public String contentType() {
        if (contentType == null) {
            contentType = cut(typeAt);
        }
        return contentType;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public String raw() {
        if (raw == null) {
            raw = new String(text, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
        }
        return raw;
    }

    @Override
    public Kind kind() {
        return Kind.WEB;
    }

    @Override
    public String toString() {
        return "WebRequest[line " + line + ": " + raw() + "]";
    }
}
