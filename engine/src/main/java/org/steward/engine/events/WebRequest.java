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

    private final long time;
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
    /** Start and end of client, result, method, URL and content type in {@code text}. */
    private final int[] places;
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
        this.places = null;
        this.pathStartInChars = true;
    }

    /** A request read from a log line: {@code places} holds start and end of client, result, method, URL, type. */
    WebRequest(long time, long elapsedMs, int status, long bytes, String host, int pathStart, String user, long line,
               byte[] lineBytes, int lineStart, int lineEnd, String raw, int[] places) {
        this.time = time;
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
        this.places = places;
    }

    /**
     * For the Squid parser, which lives in another package. The request keeps {@code lineBytes} and decodes its
     * text fields, and the line itself ({@code raw} when already known), only when they are asked for.
     */
    public static WebRequest fromLine(long time, long elapsedMs, int status, long bytes, String host, int pathStart,
                                      String user, long line, byte[] lineBytes, int lineStart, int lineEnd,
                                      String raw, int[] places) {
        return new WebRequest(time, elapsedMs, status, bytes, host, pathStart, user, line, lineBytes, lineStart,
                lineEnd, raw, places);
    }

    private String cut(int field) {
        int from = places[2 * field];
        return new String(text, from, places[2 * field + 1] - from, StandardCharsets.UTF_8);
    }

    @Override
    public long time() {
        return time;
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
            client = cut(0);
        }
        return client;
    }

    public String result() {
        if (result == null) {
            result = cut(1);
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
            method = cut(2);
        }
        return method;
    }

    public String url() {
        if (url == null) {
            url = cut(3);
        }
        return url;
    }

    public String host() {
        return host;
    }

    /** Where the path starts in {@link #url()}. */
    public int pathStart() {
        if (!pathStartInChars) {
            int urlStart = places[6];
            if (url().length() != places[7] - urlStart) { // not all ASCII: bytes and characters differ
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
            contentType = cut(4);
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
