package org.steward.engine.events;

/**
 * One request through the web proxy. It spans from {@code time - elapsedMs} to {@code time}. {@code host} is
 * lower case, without port; the path is what follows the host in the URL, from {@code pathStart} ("" for a
 * CONNECT tunnel).
 */
public record WebRequest(long time, long elapsedMs, String client, String result, int status, long bytes,
                         String method, String url, String host, int pathStart, String user, String contentType,
                         long line, String raw) implements ActivityEvent {

    public long start() {
        return time - elapsedMs;
    }

    public String path() {
        return url.substring(pathStart);
    }

    @Override
    public Kind kind() {
        return Kind.WEB;
    }
}
