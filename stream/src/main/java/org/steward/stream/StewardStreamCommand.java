package org.steward.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.RuleEngine;
import org.steward.stream.job.DistrictSetup;
import org.steward.stream.local.LocalRun;

/** {@code java -jar steward-stream.jar local ...}: the stream job, with Kafka and Flink in this JVM. */
public final class StewardStreamCommand {

    static final String USAGE = """
            Usage: java -jar steward-stream.jar local --categories DIR [--rules FILE] [--calendar FILE] --out DIR
                   [--slots N] [--idle-minutes M] [--longest-request-minutes M] [--time-zone ZONE] LOG...

            Runs Steward's engine as a Flink job over Kafka, with a Kafka broker and a Flink cluster inside this
            JVM: publishes the logs to the topic of a district, one partition a log, runs the job until it has
            consumed them, and writes usage.csv and findings.jsonl into the --out folder, as
            steward-engine.jar analyze writes them.
              --categories DIR   URL category lists in the UT1 layout (<category>/domains, <category>/urls)
              --rules FILE       rule pack (YAML); default: Steward's default pack
              --calendar FILE    work calendar (YAML); default: Monday to Friday 07:30-16:00
              --slots N          Flink task slots, the job's parallelism (default 2)
              --idle-minutes M   a gap longer than this ends a visit (default 5)
              --longest-request-minutes M
                                 the longest request the logs hold (default 60): a person's visits are kept
                                 open that long after their last line, since Squid writes a line when its
                                 request ends; a line later than that is told, not counted
              --time-zone ZONE   the district's time zone (default America/Los_Angeles)
            """;

    private StewardStreamCommand() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | RulePack.Invalid | java.time.DateTimeException e) {
            System.err.println("steward-stream: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length == 0 || !args[0].equals("local")) {
            System.err.print(USAGE);
            return 2;
        }
        Path categories = null;
        Path out = null;
        String rules = null;
        String calendar = null;
        int slots = 2;
        long idleMinutes = 5;
        long longestMinutes = 60;
        String zone = "America/Los_Angeles";
        List<Path> logs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--categories" -> categories = Path.of(value(args, ++i, arg));
                case "--rules" -> rules = read(Path.of(value(args, ++i, arg)));
                case "--calendar" -> calendar = read(Path.of(value(args, ++i, arg)));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--slots" -> slots = number(value(args, ++i, arg), arg);
                case "--idle-minutes" -> idleMinutes = number(value(args, ++i, arg), arg);
                case "--longest-request-minutes" -> longestMinutes = number(value(args, ++i, arg), arg);
                case "--time-zone" -> zone = ZoneId.of(value(args, ++i, arg)).getId();
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
        if (!Files.isDirectory(categories)) {
            throw new IllegalArgumentException("no folder of category lists at " + categories);
        }
        for (Path log : logs) {
            if (!Files.isReadable(log)) {
                throw new IllegalArgumentException("cannot read the log " + log);
            }
        }
        if (slots < 1) {
            throw new IllegalArgumentException("--slots needs at least 1");
        }
        DistrictSetup setup = DistrictSetup.of("local", categories.toAbsolutePath())
                .withRules(rules).withCalendar(calendar).withZone(zone)
                .withIdleMillis(Duration.ofMinutes(idleMinutes).toMillis())
                .withLongestRequestMillis(Duration.ofMinutes(longestMinutes).toMillis());
        setup.check();
        long started = System.nanoTime();
        LocalRun.Summary summary;
        try {
            summary = new LocalRun(setup, slots, Duration.ofSeconds(1)).run(logs, out);
        } catch (Exception e) {
            System.err.println("steward-stream: the job failed: " + e);
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("lines read: %,d%n", summary.lines());
        long bad = summary.badLines().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("bad lines:  %,d%n", bad);
        summary.badLines().forEach((reason, n) -> System.out.printf("            %,d  %s%n", n, reason));
        System.out.printf("usage rows: %,d%n", summary.usage().size());
        System.out.printf("findings:   %,d%n", summary.findings().size());
        RuleEngine.byRule(summary.findings()).forEach((rule, n) -> System.out.printf("            %,d  %s%n", n, rule));
        if (summary.withdrawn() > 0) {
            System.out.printf("withdrawn:  %,d findings told while their window was open, short of it at its end%n",
                    summary.withdrawn());
        }
        System.out.printf("time:       %.1f s with a broker and a cluster of %d slots in this JVM%n", seconds, slots);
        System.out.println("written:    " + out.resolve("usage.csv") + ", " + out.resolve("findings.jsonl"));
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + text);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
