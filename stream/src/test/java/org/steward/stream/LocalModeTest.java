package org.steward.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar steward-stream.jar local} writes what {@code steward-engine.jar analyze} writes, byte for byte:
 * the job counts every line once, in any order its partitions come in, and its visits, time connected, findings and
 * evidence are the engine's.
 */
class LocalModeTest {

    static final Path UT1 = Shared.data("ut1");
    static final Path PLASO = Shared.data("squid/plaso_squid_access.log");
    static final Path NETDATA = Shared.data("squid/netdata_godplugin_squidlog_access.log");

    @TempDir Path dir;

    /** Runs the local command as a user would, and returns what it printed. */
    String local(Path out, List<Path> logs, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("local", "--categories", UT1.toString(), "--out",
                out.toString()));
        args.addAll(List.of(options));
        logs.forEach(log -> args.add(log.toString()));
        PrintStream before = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(StewardStreamCommand.run(args.toArray(String[]::new))).isZero();
        } finally {
            System.setOut(before);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSharedRealLogsGiveTheEnginesUsageAndFindingsByteForByte() throws Exception {
        EngineRuns.analyze(UT1, dir.resolve("engine"), List.of(PLASO, NETDATA));
        String printed = local(dir.resolve("stream"), List.of(PLASO, NETDATA));

        assertThat(dir.resolve("stream/usage.csv")).hasSameBinaryContentAs(dir.resolve("engine/usage.csv"));
        assertThat(dir.resolve("stream/findings.jsonl")).hasSameBinaryContentAs(dir.resolve("engine/findings.jsonl"));
        assertThat(Files.readAllLines(dir.resolve("stream/usage.csv"))).hasSize(13);
        assertThat(printed).contains("lines read: 508").contains("usage rows: 12")
                .contains("16  time 'Unmatched!' is not seconds.milliseconds");
    }

    @Test
    void aGeneratedMillionLinesGiveTheEnginesUsageAndFindingsByteForByte() throws Exception {
        Path log = EngineRuns.generated(1_000_000);
        EngineRuns.analyze(UT1, dir.resolve("engine"), List.of(log));
        String printed = local(dir.resolve("stream"), List.of(log));

        assertThat(dir.resolve("stream/usage.csv")).hasSameBinaryContentAs(dir.resolve("engine/usage.csv"));
        assertThat(dir.resolve("stream/findings.jsonl")).hasSameBinaryContentAs(dir.resolve("engine/findings.jsonl"));
        assertThat(Files.size(dir.resolve("engine/findings.jsonl"))).as("findings with evidence").isGreaterThan(1_000_000);
        assertThat(printed).contains("lines read: 1,000,000").contains("bad lines:  0");
    }

    @Test
    void oneLogSplitInTwoPartitionsThatInterleaveGivesWhatTheEngineGivesForTheTwoFiles() throws Exception {
        // a proxy's lines shared by two workers, each writing its own log: one person's lines come from both
        List<String> lines = Files.readAllLines(EngineRuns.generated(200_000));
        Path first = dir.resolve("worker-1.log");
        Path second = dir.resolve("worker-2.log");
        Files.write(first, java.util.stream.IntStream.range(0, lines.size()).filter(i -> i % 2 == 0)
                .mapToObj(lines::get).toList());
        Files.write(second, java.util.stream.IntStream.range(0, lines.size()).filter(i -> i % 2 == 1)
                .mapToObj(lines::get).toList());
        EngineRuns.analyze(UT1, dir.resolve("engine"), List.of(first, second));
        local(dir.resolve("stream"), List.of(first, second), "--slots", "2");

        assertThat(dir.resolve("stream/usage.csv")).hasSameBinaryContentAs(dir.resolve("engine/usage.csv"));
        assertThat(dir.resolve("stream/findings.jsonl")).hasSameBinaryContentAs(dir.resolve("engine/findings.jsonl"));
        assertThat(Files.readString(dir.resolve("engine/findings.jsonl"))).as("evidence from both logs")
                .contains("\"source\":\"worker-1.log\"").contains("\"source\":\"worker-2.log\"");
    }
}
