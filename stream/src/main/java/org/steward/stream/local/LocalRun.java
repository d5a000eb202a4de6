package org.steward.stream.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.steward.engine.JsonRecords;
import org.steward.engine.Output;
import org.steward.engine.rules.Finding;
import org.steward.engine.usage.UsageRow;
import org.steward.stream.job.ActivityJob;
import org.steward.stream.job.DistrictSetup;
import org.steward.stream.job.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Local mode, for trying the job and for tests: a Kafka broker and a Flink cluster in this JVM; the logs published to
 * the district's topic, one partition each; the job run over them until they are consumed; and its results, read
 * back from their topics as the app reads them (committed transactions only), written as the engine command writes
 * them: usage.csv and findings.jsonl.
 */
public final class LocalRun {

    /** What a run read and wrote. {@code badLines} counts the lines not counted, by reason. */
    public record Summary(long lines, List<UsageRow> usage, List<Finding> findings, long withdrawn,
                          Map<String, Long> badLines) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DistrictSetup setup;
    private final int slots;
    private final Duration checkpointEvery;

    public LocalRun(DistrictSetup setup, int slots, Duration checkpointEvery) {
        this.setup = setup;
        this.slots = slots;
        this.checkpointEvery = checkpointEvery;
    }

    /** Runs the job over the logs and writes usage.csv and findings.jsonl into {@code out}. */
    public Summary run(List<Path> logs, Path out) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(); LocalFlink flink = LocalFlink.start(slots, checkpointEvery)) {
            return run(kafka, flink, logs, out, job -> { });
        }
    }

    /**
     * The same on a broker and cluster of the caller's, which may do something while the job runs
     * ({@code whileRunning} is given the job once it is submitted: a test fails a task manager).
     */
    public Summary run(LocalKafka kafka, LocalFlink flink, List<Path> logs, Path out,
                       Consumer<JobClient> whileRunning) throws Exception {
        long lines = publish(kafka, setup.district(), logs);
        createJobTopics(kafka);
        StreamExecutionEnvironment env = flink.environment();
        ActivityJob.Options options = ActivityJob.Options.local(kafka.bootstrapServers());
        ActivityJob.build(env, List.of(setup), options, ActivityJob.kafkaSink(options));
        JobClient job = env.executeAsync("steward activity (local)");
        whileRunning.accept(job);
        job.getJobExecutionResult().get();
        Summary summary = read(kafka, lines);
        Files.createDirectories(out);
        Output.usage(summary.usage(), out.resolve("usage.csv"));
        Output.findings(summary.findings(), out.resolve("findings.jsonl"));
        return summary;
    }

    /** The job's topics but the districts' lines, of one partition each: the setups and the results. */
    public static void createJobTopics(LocalKafka kafka) {
        for (String topic : List.of(Topics.SETUPS, Topics.SETUPS_TOLD, Topics.USAGE, Topics.FINDINGS,
                Topics.BAD_LINES)) {
            kafka.createTopic(topic, 1);
        }
    }

    /** Each log to its own partition of the district's topic, so that a line's offset plus one is its number. */
    public static long publish(LocalKafka kafka, String district, List<Path> logs) {
        String topic = Topics.lines(district);
        kafka.createTopic(topic, logs.size());
        long lines = 0;
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), topic)) {
            for (int partition = 0; partition < logs.size(); partition++) {
                lines += publisher.publish(logs.get(partition), partition);
            }
        }
        return lines;
    }

    /**
     * The results the job committed: the final usage rows and findings (the latest told of each), in the order the
     * engine command writes them, and the bad lines by reason.
     */
    static Summary read(LocalKafka kafka, long lines) {
        Map<String, UsageRow> usage = new HashMap<>();
        Map<String, Finding> findings = new HashMap<>();
        long[] withdrawn = {0};
        Map<String, Long> bad = new TreeMap<>();
        readAll(kafka, Topics.USAGE, record -> usage.put(key(record), JsonRecords.usage(value(record))));
        readAll(kafka, Topics.FINDINGS, record -> {
            switch (header(record, "state")) {
                case "final" -> findings.put(key(record), JsonRecords.finding(value(record)));
                case "withdrawn" -> {
                    findings.remove(key(record));
                    withdrawn[0]++;
                }
                default -> { } // told while its window was open: the final word comes when it closes
            }
        });
        readAll(kafka, Topics.BAD_LINES, record -> {
            JsonNode line = JSON.readTree(value(record));
            bad.merge(line.required("reason").asString(), 1L, Long::sum);
        });
        List<UsageRow> rows = new ArrayList<>(usage.values());
        rows.sort(Comparator.comparing(UsageRow::date).thenComparing(UsageRow::person).thenComparing(UsageRow::site));
        List<Finding> found = new ArrayList<>(findings.values());
        found.sort(Comparator.comparingLong(Finding::windowStart).thenComparing(Finding::rule)
                .thenComparing(Finding::person));
        return new Summary(lines, rows, found, withdrawn[0], bad);
    }

    /**
     * Every committed record of a one-partition topic, in order, once no transaction is open on it: the job's last
     * transaction is committed by its final checkpoint, and the broker may mark it so a moment after the job ends.
     */
    private static void readAll(LocalKafka kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "read_committed");
             KafkaConsumer<byte[], byte[]> everything = consumer(kafka, "read_uncommitted")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (end < everything.endOffsets(List.of(partition)).get(partition)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job's last results on " + topic + " were not committed");
                }
                sleep();
                end = consumer.endOffsets(List.of(partition)).get(partition);
            }
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(LocalKafka kafka, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the job's results", e);
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
