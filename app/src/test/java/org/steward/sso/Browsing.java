package org.steward.sso;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser without the pictures: a real HTTP client that keeps cookies and follows redirects one by one
 * (across Steward and the provider), remembering each address it was sent to.
 */
final class Browsing {

    /** The page the last redirect ended on, and every address on the way. */
    record Page(int status, URI uri, String body, List<URI> via) {

        /** The first address on the way whose path starts so: the provider's answer to Steward, for one. */
        URI visited(String pathStart) {
            return via.stream().filter(u -> u.getPath().startsWith(pathStart)).findFirst()
                    .orElseThrow(() -> new AssertionError("never went to " + pathStart + ": " + via));
        }

        /** The page's text without its tags, spaces run together: what a person reads. */
        String text() {
            return body.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ")
                    .replace("&#39;", "'").replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&")
                    .replaceAll("\\s+", " ");
        }
    }

    private final HttpClient http;
    private final String base;

    Browsing(int port) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = "http://localhost:" + port;
    }

    Page open(String pathOrUrl) {
        return follow(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
    }

    /** One step only: where the answer sends the browser (its Location), without going there. */
    String openWithoutFollowing(String pathOrUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("Location").map(l -> uri(pathOrUrl).resolve(l).toString())
                    .orElseThrow(() -> new AssertionError(pathOrUrl + " answered " + response.statusCode()
                            + ", not a redirect"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a form as the page does, with the CSRF token of the page it is on. */
    Page submit(String path, Page from, Map<String, String> fields) {
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(from.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + from.uri());
        }
        var all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", token.group(1));
        return post(path, all);
    }

    Page post(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private Page follow(HttpRequest first) {
        List<URI> via = new ArrayList<>();
        HttpRequest request = first;
        try {
            for (int hops = 0; hops < 10; hops++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                via.add(request.uri());
                var location = response.headers().firstValue("Location");
                if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                    return new Page(response.statusCode(), request.uri(), response.body(), via);
                }
                request = HttpRequest.newBuilder(request.uri().resolve(location.get())).GET().build();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("more than ten redirects: " + via);
    }
}
