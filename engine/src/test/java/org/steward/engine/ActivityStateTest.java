package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Observation;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.UsageRow;

/**
 * A stream job keeps each person's {@link ActivityState}, counts each line as it comes and takes out what is final
 * as its watermark passes. Counted so, a log gives the usage rows and findings the analyzer gives for the whole of
 * it: with its lines in their order, with one person's lines coming from two partitions interleaved, and with the
 * states written to a checkpoint and read back halfway.
 */
class ActivityStateTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final long IDLE = Duration.ofMinutes(5).toMillis();

    /** Rules of each measure and window, over categories the test's lists give. */
    static final String RULES = """
            rules:
              - id: games-visits
                title: Games
                severity: low
                kinds: [web]
                categories: [games]
                threshold: {measure: visits, at_least: 2, window: hour}
                clauses: {model: C.4}
              - id: gambling-lines
                title: Gambling
                severity: medium
                kinds: [web]
                categories: [gambling]
                threshold: {measure: count, at_least: 1, window: day}
                clauses: {model: C.3}
              - id: casino-host
                title: The casino's own host
                severity: medium
                kinds: [web]
                categories: [gambling]
                condition: host.startsWith('play.')
                threshold: {measure: count, at_least: 3, window: day}
                clauses: {model: C.3}
              - id: heavy-week
                title: Heavy use in a week
                severity: low
                kinds: [web]
                threshold: {measure: bytes, at_least: 400000, window: week}
                clauses: {model: C.4}
              - id: social-time
                title: Time on social sites
                severity: low
                kinds: [web]
                categories: [social_networks]
                threshold: {measure: seconds, at_least: 600, window: hour}
                clauses: {model: C.4}
            """;

    @TempDir Path dir;
    Ut1Lists.Loaded lists;
    RulePack pack;

    /** A line of the log with what the test knows of it: its request's start, end and person. */
    record Line(long start, long end, int person, String text) {
    }

    @BeforeEach
    void lists() throws IOException {
        Path folder = dir.resolve("lists");
        Files.createDirectories(folder.resolve("games"));
        Files.createDirectories(folder.resolve("gambling"));
        Files.createDirectories(folder.resolve("social_networks"));
        Files.writeString(folder.resolve("games/domains"), "site3.com\nsite4.com\n");
        Files.writeString(folder.resolve("gambling/domains"), "casino.com\n");
        Files.writeString(folder.resolve("social_networks/domains"), "site5.com\nsite3.com\n");
        lists = Ut1Lists.load(folder, null, List.of(), List.of());
        pack = RulePack.parse(RULES, "test-rules.yaml");
    }

    /**
     * Twelve people over three days, around the clock for some (visits over midnight), with short requests and
     * tunnels of up to 40 minutes, pairs of requests starting at the same millisecond, blocked attempts, proxy
     * challenges and a bad line; in the order of their ends, as Squid writes them.
     */
    static List<Line> log(long seed) {
        Random random = new Random(seed);
        List<Line> lines = new ArrayList<>();
        long morning = 1_767_628_800_000L; // 2026-01-05T16:00:00Z, 08:00 in Los Angeles
        for (int person = 0; person < 12; person++) {
            for (int day = 0; day < 3; day++) {
                long t = morning + day * 86_400_000L + random.nextInt(3_600_000) + (person % 3 == 0 ? 8 * 3_600_000 : 0);
                long until = t + 9 * 3_600_000L;
                while (t < until) {
                    int siteNumber = random.nextInt(8);
                    String host = siteNumber == 7 ? (random.nextBoolean() ? "play.casino.com" : "www.casino.com")
                            : "www.site" + siteNumber + ".com";
                    boolean tunnel = random.nextInt(4) == 0;
                    long elapsed = tunnel ? 1_000 + random.nextInt(40 * 60_000) : random.nextInt(4_000);
                    t += random.nextInt(tunnel ? 600_000 : 200_000);
                    lines.add(line(t, elapsed, person, host, tunnel, random.nextInt(25) == 0 ? "TCP_DENIED/403"
                            : random.nextInt(40) == 0 ? "TCP_DENIED/407" : tunnel ? "TCP_TUNNEL/200" : "TCP_MISS/200",
                            random.nextInt(9)));
                    if (random.nextInt(12) == 0) { // another request starting at the same millisecond
                        lines.add(line(t, random.nextInt(4_000), person, "www.site" + random.nextInt(8) + ".com",
                                false, "TCP_MISS/200", 9));
                    }
                    if (random.nextInt(10) == 0) {
                        t += 20 * 60_000; // a break: the next request starts a visit
                    }
                }
            }
        }
        lines.add(new Line(morning, morning, 0, "not a squid line"));
        lines.sort(Comparator.comparingLong(Line::end));
        return lines;
    }

    static Line line(long start, long elapsed, int person, String host, boolean tunnel, String result, int path) {
        long end = start + elapsed;
        String user = result.endsWith("407") ? "-" : "p" + person;
        String text = tunnel
                ? "%d.%03d %d 10.0.0.%d %s %d CONNECT %s:443 %s HIER_DIRECT/1.1.1.1 -"
                        .formatted(end / 1000, end % 1000, elapsed, person, result, 90_000 + elapsed, host, user)
                : "%d.%03d %d 10.0.0.%d %s %d GET http://%s/%d %s HIER_DIRECT/1.1.1.1 text/html"
                        .formatted(end / 1000, end % 1000, elapsed, person, result, 500 + elapsed, host, path, user);
        return new Line(start, end, person, text);
    }

    /** The analyzer's answer for the whole log: the reference. */
    Analyzer.Result analyzed(List<Line> log) throws IOException {
        Path file = Files.write(dir.resolve("access.log"), log.stream().map(Line::text).toList());
        return new Analyzer(settings()).analyze(List.of(file));
    }

    Analyzer.Settings settings() {
        return new Analyzer.Settings(lists.index(), lists::canonical, pack, WorkCalendar.standard(LA), Leases.NONE, 1,
                IDLE, 5);
    }

    /** What a stream job counting the log would write: its final rows and findings, and how they came out. */
    static final class Streamed {
        final List<UsageRow> rows = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<Finding> toldEarly = new ArrayList<>();
        int advancesThatTookSomething;
        int withdrawn;

        void take(ActivityState.Final taken) {
            rows.addAll(taken.rows());
            for (RuleEngine.Ended e : taken.ended()) {
                if (e.reached()) {
                    findings.add(e.finding());
                } else {
                    withdrawn++;
                }
            }
            if (!taken.isEmpty()) {
                advancesThatTookSomething++;
            }
        }

        List<UsageRow> sortedRows() {
            return rows.stream().sorted(Comparator.comparing(UsageRow::date).thenComparing(UsageRow::person)
                    .thenComparing(UsageRow::site)).toList();
        }

        List<Finding> sortedFindings() {
            return findings.stream().sorted(Comparator.comparingLong(Finding::windowStart)
                    .thenComparing(Finding::rule).thenComparing(Finding::person)).toList();
        }
    }

    /**
     * Counts the lines as a stream job does, in the order given: each line's number is its place in the log, each
     * partition's watermark trails its latest start by the longest request, the stream's is the lowest of them, and
     * every 50 lines what is final is taken out; {@code checkpointAt} lines in, every state is written and read back.
     */
    Streamed stream(List<Line> log, List<Integer> order, int[] partitionOf, long longest, int checkpointAt)
            throws IOException {
        ActivityState.Setup setup = new ActivityState.Setup(new RuleEngine(pack, lists.index(), lists::canonical,
                WorkCalendar.standard(LA), 5), LA, IDLE, lists.index());
        LineObserver observer = new LineObserver(lists.index(), Leases.NONE, 64 * 1024);
        Map<String, ActivityState> states = new HashMap<>();
        Streamed out = new Streamed();
        long[] latestStart = new long[2];
        Arrays.fill(latestStart, Long.MIN_VALUE + longest);
        int n = 0;
        for (int at : order) {
            byte[] bytes = log.get(at).text().getBytes(StandardCharsets.UTF_8);
            Observation o = observer.observe(bytes, 0, bytes.length, at + 1);
            if (o != null) {
                states.computeIfAbsent(o.person(), p -> ActivityState.empty(setup)).add(o, "access.log", at);
            }
            int partition = partitionOf == null ? 0 : partitionOf[at];
            latestStart[partition] = Math.max(latestStart[partition], log.get(at).start());
            for (ActivityState state : states.values()) {
                out.toldEarly.addAll(state.reached());
            }
            if (++n % 50 == 0) {
                long watermark = (partitionOf == null ? latestStart[0] : Math.min(latestStart[0], latestStart[1]))
                        - longest;
                for (ActivityState state : states.values()) {
                    out.take(state.advance(watermark));
                }
                states.values().removeIf(ActivityState::isEmpty);
            }
            if (n == checkpointAt) {
                states.replaceAll((person, state) -> roundTrip(state, setup));
            }
        }
        for (ActivityState state : states.values()) {
            out.take(state.advance(Long.MAX_VALUE));
            assertThat(state.isEmpty()).as("nothing kept once the input has ended").isTrue();
        }
        return out;
    }

    static ActivityState roundTrip(ActivityState state, ActivityState.Setup setup) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            state.write(new DataOutputStream(bytes));
            return ActivityState.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), setup);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static long longest(List<Line> log) {
        return log.stream().mapToLong(l -> l.end() - l.start()).max().orElseThrow();
    }

    static List<Integer> inOrder(List<Line> log) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            order.add(i);
        }
        return order;
    }

    /**
     * The log cut in two partitions (by the request's address, as two proxies would take them), each read in order,
     * the two interleaved at random: one person's lines come out of their order across partitions, within the longest
     * request.
     */
    static List<Integer> twoPartitions(List<Line> log, int[] partitionOf, Random random) {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            partitionOf[i] = random.nextBoolean() ? 0 : 1;
            (partitionOf[i] == 0 ? first : second).add(i);
        }
        List<Integer> order = new ArrayList<>();
        int a = 0;
        int b = 0;
        while (a < first.size() || b < second.size()) {
            boolean fromFirst = b == second.size() || a < first.size() && (random.nextInt(3) > 0
                    ? log.get(first.get(a)).end() <= log.get(second.get(b)).end() : random.nextBoolean());
            order.add(fromFirst ? first.get(a++) : second.get(b++));
        }
        return order;
    }

    @Test
    void countedAsItComesALogGivesWhatTheAnalyzerGivesForTheWholeOfIt() throws IOException {
        List<Line> log = log(11);
        Analyzer.Result whole = analyzed(log);
        assertThat(whole.findings()).extracting(Finding::rule).contains("games-visits", "gambling-lines",
                "casino-host", "heavy-week", "social-time");
        assertThat(whole.usageRows()).hasSizeGreaterThan(200);
        assertThat(whole.usageRows()).anyMatch(r -> r.blocked() > 0);

        Streamed streamed = stream(log, inOrder(log), null, longest(log), -1);

        assertThat(streamed.sortedRows()).containsExactlyElementsOf(whole.usageRows());
        assertThat(streamed.sortedFindings()).containsExactlyElementsOf(whole.findings());
        assertThat(streamed.advancesThatTookSomething).as("rows and findings came out as the log went, not only at"
                + " its end").isGreaterThan(20);
        List<String> told = streamed.toldEarly.stream().map(ActivityStateTest::key).toList();
        List<String> found = whole.findings().stream().map(ActivityStateTest::key).toList();
        assertThat(told).as("each finding was told as its window reached the threshold, once").doesNotHaveDuplicates()
                .containsAll(found);
        assertThat(told.size() - found.size()).as("told, then taken back at the window's end").isEqualTo(
                streamed.withdrawn);
    }

    static String key(Finding f) {
        return f.rule() + " " + f.person() + " " + f.windowStart();
    }

    @Test
    void onePersonsLinesFromTwoPartitionsInterleavedGiveTheSameRowsAndFindings() throws IOException {
        List<Line> log = log(23);
        Analyzer.Result whole = analyzed(log);
        for (int seed = 1; seed <= 3; seed++) {
            int[] partitionOf = new int[log.size()];
            List<Integer> order = twoPartitions(log, partitionOf, new Random(seed));
            assertThat(order).isNotEqualTo(inOrder(log));
            Streamed streamed = stream(log, order, partitionOf, longest(log), -1);
            assertThat(streamed.sortedRows()).as("seed " + seed).containsExactlyElementsOf(whole.usageRows());
            assertThat(streamed.sortedFindings()).as("seed " + seed).containsExactlyElementsOf(whole.findings());
        }
    }

    @Test
    void statesWrittenToACheckpointAndReadBackCountOnAsIfNothingHappened() throws IOException {
        List<Line> log = log(5);
        Analyzer.Result whole = analyzed(log);
        for (int at : new int[] {400, log.size() / 2, log.size() - 30}) {
            Streamed streamed = stream(log, inOrder(log), null, longest(log), at);
            assertThat(streamed.sortedRows()).as("checkpoint at line " + at)
                    .containsExactlyElementsOf(whole.usageRows());
            assertThat(streamed.sortedFindings()).as("checkpoint at line " + at)
                    .containsExactlyElementsOf(whole.findings());
        }
    }

    @Test
    void rowsAndFindingsTravelAsJsonAndAreWrittenBackByteForByte() throws IOException {
        Analyzer.Result whole = analyzed(log(11));
        Path direct = dir.resolve("direct");
        Path travelled = dir.resolve("travelled");
        Files.createDirectories(direct);
        Files.createDirectories(travelled);
        Output.usage(whole.usageRows(), direct.resolve("usage.csv"));
        Output.findings(whole.findings(), direct.resolve("findings.jsonl"));

        List<UsageRow> rows = whole.usageRows().stream().map(JsonRecords::usage).map(JsonRecords::usage).toList();
        List<Finding> findings = whole.findings().stream().map(JsonRecords::finding).map(JsonRecords::finding)
                .toList();
        Output.usage(rows, travelled.resolve("usage.csv"));
        Output.findings(findings, travelled.resolve("findings.jsonl"));

        assertThat(rows).containsExactlyElementsOf(whole.usageRows());
        assertThat(travelled.resolve("usage.csv")).hasSameBinaryContentAs(direct.resolve("usage.csv"));
        assertThat(travelled.resolve("findings.jsonl")).hasSameBinaryContentAs(direct.resolve("findings.jsonl"));
        assertThat(JsonRecords.finding(whole.findings().get(0))).startsWith("{\"rule\":").endsWith("}");
    }
}
