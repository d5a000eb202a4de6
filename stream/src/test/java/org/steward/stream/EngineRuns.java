package org.steward.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests compare the job with: {@code steward-engine.jar analyze}, the engine's own command, run as a user
 * runs it; and the generated log of a million lines that the engine's benchmarks use.
 */
public final class EngineRuns {

    private EngineRuns() {
    }

    /** Runs {@code java -jar steward-engine.jar analyze --categories DIR --out OUT LOG...}. */
    public static void analyze(Path categories, Path out, List<Path> logs) throws IOException, InterruptedException {
        Path jar = Path.of("../engine/target/steward-engine.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the engine module is packaged before this one");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "analyze", "--categories", categories.toString(), "--out",
                out.toString()));
        logs.forEach(log -> command.add(log.toString()));
        run(command, out.resolveSibling(out.getFileName() + ".log"));
    }

    /**
     * The log of {@code lines} lines from ../shared/bench/gen_squidlog.py (seed 7), made once in target/ and kept
     * there for the next test that asks.
     */
    public static Path generated(int lines) throws IOException, InterruptedException {
        Path log = Path.of("target/generated/access-" + lines + ".log").toAbsolutePath();
        if (!Files.isRegularFile(log)) {
            Files.createDirectories(log.getParent());
            Path partial = log.resolveSibling(log.getFileName() + ".partial");
            run(List.of("python3", Shared.data("../bench/gen_squidlog.py").toString(), String.valueOf(lines),
                    partial.toString()), log.resolveSibling(log.getFileName() + ".out"));
            Files.move(partial, log);
        }
        return log;
    }

    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
        }
    }
}
