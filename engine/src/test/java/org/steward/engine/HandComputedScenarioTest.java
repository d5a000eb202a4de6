package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.Usage;
import org.steward.engine.usage.UsageRow;

/**
 * A small log whose visits and seconds are worked out by hand: overlapping requests, idle gaps, a visit over
 * midnight, the edge of duty time and addresses with and without a lease. Monday 5 January 2026, Los Angeles.
 */
class HandComputedScenarioTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir Path dir;
    final List<String> log = new ArrayList<>();

    /** A request that ends at the local time given and lasted {@code elapsedMs}. */
    void request(String end, long elapsedMs, String client, String user, String url) {
        long millis = LocalDateTime.parse(end).atZone(LA).toInstant().toEpochMilli();
        log.add("%d.%03d %6d %s TCP_MISS/200 1000 GET %s %s HIER_DIRECT/1.2.3.4 text/html"
                .formatted(millis / 1000, millis % 1000, elapsedMs, client, url, user));
    }

    @Test
    void visitsAndTimeConnectedMatchTheHandCount() throws Exception {
        // alice: two overlapping requests, a third within the idle time, a fourth after a 418 s gap
        request("2026-01-05T08:00:10", 10_000, "10.0.0.1", "alice", "http://news.example.org/a");
        request("2026-01-05T08:00:12", 5_000, "10.0.0.1", "alice", "http://www.news.example.org/b");
        request("2026-01-05T08:03:00", 1_000, "10.0.0.1", "alice", "http://news.example.org/c");
        request("2026-01-05T08:10:00", 2_000, "10.0.0.1", "alice", "http://news.example.org/d");
        // carol: games one minute before duty on Monday, and on the minute duty starts on Tuesday
        request("2026-01-05T07:29:30", 1_000, "10.0.0.3", "carol", "http://games.example/play");
        // an address nobody held, and one leased to dave
        request("2026-01-05T09:00:00", 3_000, "10.9.9.9", "-", "http://news.example.org/e");
        request("2026-01-05T09:00:00", 4_000, "10.9.9.8", "-", "http://news.example.org/f");
        // bob: a visit from 23:57 to 00:02, over midnight
        request("2026-01-05T23:58:00", 60_000, "10.0.0.2", "bob", "http://late.example.net/x");
        request("2026-01-06T00:02:00", 120_000, "10.0.0.2", "bob", "http://late.example.net/y");
        request("2026-01-06T07:30:00", 1_000, "10.0.0.3", "carol", "http://games.example/play");
        Path logFile = Files.write(dir.resolve("access.log"), log);
        Path lists = dir.resolve("lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        Leases leases = new Leases(List.of(new Leases.Lease("10.9.9.8", "dave",
                LocalDateTime.parse("2026-01-05T07:00:00").atZone(LA).toInstant().toEpochMilli(), Long.MAX_VALUE)));
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());

        Analyzer.Result result = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical,
                RulePack.defaults(), WorkCalendar.standard(LA), leases, 2, Duration.ofMinutes(5).toMillis(), 5))
                .analyze(List.of(logFile));

        Map<String, UsageRow> rows = result.usage().rows().stream()
                .collect(Collectors.toMap(r -> r.date() + " " + r.person() + " " + r.site(), Function.identity()));
        UsageRow alice = rows.get("2026-01-05 alice example.org");
        assertThat(alice.visits()).isEqualTo(2);
        assertThat(alice.millisConnected()).isEqualTo(182_000); // 08:00:00-08:03:00, then 08:09:58-08:10:00
        assertThat(alice.requests()).isEqualTo(4);
        assertThat(alice.elapsedMs()).isEqualTo(18_000);
        assertThat(alice.bytes()).isEqualTo(4_000);

        UsageRow bobMonday = rows.get("2026-01-05 bob example.net");
        UsageRow bobTuesday = rows.get("2026-01-06 bob example.net");
        assertThat(bobMonday.visits()).isEqualTo(1);
        assertThat(bobMonday.secondsConnected()).isEqualTo(180); // 23:57-24:00
        assertThat(bobTuesday.visits()).isZero();
        assertThat(bobTuesday.secondsConnected()).isEqualTo(120); // 00:00-00:02
        assertThat(bobMonday.requests() + bobTuesday.requests()).isEqualTo(2);

        assertThat(rows).containsKey("2026-01-05 10.9.9.9 example.org");
        assertThat(rows.get("2026-01-05 dave example.org").secondsConnected()).isEqualTo(4);
        assertThat(rows.get("2026-01-05 carol games.example").categories()).isEqualTo("games");

        List<Finding> games = result.findings().stream().filter(f -> f.rule().equals("games-during-duty")).toList();
        assertThat(games).singleElement().satisfies(f -> {
            assertThat(f.person()).isEqualTo("carol");
            assertThat(f.windowStart()).isEqualTo(LocalDate.parse("2026-01-06").atStartOfDay(LA).toInstant()
                    .toEpochMilli());
            assertThat(f.clauses()).containsEntry("clovis", "C.27").containsEntry("stanislaus", "18.b");
            assertThat(f.evidence()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(10);
                assertThat(e.text()).isEqualTo(log.get(9));
            });
        });
        Map<String, long[]> hours = result.usage().hours().stream()
                .collect(Collectors.toMap(h -> h.date() + " " + h.person(), Usage.HourRow::requests));
        assertThat(hours.get("2026-01-05 alice")[8]).isEqualTo(4);
        assertThat(java.util.Arrays.stream(hours.get("2026-01-05 alice")).sum()).isEqualTo(4);
        assertThat(hours.get("2026-01-05 bob")[23]).isEqualTo(1);
        assertThat(hours.get("2026-01-06 bob")[0]).isEqualTo(1); // by the hour a request ended
        assertThat(hours.get("2026-01-05 carol")[7]).isEqualTo(1);
        assertThat(result.lines()).isEqualTo(10);
        assertThat(result.badLines().count()).isZero();
    }

    /**
     * The same requests analyzed in two parts of a stream, cut in the middle of a visit, count what one part does:
     * the visit once, its time connected once, and a rule's window summed over both parts.
     */
    @Test
    void aStreamCutInTwoPartsCountsAsOnePart() throws Exception {
        // alice: a visit from 08:00:00 to 08:04:00 with the cut after 08:02; then a new one at 08:20
        request("2026-01-05T08:01:00", 60_000, "10.0.0.1", "alice", "http://news.example.org/a");
        request("2026-01-05T08:02:00", 1_000, "10.0.0.1", "alice", "http://news.example.org/b");
        int cut = log.size();
        request("2026-01-05T08:04:00", 1_000, "10.0.0.1", "alice", "http://news.example.org/c");
        request("2026-01-05T08:20:00", 2_000, "10.0.0.1", "alice", "http://news.example.org/d");
        // carol: a games visit in each part; the rule below wants two in a day
        request("2026-01-05T09:00:00", 1_000, "10.0.0.3", "carol", "http://games.example/1");
        request("2026-01-05T10:00:00", 1_000, "10.0.0.3", "carol", "http://games.example/2");
        Path lists = dir.resolve("lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());
        RulePack pack = RulePack.parse("""
                rules:
                  - id: games
                    title: Games
                    categories: [games]
                    threshold: {measure: visits, at_least: 2, window: day}
                    clauses: {model: C.4}
                """, "test.yaml");
        Analyzer analyzer = new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical, pack,
                WorkCalendar.standard(LA), new Leases(List.of()), 1, Duration.ofMinutes(5).toMillis(), 5));
        List<String> first = new ArrayList<>(log.subList(0, cut));
        first.add(log.get(4));
        List<String> second = new ArrayList<>(log.subList(cut, 4));
        second.add(log.get(5));

        Analyzer.Result one = analyzer.analyze(List.of(Files.write(dir.resolve("part-1.log"), first)));
        Analyzer.Result two = analyzer.analyze(List.of(Files.write(dir.resolve("part-2.log"), second)),
                Analyzer.Progress.NONE, one.usage().visitEnds());

        UsageRow a1 = row(one, "alice", "example.org");
        UsageRow a2 = row(two, "alice", "example.org");
        assertThat(a1.visits() + a2.visits()).isEqualTo(2);
        // 08:00:00-08:04:00 and 08:19:58-08:20:00
        assertThat(a1.millisConnected() + a2.millisConnected()).isEqualTo(242_000);
        assertThat(row(two, "carol", "games.example").visits()).isEqualTo(1);
        // neither part alone reaches two visits; their windows add up to it
        assertThat(one.findings()).isEmpty();
        assertThat(two.findings()).isEmpty();
        assertThat(one.windows()).singleElement().satisfies(w -> assertThat(w.measured()).isEqualTo(1));
        RuleEngine.WindowSum w2 = two.windows().get(0);
        assertThat(w2.windowStart()).isEqualTo(one.windows().get(0).windowStart());
        assertThat(w2.measured()).isEqualTo(1);
        assertThat(RuleEngine.reaches(pack.rules().get(0), one.windows().get(0).measured() + w2.measured()))
                .isTrue();
    }

    static UsageRow row(Analyzer.Result result, String person, String site) {
        return result.usage().rows().stream().filter(r -> r.person().equals(person) && r.site().equals(site))
                .findFirst().orElseThrow();
    }
}
