package org.steward.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.JsonRecords;
import org.steward.engine.rules.Finding;
import org.steward.stream.job.ActivityJob;
import org.steward.stream.job.DistrictSetup;
import org.steward.stream.job.Topics;
import org.steward.stream.local.LocalFlink;
import org.steward.stream.local.LocalKafka;
import org.steward.stream.local.LocalRun;
import org.steward.stream.local.LogPublisher;

/**
 * A district changes its rules while the job runs: the app writes the new setup to the topic of setups, every task
 * says it applied it, and the lines that come next are counted with the new rules, without a restart. A setup that
 * does not load is refused with the reason, and the district keeps the rules it had.
 */
class SetupChangeTest {

    static final String DISTRICT = "7";
    static final String CASINO_WATCH = """
            rules:
              - id: casino-watch
                title: The casino, every line
                severity: high
                kinds: [web]
                categories: [gambling]
                threshold: {measure: count, at_least: 1, window: day}
                clauses: {model: C.3}
            """;

    @TempDir Path dir;

    @Test
    void newRulesApplyToTheLinesThatComeAfterThemWithoutARestart() throws Exception {
        Path lists = dir.resolve("lists");
        Files.createDirectories(lists.resolve("gambling"));
        Files.writeString(lists.resolve("gambling/domains"), "casino.example\n");
        DistrictSetup first = DistrictSetup.of(DISTRICT, lists);
        try (LocalKafka kafka = LocalKafka.start(); LocalFlink flink = LocalFlink.start(2, Duration.ofMillis(300))) {
            kafka.createTopic(Topics.lines(DISTRICT), 3);
            LocalRun.createJobTopics(kafka);
            StreamExecutionEnvironment env = flink.environment();
            ActivityJob.Options options = ActivityJob.Options.following(kafka.bootstrapServers());
            ActivityJob.build(env, List.of(first), options, ActivityJob.kafkaSink(options));
            JobClient job = env.executeAsync("steward activity (following)");
            try {
                publish(kafka, 0, "monday.log", "2026-03-02T18:00:00Z");
                awaitFinding(kafka, f -> f.rule().equals("gambling") && f.first() < at("2026-03-03T08:00:00Z"));

                setup(kafka, first.withRules(CASINO_WATCH).withVersion(2));
                awaitTold(kafka, 2, true);
                publish(kafka, 1, "tuesday.log", "2026-03-03T18:00:00Z");
                awaitFinding(kafka, f -> f.rule().equals("casino-watch"));

                setup(kafka, first.withRules("rules: [{id: broken}]").withVersion(3));
                List<String> refused = awaitTold(kafka, 3, false);
                assertThat(refused).allMatch(json -> json.contains("\"problem\""));
                publish(kafka, 2, "wednesday.log", "2026-03-04T18:00:00Z");
                awaitFinding(kafka, f -> f.rule().equals("casino-watch") && f.first() >= at("2026-03-04T08:00:00Z"));

                List<Finding> findings = findings(kafka);
                assertThat(findings).filteredOn(f -> f.first() < at("2026-03-03T08:00:00Z"))
                        .extracting(Finding::rule).containsOnly("gambling");
                assertThat(findings).filteredOn(f -> f.first() >= at("2026-03-03T08:00:00Z"))
                        .extracting(Finding::rule).as("tuesday and wednesday, with the new rules and only them")
                        .containsOnly("casino-watch").hasSize(2);
                assertThat(flink.restarts(job.getJobID())).as("no restart").isZero();
            } finally {
                job.cancel().get();
            }
        }
    }

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** Two requests of one person to the casino, from {@code time}, as one proxy's log, to a partition of its own. */
    void publish(LocalKafka kafka, int partition, String name, String time) throws Exception {
        long start = at(time);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long end = start + i * 60_000 + 1_500;
            lines.add("%d.%03d 1500 10.0.0.5 TCP_MISS/200 900 GET http://www.casino.example/%d amy HIER_DIRECT/1.1.1.1 text/html"
                    .formatted(end / 1000, end % 1000, i));
        }
        Path log = Files.write(dir.resolve(name), lines);
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), Topics.lines(DISTRICT))) {
            publisher.publish(log, partition);
        }
    }

    static void setup(LocalKafka kafka, DistrictSetup setup) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SETUPS, setup.district(), setup.toJson()));
        }
    }

    /** Waits for every task's word on a version of the setup, and returns the words. */
    static List<String> awaitTold(LocalKafka kafka, long version, boolean applied) throws InterruptedException {
        List<String> told = List.of();
        for (long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos(); System.nanoTime() < deadline; ) {
            told = committed(kafka, Topics.SETUPS_TOLD).stream()
                    .filter(json -> json.contains("\"version\":" + version + ",")).toList();
            if (told.size() == 2) {
                assertThat(told).allMatch(json -> json.contains("\"applied\":" + applied));
                return told;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the tasks did not tell of setup version " + version + ": " + told);
    }

    static void awaitFinding(LocalKafka kafka, Predicate<Finding> wanted) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos(); System.nanoTime() < deadline; ) {
            if (findings(kafka).stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such finding was told: " + findings(kafka));
    }

    static List<Finding> findings(LocalKafka kafka) {
        return committed(kafka, Topics.FINDINGS).stream().map(JsonRecords::finding).toList();
    }

    static List<String> committed(LocalKafka kafka, String topic) {
        List<String> values = new ArrayList<>();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
