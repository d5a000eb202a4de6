package org.steward.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.stream.job.DistrictSetup;
import org.steward.stream.job.Topics;
import org.steward.stream.local.LocalFlink;
import org.steward.stream.local.LocalKafka;
import org.steward.stream.local.LocalRun;

/**
 * A machine dies mid-stream: the task manager running every task of the job is killed once the job has committed
 * results, and a new one takes its place. The job restarts from its last checkpoint, and what it committed in all
 * equals what the engine writes for the log: nothing lost, nothing told twice.
 */
class FailureRecoveryTest {

    static final Path UT1 = Shared.data("ut1");

    @TempDir Path dir;

    @Test
    void aTaskManagerKilledMidStreamLosesNothingAndDoublesNothing() throws Exception {
        Path log = EngineRuns.generated(1_000_000);
        EngineRuns.analyze(UT1, dir.resolve("engine"), List.of(log));
        LocalRun run = new LocalRun(DistrictSetup.of("failing", UT1), 2, Duration.ofMillis(500));
        int[] restarts = {0};
        long[] committedBeforeFailure = {0};
        try (LocalKafka kafka = LocalKafka.start(); LocalFlink flink = LocalFlink.start(2, Duration.ofMillis(500))) {
            run.run(kafka, flink, List.of(log), dir.resolve("stream"), job -> {
                committedBeforeFailure[0] = awaitCommitted(kafka, Topics.FINDINGS, 100);
                flink.failTaskManager();
                try {
                    job.getJobExecutionResult().get();
                } catch (Exception e) {
                    throw new AssertionError("the job did not recover", e);
                }
                restarts[0] = flink.restarts(job.getJobID());
            });
            assertThat(committedBeforeFailure[0]).as("results were committed before the failure").isPositive();
            assertThat(restarts[0]).as("the tasks were started again").isPositive();
            assertThat(committedKeys(kafka, Topics.USAGE)).as("each usage row told once").doesNotHaveDuplicates();
        }
        assertThat(dir.resolve("stream/usage.csv")).hasSameBinaryContentAs(dir.resolve("engine/usage.csv"));
        assertThat(dir.resolve("stream/findings.jsonl")).hasSameBinaryContentAs(dir.resolve("engine/findings.jsonl"));
    }

    /** Waits until a topic holds at least {@code records} committed records, and returns how many it holds. */
    static long awaitCommitted(LocalKafka kafka, String topic, long records) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            while (System.nanoTime() < deadline) {
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                if (end >= records) {
                    return end;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no results were committed to " + topic);
    }

    static List<String> committedKeys(LocalKafka kafka, String topic) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return keys;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(LocalKafka kafka) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
