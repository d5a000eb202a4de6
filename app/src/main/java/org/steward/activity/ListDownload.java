package org.steward.activity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.steward.activity.CategoryFeeds.Refused;

/**
 * Fetches the category lists' archive, or its checksum file, over HTTP or HTTPS: only http and https addresses,
 * also where a redirect leads, and never from https down to http; one time limit for the whole download, not only
 * for the connection, since a server that sends a byte a minute would otherwise hold a check for ever; a size limit
 * checked as the bytes arrive. The SHA-256 and MD5 sums are taken on the way. Nothing a server sends is repeated in
 * a message: a refusal names the address and the status, so the address cannot be used to read another server.
 */
final class ListDownload {

    /** What was downloaded: from where in the end (after redirects), its size, and its sums in lower-case hex. */
    record Fetched(URI from, long bytes, String sha256, String md5) {
    }

    static final int MAX_REDIRECTS = 5;
    private static final String USER_AGENT = "Steward (category lists download)";

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    ListDownload(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        // redirects are followed here, one at a time, so that each one's address is checked; the JVM's proxy
        // settings (https.proxyHost…) apply, for a server whose outgoing connections go through one
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(30)) < 0 ? timeout : Duration.ofSeconds(30));
        if (ProxySelector.getDefault() != null) {
            builder.proxy(ProxySelector.getDefault());
        }
        this.client = builder.build();
    }

    /** Downloads the archive at the address into {@code out}. */
    Fetched archive(URI address, WritableByteChannel out) {
        return fetch(address, out, maxBytes);
    }

    /** A small text file such as a checksum file, of up to {@code limit} bytes. */
    String text(URI address, int limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fetch(address, Channels.newChannel(bytes), limit);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An address Steward may fetch: http or https with a host, and no user name or password in it. */
    static URI checked(URI address, URI redirectedFrom) {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        if (redirectedFrom != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(redirectedFrom + " redirects to " + address + ", which is not an http or https address:"
                    + " Steward follows only those.");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("The address " + address + " is not an http or https address (like "
                    + "https://dsi.ut-capitole.fr/blacklists/download/blacklists.tar.gz).");
        }
        if (redirectedFrom != null && "https".equalsIgnoreCase(redirectedFrom.getScheme()) && scheme.equals("http")) {
            throw new Refused(redirectedFrom + " redirects to " + address + ", from https down to plain http: Steward"
                    + " does not follow a redirect that drops the encryption.");
        }
        if (address.getHost() == null || address.getHost().isBlank()) {
            throw new Refused("The address " + address + " names no server.");
        }
        if (address.getRawUserInfo() != null) {
            throw new Refused("The address " + address.getScheme() + "://…@" + address.getHost() + " holds a user "
                    + "name or password: Steward keeps addresses in plain sight on the page, so it takes none.");
        }
        return address;
    }

    private Fetched fetch(URI address, WritableByteChannel out, long limit) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI at = checked(address, null);
        for (int redirects = 0; ; redirects++) {
            Capped body = new Capped(out, limit);
            HttpRequest request = HttpRequest.newBuilder(at).timeout(left(deadline)).header("User-Agent", USER_AGENT)
                    .GET().build();
            CompletableFuture<HttpResponse<Long>> pending = client.sendAsync(request, info -> {
                if (info.statusCode() == 200) {
                    body.declared(info.headers().firstValueAsLong("content-length").orElse(-1));
                    return body;
                }
                return HttpResponse.BodySubscribers.replacing(0L);
            });
            HttpResponse<Long> response = await(at, pending, body, deadline, limit);
            int status = response.statusCode();
            if (status == 200) {
                return new Fetched(at, body.bytes, HexFormat.of().formatHex(body.sha256.digest()),
                        HexFormat.of().formatHex(body.md5.digest()));
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (redirects == MAX_REDIRECTS) {
                    throw new Refused(address + " redirects more than " + MAX_REDIRECTS + " times.");
                }
                URI from = at;
                String location = response.headers().firstValue("location").orElseThrow(() -> new Refused(from
                        + " answered a redirect (" + status + ") without saying where to."));
                URI next;
                try {
                    next = at.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw new Refused(at + " redirects to an address that is not one (" + shortened(location) + ").");
                }
                at = checked(next, at);
                continue;
            }
            throw new Refused(at + " answered " + status + said(status) + ", not the file.");
        }
    }

    private HttpResponse<Long> await(URI at, CompletableFuture<HttpResponse<Long>> pending, Capped body,
                                     long deadline, long limit) {
        try {
            return pending.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            pending.cancel(true);
            throw new Refused(at + " did not send the whole file within " + minutes() + ".");
        } catch (InterruptedException e) {
            body.cancel();
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Refused("The check of " + at + " was stopped (Steward is shutting down).");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof TooLarge) {
                    throw new Refused(at + " sends more than " + megabytes(limit) + ", the most Steward takes.");
                }
                if (c instanceof HttpConnectTimeoutException) {
                    throw new Refused("Steward could not connect to " + at.getHost() + " within " + minutes() + ".");
                }
                if (c instanceof HttpTimeoutException) {
                    throw new Refused(at + " did not answer within " + minutes() + ".");
                }
                if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                    throw new Refused("There is no server " + at.getHost() + " (its name does not resolve).");
                }
                if (c instanceof ConnectException) {
                    throw new Refused("Steward could not connect to " + at.getHost()
                            + (at.getPort() == -1 ? "" : ":" + at.getPort()) + " (nothing answers there).");
                }
            }
            throw new Refused("The download from " + at + " failed: " + (cause instanceof IOException
                    && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause)) + ".");
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private String minutes() {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes") : seconds + " seconds";
    }

    static String megabytes(long bytes) {
        return bytes >= 1 << 20 ? "%,d MB".formatted(bytes >> 20) : "%,d bytes".formatted(bytes);
    }

    private static String said(int status) {
        return switch (status) {
            case 401, 403 -> " (not allowed)";
            case 404 -> " (not found)";
            case 410 -> " (gone)";
            case 429 -> " (too many requests: try later)";
            default -> status >= 500 ? " (a server error)" : "";
        };
    }

    private static String shortened(String text) {
        String plain = text.replaceAll("\\p{Cntrl}", "?");
        return plain.length() > 100 ? plain.substring(0, 100) + "…" : plain;
    }

    /** A larger body than the limit: the download stops there. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large");
        }
    }

    /** Writes the body as it arrives, summing it, and stops it at the limit. */
    private static final class Capped implements HttpResponse.BodySubscriber<Long> {

        private final WritableByteChannel out;
        private final long limit;
        private final CompletableFuture<Long> done = new CompletableFuture<>();
        final MessageDigest sha256 = digest("SHA-256");
        final MessageDigest md5 = digest("MD5");
        private volatile Flow.Subscription subscription;
        private volatile boolean tooLarge;
        long bytes;

        Capped(WritableByteChannel out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        void declared(long length) {
            tooLarge = length > limit;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (tooLarge) {
                subscription.cancel();
                done.completeExceptionally(new TooLarge());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (done.isDone()) {
                return;
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    bytes += buffer.remaining();
                    if (bytes > limit) {
                        subscription.cancel();
                        done.completeExceptionally(new TooLarge());
                        return;
                    }
                    sha256.update(buffer.duplicate());
                    md5.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(bytes);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            done.cancel(false);
        }

        private static MessageDigest digest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
            }
        }
    }
}
