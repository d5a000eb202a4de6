package org.steward.engine.bench;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.steward.engine.categories.CategorySet;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.events.WebRequest;
import org.steward.engine.parse.SquidLineParser;
import org.steward.engine.rules.Condition;
import org.steward.engine.rules.Observation;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.SiteNames;
import org.steward.engine.usage.Usage;

/**
 * JMH benchmarks of the engine's parts, each over the same 8,192 synthetic Squid lines (a third of them to hosts on
 * the real UT1 lists, the rest to random benign hosts), reported as nanoseconds per line. Benchmarks, not tests:
 * run with engine/bench/jmh.sh; the figures go to docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineParts {

    static final int LINES = 8192;
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    String[] lines;
    byte[][] lineBytes;
    WebRequest[] requests;
    String[] sites;
    CategorySet[] categories;
    Ut1Lists.Loaded lists;
    SquidLineParser parser;
    SiteNames siteNames;
    Condition condition;
    RulePack pack;
    int next;

    @Setup
    public void setUp() {
        Path ut1 = Path.of(System.getProperty("ut1", "../shared/data/ut1"));
        lists = Ut1Lists.load(ut1, null, List.of(), List.of());
        List<String> listed = List.of("0000100.com", "bet365.com", "pokerstars.com", "miniclip.com",
                "thepiratebay.org", "hidemyass.com", "kproxy.com", "www.poki.com", "nordvpn.com");
        Random random = new Random(7);
        lines = new String[LINES];
        long time = 1_767_600_000_000L;
        for (int i = 0; i < LINES; i++) {
            time += random.nextInt(400);
            String host = random.nextInt(3) == 0 ? listed.get(random.nextInt(listed.size()))
                    : "h" + Integer.toString(random.nextInt(20_000), 36) + (random.nextBoolean() ? ".com" : ".org");
            String user = "s" + (10_000 + random.nextInt(2_000));
            lines[i] = random.nextInt(10) < 3
                    ? "%d.%03d %6d 10.1.%d.%d TCP_TUNNEL/200 %d CONNECT %s:443 %s HIER_DIRECT/93.184.1.1 -"
                    .formatted(time / 1000, time % 1000, 50 + random.nextInt(30_000), random.nextInt(256),
                            random.nextInt(256), random.nextInt(500_000), host, user)
                    : "%d.%03d %6d 10.1.%d.%d TCP_MISS/200 %d GET http://www.%s/a/%d.js %s HIER_DIRECT/93.184.1.1 text/html"
                    .formatted(time / 1000, time % 1000, 50 + random.nextInt(3_000), random.nextInt(256),
                            random.nextInt(256), random.nextInt(90_000), host, random.nextInt(1000), user);
        }
        lineBytes = new byte[LINES][];
        for (int i = 0; i < LINES; i++) {
            lineBytes[i] = lines[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        parser = new SquidLineParser();
        siteNames = new SiteNames();
        requests = new WebRequest[LINES];
        sites = new String[LINES];
        categories = new CategorySet[LINES];
        for (int i = 0; i < LINES; i++) {
            requests[i] = parser.parse(lines[i], i + 1);
            sites[i] = siteNames.siteOf(requests[i].host());
            categories[i] = lists.index().categorize(requests[i].host(), requests[i].url(), requests[i].pathStart());
        }
        pack = RulePack.defaults();
        try {
            condition = Condition.compile("bytes > 100000 && status < 400");
        } catch (Condition.Invalid e) {
            throw new IllegalStateException(e);
        }
    }

    private int nextIndex() {
        int i = next;
        next = (next + 1) & (LINES - 1);
        return i;
    }

    /** A line's bytes to a request, as the engine reads logs. */
    @Benchmark
    public WebRequest parseSquidLine() {
        int i = nextIndex();
        return parser.parse(lineBytes[i], 0, lineBytes[i].length, i);
    }

    @Benchmark
    public CategorySet categorizeHost() {
        WebRequest r = requests[nextIndex()];
        return lists.index().categorize(r.host(), r.url(), r.pathStart());
    }

    @Benchmark
    public String siteOfHost() {
        return siteNames.siteOf(requests[nextIndex()].host());
    }

    @Benchmark
    public boolean celCondition() {
        int i = nextIndex();
        return condition.test(new Observation(requests[i], requests[i].user(), sites[i], categories[i], false),
                false, 9);
    }

    /** Usage and rules for a whole batch, per line: the work the consuming thread does. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(LINES)
    public void usageAndRules(Blackhole blackhole) {
        Usage usage = new Usage(LA, 300_000);
        RuleEngine rules = new RuleEngine(pack, lists.index(), lists::canonical, WorkCalendar.standard(LA), 5);
        for (int i = 0; i < LINES; i++) {
            WebRequest r = requests[i];
            boolean newVisit = usage.add(r.user(), sites[i], r.start(), r.time(), r.bytes(), categories[i]);
            rules.observe(new Observation(r, r.user(), sites[i], categories[i], newVisit), "bench");
        }
        blackhole.consume(rules.findings());
    }
}
