package org.steward.engine.events;

/**
 * One request through the web proxy. It spans from {@code time - elapsedMs} to {@code time}. {@code host} is
 * lower case, without port; the path is what follows the host in the URL, from {@code pathStart} ("" for a
 * CONNECT tunnel).
 *
 * <p>A request read from a Squid line keeps the fields few rules look at (client, result, method, URL, content
 * type) as places in the raw line, cut out only when asked for: most lines never need them, and copying them was
 * most of what the engine allocated.
 */
public final class WebRequest implements ActivityEvent {

    private final long time;
    private final long elapsedMs;
    private final int status;
    private final long bytes;
    private final String host;
    private final String user;
    private final long line;
    private final String raw;
    /** Start and end of client, result, method, URL and content type in the raw line; unused when given as text. */
    private final int[] places;
    private final int pathStart;
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
        this.places = null;
    }

    /** A request read from a log line: {@code places} holds start and end of client, result, method, URL, type. */
    WebRequest(long time, long elapsedMs, int status, long bytes, String host, int pathStart, String user, long line,
               String raw, int[] places) {
        this.time = time;
        this.elapsedMs = elapsedMs;
        this.status = status;
        this.bytes = bytes;
        this.host = host;
        this.pathStart = pathStart;
        this.user = user;
        this.line = line;
        this.raw = raw;
        this.places = places;
    }

    /** For the Squid parser, which lives in another package. */
    public static WebRequest fromLine(long time, long elapsedMs, int status, long bytes, String host, int pathStart,
                                      String user, long line, String raw, int[] places) {
        return new WebRequest(time, elapsedMs, status, bytes, host, pathStart, user, line, raw, places);
    }

    private String cut(int field) {
        return raw.substring(places[2 * field], places[2 * field + 1]);
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
        return pathStart;
    }

    public String path() {
        return url().substring(pathStart);
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
        return raw;
    }

    @Override
    public Kind kind() {
        return Kind.WEB;
    }

    @Override
    public String toString() {
        return "WebRequest[line " + line + ": " + raw + "]";
    }
}
