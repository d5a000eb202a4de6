package org.steward.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the server spent on a run, per request: CPU of the JVM and of PostgreSQL (from /proc, measured by load/run.sh
 * around the simulation), and from the flight recording of the run the bytes allocated, the collector's pauses, the
 * methods most often on CPU and where Steward's own code allocates. JDK 17's {@code jfr} has no {@code view}
 * command (JDK 21 has {@code jfr view hot-methods}), so this reads the recording itself.
 *
 * <pre>java -cp load/target/test-classes org.steward.load.ServerCost morning.jfr REQUESTS JVM0 JVM1 PG0 PG1 T0 T1</pre>
 */
public final class ServerCost {

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        long requests = Long.parseLong(args[1]);
        double jvm = Double.parseDouble(args[3]) - Double.parseDouble(args[2]);
        double pg = Double.parseDouble(args[5]) - Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[7]) - Double.parseDouble(args[6]);

        Map<Long, long[]> allocatedByThread = new HashMap<>(); // first and last cumulative figure of each thread
        Map<String, Long> hot = new HashMap<>();
        Map<String, Long> hotSteward = new HashMap<>();
        Map<String, Long> allocatedAt = new HashMap<>();
        Map<String, Long> byPage = new HashMap<>();
        String traced = System.getProperty("trace", "");
        Map<String, Long> tracedStacks = new HashMap<>();
        long samples = 0;
        long collections = 0;
        double pausedMs = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case "jdk.ThreadAllocationStatistics" -> {
                    long thread = event.getLong("thread.javaThreadId");
                    long bytes = event.getLong("allocated");
                    allocatedByThread.merge(thread, new long[] {bytes, bytes}, (a, b) -> new long[] {
                            Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
                case "jdk.ExecutionSample" -> {
                    samples++;
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack != null && !stack.getFrames().isEmpty()) {
                        hot.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                        String own = firstOwn(stack.getFrames());
                        if (own != null) {
                            hotSteward.merge(own, 1L, Long::sum);
                        }
                        byPage.merge(page(stack.getFrames()), 1L, Long::sum);
                        if (!traced.isEmpty() && name(stack.getFrames().get(0)).equals(traced)) {
                            tracedStacks.merge(String.join(" < ", stack.getFrames().stream().limit(40)
                                    .map(ServerCost::name).toList()), 1L, Long::sum);
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    String own = stack == null ? null : firstOwn(stack.getFrames());
                    allocatedAt.merge(own == null ? "(outside Steward's code)" : own, event.getLong("weight"),
                            Long::sum);
                }
                case "jdk.GarbageCollection" -> {
                    collections++;
                    pausedMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                default -> { }
            }
        }
        long allocated = allocatedByThread.values().stream().mapToLong(a -> a[1] - a[0]).sum();
        long perRequest = Math.max(requests, 1);
        System.out.printf("Server, %d requests in %.0f s (%.1f a second):%n", requests, seconds, requests / seconds);
        System.out.printf("  CPU per request: %.1f ms in the JVM, %.1f ms in PostgreSQL (%.0f s and %.0f s in all; "
                + "%.0f %% of two cores)%n", 1000 * jvm / perRequest, 1000 * pg / perRequest, jvm, pg,
                100 * (jvm + pg) / (2 * seconds));
        System.out.printf("  allocated per request: %.0f kB (%.1f GB in all); %d collections, %.0f ms paused%n",
                allocated / 1024.0 / perRequest, allocated / 1e9, collections, pausedMs);
        print("  on CPU (top frame), of " + samples + " samples:", hot, samples, 12);
        print("  on CPU (Steward's innermost frame):", hotSteward, samples, 12);
        print("  on CPU by what it served (the controller method, or the part of the server):", byPage, samples, 16);
        long sampled = allocatedAt.values().stream().mapToLong(Long::longValue).sum();
        print("  allocated (Steward's innermost frame), share of the sampled bytes:", allocatedAt, sampled, 10);
        if (!traced.isEmpty()) {
            print("  stacks under " + traced + " (-Dtrace):", tracedStacks, samples, 5);
        }
    }

    private static String firstOwn(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            // a repository's proxy or a servlet filter says less than the service method that called it
            if (type.startsWith("org.steward.") && !type.contains("$") && !type.endsWith("Filter")) {
                return name(frame);
            }
        }
        return null;
    }

    /** What a sample served: the page's controller method, the sign-in, rendering, or a thread of the server's. */
    private static String page(List<RecordedFrame> frames) {
        boolean signIn = false;
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("org.steward.") && type.endsWith("Controller")) {
                return name(frame);
            }
            signIn |= type.endsWith("UsernamePasswordAuthenticationFilter");
            if (type.startsWith("org.thymeleaf.")) {
                return "rendering a page (Thymeleaf)";
            }
        }
        if (signIn) {
            return "sign-in (Spring Security: the bcrypt check)";
        }
        String bottom = name(frames.get(frames.size() - 1));
        return frames.size() >= 64 ? "(stack deeper than recorded)" : "elsewhere: " + bottom;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.println(title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(total, 1),
                        e.getKey()));
    }
}
