package org.steward.engine.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.engine.Analyzer;
import org.steward.engine.Output;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;

/**
 * {@code java -jar steward-engine.jar analyze --categories DIR [--rules FILE] [--calendar FILE] [--leases FILE]
 * [--only CATEGORY,...] [--allow FILE] [--block FILE] [--threads N] [--idle-minutes M] [--time-zone ZONE] --out DIR LOG...}
 */
public final class StewardEngineCommand {

    static final String USAGE = """
            Usage: java -jar steward-engine.jar analyze --categories DIR [--rules FILE] [--calendar FILE]
                   [--leases FILE] [--only CATEGORY,...] [--allow FILE] [--block FILE] [--threads N] [--idle-minutes M] [--time-zone ZONE] --out DIR LOG...

            Reads Squid access logs (native, in syslog, or gzip) and Steward JSON lines, and writes usage.csv
            (visits and time connected per person, site and day) and findings.jsonl (rules broken, with the
            policy clauses and evidence lines) into the --out folder.
              --categories DIR   URL category lists in the UT1 layout (<category>/domains, <category>/urls)
              --rules FILE       rule pack (YAML); default: Steward's default pack
              --calendar FILE    work calendar (YAML); default: Monday to Friday 07:30-16:00
              --leases FILE      address,person,from,until (CSV) to name people where the log has no user
              --only LIST        load only these categories (comma-separated names or aliases)
              --allow FILE       the district's allow list: domains never counted in any category
              --block FILE       the district's block list: domains in the category district-block
              --threads N        threads: one reads and sessionizes, the others parse (default: the machine's cores)
              --idle-minutes M   a gap longer than this ends a visit (default 5)
              --time-zone ZONE   the district's time zone (default America/Los_Angeles)
            """;

    private StewardEngineCommand() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | RulePack.Invalid e) {
            System.err.println("steward: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length == 0 || !args[0].equals("analyze")) {
            System.err.print(USAGE);
            return 2;
        }
        Path categories = null;
        Path rules = null;
        Path calendar = null;
        Path leases = null;
        Path out = null;
        int threads = Runtime.getRuntime().availableProcessors();
        long idleMinutes = 5;
        ZoneId zone = ZoneId.of("America/Los_Angeles");
        Set<String> only = Set.of();
        List<String> allow = List.of();
        List<String> block = List.of();
        List<Path> logs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--categories" -> categories = Path.of(value(args, ++i, arg));
                case "--rules" -> rules = Path.of(value(args, ++i, arg));
                case "--calendar" -> calendar = Path.of(value(args, ++i, arg));
                case "--leases" -> leases = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--allow" -> allow = domains(Path.of(value(args, ++i, arg)));
                case "--block" -> block = domains(Path.of(value(args, ++i, arg)));
                case "--only" -> only = Set.of(value(args, ++i, arg).split("\\s*,\\s*"));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, arg));
                case "--idle-minutes" -> idleMinutes = Long.parseLong(value(args, ++i, arg));
                case "--time-zone" -> zone = ZoneId.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                    logs.add(Path.of(arg));
                }
            }
        }
        if (categories == null || out == null || logs.isEmpty()) {
            throw new IllegalArgumentException("--categories, --out and at least one log are needed\n" + USAGE);
        }
        for (Path log : logs) {
            if (!Files.isReadable(log)) {
                throw new IllegalArgumentException("cannot read the log " + log);
            }
        }
        long wallStart = System.nanoTime();
        Ut1Lists.Loaded lists = Ut1Lists.load(categories, only, allow, block);
        RulePack pack = rules == null ? RulePack.defaults() : RulePack.read(rules);
        WorkCalendar work = calendar == null ? WorkCalendar.standard(zone) : WorkCalendar.read(calendar, zone);
        Leases held = leases == null ? Leases.NONE : Leases.read(leases);
        long loaded = System.nanoTime();

        Analyzer.Result result = new Analyzer(new Analyzer.Settings(lists.index(), lists::canonical, pack, work, held,
                Math.max(1, threads), Duration.ofMinutes(idleMinutes).toMillis(), 5)).analyze(logs);
        double analyzedCpu = cpuSeconds();
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create " + out + ": " + e.getMessage());
        }
        Output.usage(result.usageRows(), out.resolve("usage.csv"));
        Output.findings(result.findings(), out.resolve("findings.jsonl"));
        long end = System.nanoTime();

        double analyzeSeconds = (end - loaded) / 1e9;
        System.out.printf("lists:      %,d domains in %d categories, loaded in %.2f s%n",
                lists.index().domainCount(), lists.index().categories().size(), (loaded - wallStart) / 1e9);
        System.out.printf("lines read: %,d%n", result.lines());
        System.out.printf("bad lines:  %,d%n", result.badLines().count());
        result.badLines().byReason().forEach((reason, n) -> System.out.printf("            %,d  %s%n", n, reason));
        result.badLines().samples().stream().limit(5).forEach(s ->
                System.out.printf("            e.g. %s line %d: %s%n", s.source(), s.line(), s.reason()));
        System.out.printf("blocked:    %,d attempts the proxy or its filter refused%n", result.tally().blocked());
        System.out.printf("not counted: %,d proxy authentication challenges (407), %,d proxy errors%n",
                result.tally().challenges(), result.tally().proxyErrors());
        System.out.printf("people:     %,d%n", result.usage().people());
        System.out.printf("sites:      %,d%n", result.usage().sites());
        Map<String, Long> byRule = RuleEngine.byRule(result.findings());
        System.out.printf("findings:   %,d%n", result.findings().size());
        byRule.forEach((rule, n) -> System.out.printf("            %,d  %s%n", n, rule));
        result.warnings().forEach(w -> System.out.println("warning:    " + w));
        System.out.printf("speed:      %,.0f lines per second (%.2f s, %d threads); process CPU %.2f s"
                        + " (%.2f s when the analysis ended, before writing)%n",
                result.lines() / analyzeSeconds, analyzeSeconds, threads, cpuSeconds(), analyzedCpu);
        System.out.println("written:    " + out.resolve("usage.csv") + ", " + out.resolve("findings.jsonl"));
        return 0;
    }

    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** A list of domains, one a line; blank lines and # comments are skipped. */
    private static List<String> domains(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
