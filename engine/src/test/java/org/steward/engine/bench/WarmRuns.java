package org.steward.engine.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.steward.engine.Analyzer;
import org.steward.engine.Output;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;

/**
 * The engine's cost per line once the JIT has compiled it: analyzes one log several times in one JVM, writing the
 * output each time, and prints the process CPU of each round. A benchmark, not a test; see docs/benchmarks.md.
 * Arguments: UT1 folder, log, output folder, threads, rounds.
 */
public final class WarmRuns {

    public static void main(String[] args) {
        Ut1Lists.Loaded lists = Ut1Lists.load(Path.of(args[0]), Set.of("gambling", "games", "audio-video",
                "redirector", "social_networks", "warez", "malware", "phishing", "shopping", "webmail",
                "filehosting", "chat", "dating"), List.of(), List.of());
        Path out = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        double best = Double.MAX_VALUE;
        for (int round = 1; round <= Integer.parseInt(args[4]); round++) {
            double before = cpu();
            Analyzer.Result result = new Analyzer(new Analyzer.Settings(lists.index(), lists::canonical,
                    RulePack.defaults(), WorkCalendar.standard(ZoneId.of("America/Los_Angeles")), Leases.NONE,
                    threads, 300_000, 5)).analyze(List.of(Path.of(args[1])));
            double analyzed = cpu();
            Output.usage(result.usage().rows(), out.resolve("usage.csv"));
            Output.findings(result.findings(), out.resolve("findings.jsonl"));
            double written = cpu();
            System.out.printf("round %d: %,d lines, analysis %.2f s CPU, output %.2f s CPU: %.0f ns a line%n",
                    round, result.lines(), analyzed - before, written - analyzed,
                    (written - before) * 1e9 / result.lines());
            if (round > 2) {
                best = Math.min(best, (written - before) * 1e9 / result.lines());
            }
        }
        System.out.printf("best after round 2: %.0f ns a line%n", best);
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
