package org.steward.stream.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flywaydb.core.Flyway;
import org.steward.stream.job.ActivityJob;
import org.steward.stream.job.DistrictSetup;
import org.steward.stream.job.PostgresSink;
import org.steward.stream.job.Topics;
import org.steward.stream.local.LocalFlink;
import org.steward.stream.local.LocalKafka;
import org.steward.stream.local.LocalRun;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Latency from a line entering Kafka to its finding in Steward's PostgreSQL, under a steady rate of lines: a producer
 * sends {@code RATE} lines a second of 2,000 people browsing (times of the moment), and every 100 ms one line of a new
 * person to a gambling site, whose finding the default pack raises at once. The time from sending that line to the
 * finding's row in activity_finding (polled every 10 ms) is its latency. The job follows the topics (not bounded) on
 * a local cluster of 2 slots, checkpoints every {@code CHECKPOINT} ms (the PostgreSQL sink writes at each), its
 * results to PostgreSQL and to Kafka. docs/benchmarks.md, "Stream job (issue 22)", runs it.
 *
 * <pre>java -cp ... org.steward.stream.bench.JobLatency RATE SECONDS CHECKPOINT_MS</pre>
 */
public final class JobLatency {

    private JobLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        long checkpoint = Long.parseLong(args[2]);
        Path lists = Files.createTempDirectory("steward-bench-lists");
        Files.createDirectories(lists.resolve("gambling"));
        Files.writeString(lists.resolve("gambling/domains"), "casino.example\n");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             LocalKafka kafka = LocalKafka.start();
             LocalFlink flink = LocalFlink.start(2, Duration.ofMillis(checkpoint))) {
            DataSource data = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(data).locations("filesystem:../app/src/main/resources/db/migration")
                    .load().migrate();
            long district = single(data, "insert into district (slug, name, created_at) values ('bench', 'Bench',"
                    + " now()) returning id");
            long source = single(data, "insert into activity_source (district_id, name, kind, format, created_by,"
                    + " created_at) values (" + district + ", 'steward.lines', 'API', 'SQUID', 'bench', now())"
                    + " returning id");
            long run = single(data, "insert into activity_run (district_id, source_id, file_name, sha256, bytes,"
                    + " status, started_at, started_by) values (" + district + ", " + source + ", 'steward.lines',"
                    + " 'stream', 0, 'RUNNING', now(), 'bench') returning id");
            String id = String.valueOf(district);
            kafka.createTopic(Topics.lines(id), 2);
            LocalRun.createJobTopics(kafka);
            StreamExecutionEnvironment env = flink.environment();
            ActivityJob.Options options = ActivityJob.Options.following(kafka.bootstrapServers());
            PostgresSink sink = new PostgresSink(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null,
                    Map.of(id, run), 500);
            ActivityJob.build(env, List.of(DistrictSetup.of(id, lists)), options, sink,
                    ActivityJob.kafkaSink(options));
            JobClient job = env.executeAsync("steward activity (latency)");
            Map<String, Long> sent = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Thread watcher = new Thread(() -> watch(data, district, sent, latencies), "finding-watcher");
            watcher.setDaemon(true);
            watcher.start();
            long lines = produce(kafka, id, rate, seconds, sent);
            Thread.sleep(3 * checkpoint + 2_000);
            job.cancel().get();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int probes = sent.size() + sorted.size();
            System.out.printf("rate %,d lines/s for %d s (%,d lines), checkpoints every %d ms: %d of %d findings"
                            + " arrived; latency median %d ms, 99th percentile %d ms, most %d ms%n", rate, seconds,
                    lines, checkpoint, sorted.size(), probes, percentile(sorted, 50), percentile(sorted, 99),
                    sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        }
    }

    /** Sends the lines at the rate, in steps of 10 ms; returns how many it sent. */
    static long produce(LocalKafka kafka, String district, int rate, int seconds, Map<String, Long> sent)
            throws InterruptedException {
        Random random = new Random(7);
        long lines = 0;
        int perStep = rate / 100;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.currentTimeMillis();
            for (int step = 0; step < seconds * 100; step++) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < perStep; i++) {
                    int person = random.nextInt(2_000);
                    String line = line(now, "10.1." + person / 250 + "." + person % 250, "u" + person,
                            "www.site" + random.nextInt(5_000) + ".org");
                    producer.send(new ProducerRecord<>(Topics.lines(district), person % 2, null, null,
                            line.getBytes(StandardCharsets.UTF_8)));
                    lines++;
                }
                if (step % 10 == 0) {
                    String probe = "probe" + step;
                    sent.put(probe, System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(Topics.lines(district), step % 2, null, null,
                            line(now, "10.9.9.9", probe, "www.casino.example").getBytes(StandardCharsets.UTF_8)));
                    lines++;
                }
                long due = start + (step + 1) * 10L;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        return lines;
    }

    static String line(long end, String client, String user, String host) {
        return "%d.%03d 120 %s TCP_MISS/200 1500 GET http://%s/ %s HIER_DIRECT/1.1.1.1 text/html"
                .formatted(end / 1000, end % 1000, client, host, user);
    }

    /** Polls the findings of the probes, and takes each one's latency when it first appears. */
    static void watch(DataSource data, long district, Map<String, Long> sent, List<Long> latencies) {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select person from activity_finding where district_id = ? and person like 'probe%'")) {
            ps.setLong(1, district);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    long now = System.currentTimeMillis();
                    while (rs.next()) {
                        Long at = sent.remove(rs.getString(1));
                        if (at != null) {
                            latencies.add(now - at);
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            System.err.println("the watcher stopped: " + e);
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    static long single(DataSource data, String sql) throws Exception {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
