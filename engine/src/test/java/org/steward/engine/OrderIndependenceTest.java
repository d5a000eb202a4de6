package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.Usage;
import org.steward.engine.usage.UsageRow;

/**
 * The usage a log produces does not depend on the order of its lines within the longest request it holds: Squid
 * writes a line when a request ends, and several workers or proxies interleave their lines. A log of 40 people and 25
 * sites over two days, with short requests, idle gaps and long tunnels, is shuffled within windows as long as its
 * longest request, and then as a whole, and gives the same rows each time.
 */
class OrderIndependenceTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TempDir Path dir;

    /** Lines in the order of their times (ends), each request's end and elapsed time kept alongside. */
    record Line(long end, long elapsed, String text) {
    }

    static List<Line> log(long seed) {
        Random random = new Random(seed);
        List<Line> lines = new ArrayList<>();
        long dayStart = 1_767_628_800_000L; // 2026-01-05T16:00:00Z, 08:00 in Los Angeles
        for (int person = 0; person < 40; person++) {
            for (int day = 0; day < 2; day++) {
                long t = dayStart + day * 86_400_000L + random.nextInt(3_600_000);
                long until = t + 9 * 3_600_000L;
                while (t < until) {
                    String site = "www.site" + random.nextInt(25) + ".com";
                    boolean tunnel = random.nextInt(4) == 0;
                    long elapsed = tunnel ? 1_000 + random.nextInt(40 * 60_000) : random.nextInt(4_000);
                    t += random.nextInt(tunnel ? 600_000 : 200_000);
                    long end = t + elapsed;
                    String text = tunnel
                            ? "%d.%03d %d 10.0.0.%d TCP_TUNNEL/200 %d CONNECT %s:443 p%d HIER_DIRECT/1.1.1.1 -"
                                    .formatted(end / 1000, end % 1000, elapsed, person, 1000 + elapsed, site, person)
                            : "%d.%03d %d 10.0.0.%d TCP_MISS/200 %d GET http://%s/%d p%d HIER_DIRECT/1.1.1.1 text/html"
                                    .formatted(end / 1000, end % 1000, elapsed, person, 500 + elapsed, site,
                                            random.nextInt(9), person);
                    lines.add(new Line(end, elapsed, text));
                    if (random.nextInt(10) == 0) {
                        t += 20 * 60_000; // a break: the next request starts a visit
                    }
                }
            }
        }
        lines.sort((a, b) -> Long.compare(a.end(), b.end()));
        return lines;
    }

    /** The lines shuffled within consecutive windows of {@code window} milliseconds of their ends. */
    static List<String> shuffledWithin(List<Line> lines, long window, Random random) {
        List<String> out = new ArrayList<>();
        List<String> group = new ArrayList<>();
        long groupStart = Long.MIN_VALUE;
        for (Line line : lines) {
            if (line.end() >= groupStart + window) {
                Collections.shuffle(group, random);
                out.addAll(group);
                group.clear();
                groupStart = line.end();
            }
            group.add(line.text());
        }
        Collections.shuffle(group, random);
        out.addAll(group);
        return out;
    }

    List<UsageRow> usage(List<String> lines, String name) throws IOException {
        Path file = Files.write(dir.resolve(name), lines);
        Path lists = dir.resolve("lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "site3.com\n");
        Ut1Lists.Loaded loaded = Ut1Lists.load(lists, null, List.of(), List.of());
        return new Analyzer(new Analyzer.Settings(loaded.index(), loaded::canonical, RulePack.defaults(),
                WorkCalendar.standard(LA), Leases.NONE, 2, Duration.ofMinutes(5).toMillis(), 5))
                .analyze(List.of(file)).usageRows();
    }

    @Test
    void usageIsTheSameWhateverTheOrderOfLinesWithinTheLongestRequest() throws IOException {
        List<Line> log = log(7);
        long longest = log.stream().mapToLong(Line::elapsed).max().orElseThrow();
        List<UsageRow> inOrder = usage(log.stream().map(Line::text).toList(), "in-order.log");
        assertThat(longest).as("the log holds tunnels of over half an hour").isGreaterThan(30 * 60_000);
        assertThat(inOrder).hasSizeGreaterThan(1_000);
        assertThat(inOrder.stream().mapToLong(UsageRow::visits).sum()).isGreaterThan(1_000);

        for (int seed = 1; seed <= 3; seed++) {
            List<String> shuffled = shuffledWithin(log, longest, new Random(seed));
            assertThat(shuffled).as("the shuffle moved lines").isNotEqualTo(log.stream().map(Line::text).toList());
            assertThat(usage(shuffled, "shuffled-" + seed + ".log")).as("shuffled with seed " + seed)
                    .containsExactlyElementsOf(inOrder);
        }
        List<String> wholly = new ArrayList<>(log.stream().map(Line::text).toList());
        Collections.shuffle(wholly, new Random(99));
        assertThat(usage(wholly, "wholly-shuffled.log")).as("a run keeps its visits open to its end: any order")
                .containsExactlyElementsOf(inOrder);
    }

    @Test
    void visitsAreTheUnionOfSpansWithinTheIdleTimeCheckedAgainstABruteForceCount() throws IOException {
        // one person, one site: requests placed at random, the visits counted the slow way from the sorted spans
        Random random = new Random(3);
        List<long[]> spans = new ArrayList<>();
        Usage usage = new Usage(LA, 300_000);
        long base = 1_767_628_800_000L;
        for (int i = 0; i < 60; i++) {
            long start = base + random.nextInt(8 * 3_600_000);
            long end = start + (random.nextInt(10) == 0 ? random.nextInt(1_800_000) : random.nextInt(5_000));
            spans.add(new long[] {start, end});
            usage.add("p", "s.example.com", start, end, 1, org.steward.engine.categories.CategorySet.NONE);
        }
        usage.finish();

        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        long visits = 0;
        long millis = 0;
        long visitStart = 0;
        long visitEnd = Long.MIN_VALUE;
        for (long[] span : spans) {
            if (visitEnd == Long.MIN_VALUE || span[0] > visitEnd + 300_000) {
                if (visitEnd != Long.MIN_VALUE) {
                    millis += visitEnd - visitStart;
                }
                visits++;
                visitStart = span[0];
                visitEnd = span[1];
            } else {
                visitEnd = Math.max(visitEnd, span[1]);
            }
        }
        millis += visitEnd - visitStart;

        assertThat(usage.rows()).singleElement()
                .extracting(UsageRow::visits, UsageRow::millisConnected, UsageRow::requests)
                .containsExactly(visits, millis, 60L);
        assertThat(visits).as("the random requests make several visits").isGreaterThan(10);
    }
}
