package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.UsageRow;

/**
 * Each way a log could put a wrong figure in front of an investigator, with the figures worked out by hand:
 * authentication challenges, lines logged out of order, hosts written oddly, URL lists, and the small things
 * (negative elapsed times, proxy errors, blocked attempts, bad lines by kind). Monday 5 January 2026, Los Angeles,
 * idle time 5 minutes.
 */
class ExactCountingTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir Path dir;
    final List<String> log = new ArrayList<>();
    Path lists;

    @BeforeEach
    void lists() throws IOException {
        lists = dir.resolve("lists");
        Files.createDirectories(lists.resolve("gambling"));
        Files.writeString(lists.resolve("gambling/domains"), "bet365.com\n");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "");
        Files.writeString(lists.resolve("games/urls"), "www.arcadegames.com/Play\nexample.org/games\n");
    }

    /** A line logged at the local time {@code end}, the request having lasted {@code elapsedMs}. */
    void line(String end, long elapsedMs, String result, String method, String url, String user) {
        long millis = LocalDateTime.parse(end).atZone(LA).toInstant().toEpochMilli();
        log.add("%d.%03d %6d 10.0.0.7 %s 1000 %s %s %s HIER_DIRECT/1.2.3.4 text/html"
                .formatted(millis / 1000, millis % 1000, elapsedMs, result, method, url, user));
    }

    void get(String end, long elapsedMs, String url) {
        line(end, elapsedMs, "TCP_MISS/200", "GET", url, "alice");
    }

    Analyzer.Result analyze() throws IOException {
        return analyze(log);
    }

    Analyzer.Result analyze(List<String> lines) throws IOException {
        Path file = Files.write(dir.resolve("access-" + lines.hashCode() + ".log"), lines);
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());
        return new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical, RulePack.defaults(),
                WorkCalendar.standard(LA), Leases.NONE, 2, Duration.ofMinutes(5).toMillis(), 5))
                .analyze(List.of(file));
    }

    static Map<String, UsageRow> bySite(Analyzer.Result result) {
        return result.usageRows().stream().collect(Collectors.toMap(r -> r.person() + " " + r.site(),
                Function.identity()));
    }

    @Test
    void anAuthenticationChallengeIsNotBrowsingByTheAddress() throws IOException {
        line("2026-01-05T10:00:00", 0, "TCP_DENIED/407", "GET", "http://www.bet365.com/", "-");
        line("2026-01-05T10:00:01", 200, "TCP_MISS/200", "GET", "http://www.bet365.com/", "alice");
        line("2026-01-05T10:05:00", 0, "TCP_DENIED/407", "CONNECT", "www.bet365.com:443", "-");

        Analyzer.Result result = analyze();

        assertThat(result.tally().challenges()).isEqualTo(2);
        assertThat(result.usageRows()).singleElement().satisfies(row -> {
            assertThat(row.person()).isEqualTo("alice");
            assertThat(row.requests()).isEqualTo(1);
            assertThat(row.bytes()).isEqualTo(1000);
        });
        assertThat(result.findings()).extracting(Finding::person).containsExactly("alice");
        assertThat(result.badLines().count()).isZero();
    }

    @Test
    void aTunnelLoggedAfterTheRequestsItCoversJoinsThemIntoOneVisit() throws IOException {
        get("2026-01-05T09:00:00", 1_000, "http://news.example.net/a");      // 08:59:59 to 09:00:00
        get("2026-01-05T09:06:40", 100, "http://news.example.net/b");        // 09:06:39.9: 399.9 s later, a visit apart
        line("2026-01-05T09:15:00", 1_100_000, "TCP_TUNNEL/200", "CONNECT", "news.example.net:443", "alice");
        // the tunnel: 08:56:40 to 09:15:00, logged when it ended; it covers both requests

        UsageRow row = bySite(analyze()).get("alice example.net");

        assertThat(row.visits()).isEqualTo(1);
        assertThat(row.millisConnected()).isEqualTo(1_100_000); // 08:56:40 to 09:15:00, counted once
        assertThat(row.requests()).isEqualTo(3);
        assertThat(row.elapsedMs()).isEqualTo(1_101_100);
    }

    @Test
    void aLateRequestBetweenTwoVisitsIsAVisitOfItsOwnAndOneTouchingBothJoinsThem() throws IOException {
        get("2026-01-05T09:00:00", 0, "http://news.example.net/a");
        get("2026-01-05T09:30:00", 0, "http://news.example.net/b");
        get("2026-01-05T09:15:00", 1_000, "http://news.example.net/c"); // 15 min from each: a third visit
        get("2026-01-05T11:00:00", 0, "http://other.example.com/");
        get("2026-01-05T11:20:00", 0, "http://other.example.com/");
        get("2026-01-05T11:16:00", 720_000, "http://other.example.com/"); // 11:04 to 11:16: within 5 min of both

        Map<String, UsageRow> rows = bySite(analyze());

        assertThat(rows.get("alice example.net").visits()).isEqualTo(3);
        assertThat(rows.get("alice example.net").millisConnected()).isEqualTo(1_000);
        assertThat(rows.get("alice example.com").visits()).isEqualTo(1);
        assertThat(rows.get("alice example.com").millisConnected()).isEqualTo(20 * 60_000); // 11:00 to 11:20
    }

    @Test
    void aRuleCountsTheVisitsAsTheyEndUpNotAsTheLogFirstShowedThem() throws IOException {
        Path pack = Files.writeString(dir.resolve("visits.yaml"), """
                rules:
                  - id: two-gambling-visits
                    title: Two visits to gambling sites in a day
                    severity: medium
                    kinds: [web]
                    categories: [gambling]
                    threshold: {measure: visits, at_least: 2, window: day}
                    clauses: {model: C.3}
                """);
        get("2026-01-05T09:00:00", 1_000, "http://www.bet365.com/a");   // two visits as the log first shows them
        get("2026-01-05T09:10:00", 1_000, "http://www.bet365.com/b");
        List<String> apart = List.copyOf(log);
        line("2026-01-05T09:15:00", 1_000_000, "TCP_TUNNEL/200", "CONNECT", "www.bet365.com:443", "alice");
        // 08:58:20 to 09:15:00, logged last: one visit

        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());
        Analyzer analyzer = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical, RulePack.read(pack),
                WorkCalendar.standard(LA), Leases.NONE, 1, Duration.ofMinutes(5).toMillis(), 5));
        Analyzer.Result twoVisits = analyzer.analyze(List.of(Files.write(dir.resolve("apart.log"), apart)));
        Analyzer.Result oneVisit = analyzer.analyze(List.of(Files.write(dir.resolve("joined.log"), log)));

        assertThat(twoVisits.findings()).singleElement().satisfies(f -> assertThat(f.measured()).isEqualTo(2));
        assertThat(bySite(oneVisit).get("alice bet365.com").visits()).isEqualTo(1);
        assertThat(oneVisit.findings()).as("one visit does not reach two").isEmpty();
        assertThat(oneVisit.windows()).singleElement().satisfies(w -> assertThat(w.measured()).isEqualTo(1));
    }

    @Test
    void aLateTunnelOverMidnightIsSplitBetweenTheDays() throws IOException {
        get("2026-01-05T23:50:00", 0, "http://late.example.net/");
        get("2026-01-06T00:10:00", 0, "http://late.example.net/");
        line("2026-01-06T00:12:00", 1_500_000, "TCP_TUNNEL/200", "CONNECT", "late.example.net:443", "alice");
        // 23:47:00 to 00:12:00, logged last

        List<UsageRow> rows = analyze().usageRows();

        assertThat(rows).extracting(r -> r.date().toString(), UsageRow::visits, UsageRow::millisConnected,
                UsageRow::requests).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-01-05", 1L, 13 * 60_000L, 1L),
                org.assertj.core.groups.Tuple.tuple("2026-01-06", 0L, 12 * 60_000L, 2L));
    }

    @Test
    void theSiteComesFromTheHostOnlyWrittenInAnyOfItsForms() throws IOException {
        get("2026-01-05T10:00:00", 100, "http://example.com?q=1");
        get("2026-01-05T10:00:01", 100, "http://example.com#top");
        get("2026-01-05T10:00:02", 100, "http://search.example.com/?u=http://www.bet365.com/");
        get("2026-01-05T10:00:03", 100, "http://user:secret@EXAMPLE.com.:8080/x");
        get("2026-01-06T10:00:00", 100, "http://www.BET365.com./");
        get("2026-01-06T10:00:01", 100, "http://%62et365.com/");
        line("2026-01-06T10:00:02", 100, "TCP_TUNNEL/200", "CONNECT", "[2001:DB8::1]:443", "alice");
        get("2026-01-06T10:00:03", 100, "/search?u=http://bet365.com/");

        Analyzer.Result result = analyze();

        Map<String, UsageRow> rows = result.usageRows().stream()
                .collect(Collectors.toMap(r -> r.date() + " " + r.site(), Function.identity()));
        assertThat(rows.keySet()).containsExactlyInAnyOrder("2026-01-05 example.com", "2026-01-06 bet365.com",
                "2026-01-06 2001:db8::1");
        assertThat(rows.get("2026-01-05 example.com").requests()).isEqualTo(4);
        assertThat(rows.get("2026-01-05 example.com").categories()).isEmpty();
        assertThat(rows.get("2026-01-06 bet365.com").requests()).isEqualTo(2);
        assertThat(rows.get("2026-01-06 bet365.com").categories()).isEqualTo("gambling");
        assertThat(result.badLines().samples()).singleElement().satisfies(bad -> {
            assertThat(bad.line()).isEqualTo(8);
            assertThat(bad.reason()).isEqualTo("URL '/search?u=http://bet365.com/' has no host");
        });
    }

    @Test
    void urlListsMatchAsSquidGuardMatchesThem() throws IOException {
        get("2026-01-05T10:00:00", 0, "http://WWW.ARCADEGAMES.com/play/pacman"); // listed with www, any case
        get("2026-01-05T10:00:01", 0, "http://www3.example.org/Games/1");       // www3 dropped, path in any case
        get("2026-01-05T10:00:02", 0, "http://ftp.example.org/gamesroom?x");    // a prefix, as squidGuard's
        get("2026-01-05T10:00:03", 0, "http://arcadegames.com/play");           // the entry names www.: not this
        get("2026-01-05T10:00:04", 0, "http://sub.example.org/games");          // another host
        get("2026-01-05T10:00:05", 0, "http://example.org/toys?games");         // the query is not the path

        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());
        List<Boolean> listed = log.stream().map(l -> l.split(" +")[6]).map(url -> {
            int scheme = url.indexOf("://") + 3;
            int slash = url.indexOf('/', scheme);
            String host = url.substring(scheme, slash).toLowerCase();
            return !loaded.index().categorize(host, url, slash).isEmpty();
        }).toList();

        assertThat(listed).containsExactly(true, true, true, false, false, false);
        Map<String, UsageRow> rows = bySite(analyze());
        assertThat(rows.get("alice arcadegames.com").categories()).isEqualTo("games");
        assertThat(rows.get("alice arcadegames.com").requests()).isEqualTo(2);
    }

    @Test
    void negativeElapsedProxyErrorsAndBlockedAttemptsAreCountedWhereTheyBelong() throws IOException {
        get("2026-01-05T10:00:00", -5, "http://news.example.net/");
        line("2026-01-05T10:00:01", 0, "NONE_NONE/400", "NONE", "error:invalid-request", "-");
        line("2026-01-05T10:00:02", 0, "NONE/400", "GET", "http://news.example.net/%%", "-");
        line("2026-01-05T10:00:03", 0, "NONE_NONE/000", "-", "error:transaction-end-before-headers", "-");
        line("2026-01-05T10:01:00", 0, "TCP_DENIED/403", "GET", "http://www.bet365.com/", "alice");
        line("2026-01-05T10:02:00", 0, "TCP_DENIED/403", "CONNECT", "bet365.com:443", "alice");

        Analyzer.Result result = analyze();

        assertThat(result.badLines().count()).isZero();
        assertThat(result.tally().proxyErrors()).isEqualTo(3);
        assertThat(result.tally().blocked()).isEqualTo(2);
        Map<String, UsageRow> rows = bySite(result);
        assertThat(rows).containsOnlyKeys("alice example.net", "alice bet365.com");
        assertThat(rows.get("alice example.net").requests()).isEqualTo(1);
        assertThat(rows.get("alice example.net").elapsedMs()).isZero();
        UsageRow blocked = rows.get("alice bet365.com");
        assertThat(blocked.blocked()).isEqualTo(2);
        assertThat(blocked.requests()).isZero();
        assertThat(blocked.visits()).isZero();
        assertThat(blocked.millisConnected()).isZero();
        assertThat(blocked.categories()).isEqualTo("gambling");
        // the gambling rule counts visits, which an attempt is not
        assertThat(result.findings()).extracting(Finding::rule).doesNotContain("gambling");
    }

    @Test
    void aRuleCanCountBlockedAttempts() throws IOException {
        line("2026-01-05T10:01:00", 0, "TCP_DENIED/403", "GET", "http://www.bet365.com/", "alice");
        line("2026-01-05T10:02:00", 0, "TCP_DENIED/403", "GET", "http://www.bet365.com/x", "alice");
        get("2026-01-05T10:03:00", 10, "http://www.bet365.com/y");
        Path pack = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - id: blocked-gambling
                    title: Attempts at gambling sites the filter blocked
                    severity: medium
                    kinds: [web]
                    categories: [gambling]
                    condition: "blocked"
                    threshold: {measure: count, at_least: 2, window: day}
                    clauses: {model: C.3}
                """);
        Path file = Files.write(dir.resolve("blocked.log"), log);
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());

        Analyzer.Result result = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical,
                RulePack.read(pack), WorkCalendar.standard(LA), Leases.NONE, 1, Duration.ofMinutes(5).toMillis(), 5))
                .analyze(List.of(file));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("blocked-gambling");
            assertThat(f.count()).isEqualTo(2);
        });
    }

    @Test
    void anyBytesAreABadLineWithItsReasonAndTheRunGoesOn() throws IOException {
        get("2026-01-05T10:00:00", 100, "http://news.example.net/");
        log.add("1767636000.000 5 10.0.0.7 TCP_MISS/200 100 GET http://a.example/ al\u0000ice H/- -");
        log.add("\u0000\u0001\u00ff binary \u0000");
        log.add("1767636000.000 5 10.0.0.7 TCP_MISS/200 100 GET http://a.example/" + "x".repeat(70_000)
                + " alice H/- -");
        get("2026-01-05T10:00:01", 100, "http://news.example.net/");

        Analyzer.Result result = analyze();

        assertThat(result.badLines().byReason()).containsOnly(Map.entry("the line holds a NUL byte", 2L),
                Map.entry("the line is longer than 65536 bytes", 1L));
        assertThat(result.badLines().samples()).extracting(s -> s.line()).containsExactly(2L, 3L, 4L);
        assertThat(result.badLines().samples().get(0).text()).doesNotContain("\u0000").contains("al\u2400ice");
        assertThat(result.usageRows()).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(2));
    }

    @Test
    void aLogThatExpandsPastTheLimitStopsTheRunSayingSo() throws IOException {
        Path bomb = dir.resolve("small.log.gz");
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] line = ("1767636000.000 5 10.0.0.7 TCP_MISS/200 100 GET http://a.example/ alice H/- -\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < 100_000; i++) {
                out.write(line);
            }
        }
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());
        Analyzer analyzer = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical,
                RulePack.defaults(), WorkCalendar.standard(LA), Leases.NONE, 2, Duration.ofMinutes(5).toMillis(), 5,
                new Analyzer.Limits(64 * 1024, 1_000_000)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyzer.analyze(List.of(bomb)))
                .isInstanceOf(Analyzer.TooLarge.class)
                .hasMessage("small.log.gz is larger than 1000000 bytes once gunzipped, which is more than this"
                        + " server takes in one log");
        assertThat(Files.size(bomb)).as("a small file").isLessThan(100_000);
    }

    @Test
    void aJsonLineWithANulCharacterInAFieldIsABadLine() throws IOException {
        Path file = Files.write(dir.resolve("events.jsonl"), List.of(
                "{\"kind\":\"web\",\"time\":\"2026-01-05T18:00:00Z\",\"user\":\"a\\u0000b\",\"url\":\"http://a.example/\"}",
                "{\"kind\":\"web\",\"time\":\"2026-01-05T18:00:00Z\",\"user\":\"ab\",\"url\":\"http://a.example/\"}"));
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());

        Analyzer.Result result = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical,
                RulePack.defaults(), WorkCalendar.standard(LA), Leases.NONE, 1, Duration.ofMinutes(5).toMillis(), 5))
                .analyze(List.of(file));

        assertThat(result.badLines().byReason()).containsOnly(Map.entry("user holds a NUL character", 1L));
        assertThat(result.usageRows()).extracting(UsageRow::person).containsExactly("ab");
    }

    @Test
    void linesAnEarlierRunCountedAreSkippedAndTold() throws IOException {
        get("2026-01-05T10:00:00", 100, "http://news.example.net/a");
        get("2026-01-05T10:00:01", 100, "http://news.example.net/b");
        get("2026-01-05T10:00:02", 100, "http://news.example.net/c");
        Path earlier = Files.write(dir.resolve("earlier.log"), log.subList(0, 2));
        long[] counted = Analyzer.lineDigests(earlier, Analyzer.Limits.DEFAULT).digests();
        Path file = Files.write(dir.resolve("later.log"), log);
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());

        Analyzer.Result result = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical,
                RulePack.defaults(), WorkCalendar.standard(LA), Leases.NONE, 2, Duration.ofMinutes(5).toMillis(), 5)
                .countingOnly(d -> java.util.Arrays.binarySearch(counted, d) >= 0)).analyze(List.of(file));

        assertThat(counted).hasSize(2);
        assertThat(result.lines()).isEqualTo(3);
        assertThat(result.tally().countedBefore()).isEqualTo(2);
        assertThat(result.usageRows()).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(1));
    }

    @Test
    void badLinesAreCountedByKindAFewLinesLongWhateverTheirNumber() throws IOException {
        for (int i = 0; i < 5_000; i++) {
            log.add("17674%05d.000 %d 10.0.0.7 TCP_MISS/200 x%d GET http://a.example/ alice H/- -".formatted(i, i, i));
            log.add("time%d 5 10.0.0.7 TCP_MISS/200 100 GET http://a.example/ alice H/- -".formatted(i));
        }

        Analyzer.Result result = analyze();

        assertThat(result.badLines().count()).isEqualTo(10_000);
        assertThat(result.badLines().byReason()).containsOnly(
                Map.entry("size is not a number of bytes", 5_000L),
                Map.entry("time is not seconds.milliseconds", 5_000L));
        assertThat(result.badLines().samples()).hasSize(20).first()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("size 'x0' is not a number of bytes"));
    }
}
