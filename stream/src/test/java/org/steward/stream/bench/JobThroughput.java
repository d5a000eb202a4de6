package org.steward.stream.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.steward.stream.job.ActivityJob;
import org.steward.stream.job.DistrictSetup;
import org.steward.stream.job.Topics;
import org.steward.stream.local.LocalFlink;
import org.steward.stream.local.LocalKafka;
import org.steward.stream.local.LocalRun;

/**
 * The job's rate on the MiniCluster: a log published to a local broker first (not counted), then the job run over it
 * with {@code slots} task slots, this JVM's CPU time (user and system, every thread: the job's tasks, the broker
 * serving them, the transactions of results) and wall time counted from the job's submission to its end. Lines per
 * CPU-second is the rate per core. docs/benchmarks.md, "Stream job (issue 22)", runs it.
 *
 * <pre>java -cp ... org.steward.stream.bench.JobThroughput CATEGORIES LOG SLOTS [ONLY]</pre>
 */
public final class JobThroughput {

    private JobThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path categories = Path.of(args[0]);
        Path log = Path.of(args[1]);
        int slots = Integer.parseInt(args[2]);
        DistrictSetup setup = DistrictSetup.of("bench", categories);
        if (args.length > 3) {
            setup = new DistrictSetup("bench", categories.toString(), List.of(args[3].split(",")), null, null,
                    setup.zone(), setup.idleMillis(), setup.longestRequestMillis(), 1);
        }
        try (LocalKafka kafka = LocalKafka.start(); LocalFlink flink = LocalFlink.start(slots, Duration.ofSeconds(5))) {
            long published = System.nanoTime();
            long lines = LocalRun.publish(kafka, "bench", List.of(log));
            LocalRun.createJobTopics(kafka);
            System.out.printf("published %,d lines in %.1f s%n", lines, (System.nanoTime() - published) / 1e9);
            StreamExecutionEnvironment env = flink.environment();
            ActivityJob.Options options = ActivityJob.Options.local(kafka.bootstrapServers());
            ActivityJob.build(env, List.of(setup), options, ActivityJob.kafkaSink(options));
            System.gc();
            long cpu = cpuNanos();
            long wall = System.nanoTime();
            env.execute("steward activity (bench)");
            double cpuSeconds = (cpuNanos() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            System.out.printf("slots %d: %,d lines, CPU %.2f s, wall %.2f s: %,.0f lines per CPU-second,"
                    + " %,.0f lines per second%n", slots, lines, cpuSeconds, wallSeconds, lines / cpuSeconds,
                    lines / wallSeconds);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
