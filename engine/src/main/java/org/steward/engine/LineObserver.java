package org.steward.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.categories.CategorySet;
import org.steward.engine.events.ActivityEvent;
import org.steward.engine.events.WebRequest;
import org.steward.engine.parse.JsonLineParser;
import org.steward.engine.parse.SquidLineParser;
import org.steward.engine.rules.Observation;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.SiteNames;

/**
 * What one log line tells: an event attributed to a person, with its site and categories; or a bad line, with its
 * reason; or a line that is nobody's use of a site (a proxy authentication challenge, a proxy error). The analyzer
 * reads its batches through one of these per worker thread, and the stream job each line through one per task, so
 * that one piece of code decides what a line is. Not thread-safe: its parsers and caches are its own.
 */
public final class LineObserver {

    /** Why {@link #observe} gave no observation. */
    public enum Rejected {
        /** Not a line of a log the engine reads: {@link #problem()} says why. */
        BAD,
        /** The proxy asked the browser to sign in (407); the browser retries. */
        CHALLENGE,
        /** A request Squid could not read. */
        PROXY_ERROR
    }

    /** A host's site, and its categories when they do not depend on the path (else null). */
    private record Host(String site, CategorySet categories) {
    }

    private final CategoryIndex categories;
    private final Leases leases;
    private final int maxLineBytes;
    private final SquidLineParser squid = new SquidLineParser();
    private final JsonLineParser json = new JsonLineParser();
    private final SiteNames sites = new SiteNames();
    private final Map<String, Host> hosts = new HashMap<>();
    private Rejected rejected;
    private String problemKind;
    private String problem;

    public LineObserver(CategoryIndex categories, Leases leases, int maxLineBytes) {
        this.categories = categories;
        this.leases = leases;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * One line, whatever its bytes: its observation, or null with {@link #rejected()} telling why. A line of Steward
     * JSON starts with '{' (after any blanks); any other is read as Squid's.
     */
    public Observation observe(byte[] bytes, int start, int end, long number) {
        return observe(bytes, start, end, number, false);
    }

    /**
     * The same for a line of which only the first bytes are given when {@code cut}, as a publisher sends a line over
     * the limit: a bad line, as the analyzer reads it.
     */
    public Observation observe(byte[] bytes, int start, int end, long number, boolean cut) {
        byte mark = cut || end - start > maxLineBytes ? LineReader.TOO_LONG
                : holdsNul(bytes, start, end) ? LineReader.HOLDS_NUL : LineReader.WHOLE;
        boolean isJson = isJson(bytes, start, end);
        Observation o = observe(bytes, start, Math.min(end, start + maxLineBytes), mark, isJson, number);
        return o == null || o.categories() != null ? o : resolve(o, isJson);
    }

    /**
     * A line as the analyzer's reader gives it, its mark telling whether it was read whole. A web request to a host
     * not met before comes without site and categories (both null), for {@link #resolve} to work them out apart from
     * the loop over a batch's lines (see the analyzer's worker).
     */
    Observation observe(byte[] bytes, int start, int end, byte mark, boolean isJson, long number) {
        rejected = Rejected.BAD;
        problemKind = null;
        if (mark != LineReader.WHOLE) {
            problem = mark == LineReader.HOLDS_NUL ? "the line holds a NUL byte"
                    : "the line is longer than " + maxLineBytes + " bytes";
            return null;
        }
        if (isBlank(bytes, start, end)) {
            problem = "empty line";
            return null;
        }
        ActivityEvent event = isJson ? json.parse(text(bytes, start, end), number)
                : squid.parse(bytes, start, end, number);
        if (event == null) {
            if (isJson) {
                problem = json.problem();
            } else {
                problemKind = squid.problemKind();
                problem = squid.problem();
            }
            return null;
        }
        if (event instanceof WebRequest web && web.outcome() != WebRequest.Outcome.ALLOWED
                && web.outcome() != WebRequest.Outcome.BLOCKED) {
            rejected = web.outcome() == WebRequest.Outcome.CHALLENGE ? Rejected.CHALLENGE : Rejected.PROXY_ERROR;
            return null;
        }
        rejected = null;
        String person = person(event);
        if (event instanceof WebRequest web) {
            Host host = isJson ? hosts.get(web.host()) : (Host) squid.hostValue();
            return host == null ? new Observation(event, person, null, null, false) : observation(web, person, host);
        }
        return new Observation(event, person, null, CategorySet.NONE, false);
    }

    /** A web request's observation with the site and categories of its host, worked out once per host. */
    Observation resolve(Observation o, boolean isJson) {
        WebRequest web = (WebRequest) o.event();
        Host host = host(web.host());
        if (!isJson) {
            squid.hostValue(web.host(), host);
        }
        return observation(web, o.person(), host);
    }

    /** Why the last line gave no observation; null when it gave one. */
    public Rejected rejected() {
        return rejected;
    }

    /** What is wrong with the last line, when it was {@link Rejected#BAD}. */
    public String problem() {
        return problem;
    }

    /** The kind of {@link #problem()} without the values it quotes, when the parser tells it; else null. */
    public String problemKind() {
        return problemKind;
    }

    private Observation observation(WebRequest web, String person, Host host) {
        CategorySet set = host.categories() != null ? host.categories()
                : categories.categorize(web.host(), web.url(), web.pathStart());
        return new Observation(web, person, host.site(), set, false);
    }

    private Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            if (hosts.size() >= 200_000) {
                hosts.clear();
            }
            host = new Host(sites.siteOf(name), categories.hasPathPrefixes(name) ? null
                    : categories.categorize(name, ""));
            hosts.put(name, host);
        }
        return host;
    }

    /** The account the log names, else whoever held the address's lease then, else the address. */
    private String person(ActivityEvent event) {
        String user = event.user();
        if (user != null && !user.isEmpty() && !user.equals("-")) {
            return user;
        }
        String holder = leases.holder(event.client(), event.time());
        return holder != null ? holder : event.client();
    }

    /** Whether a line is Steward JSON: its first character that is not a blank is '{'. */
    public static boolean isJson(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0b) {
                return b == '{';
            }
        }
        return false;
    }

    private static boolean holdsNul(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0b) {
                return false;
            }
        }
        return true;
    }

    static String text(byte[] bytes, int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
}
