package org.steward.stream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.Analyzer;
import org.steward.stream.Shared;

class LogPublisherTest {

    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void everyLineOfALogIsOneRecordOfItsFilesPartitionAtItsLineNumberLessOne() throws IOException {
        Path plaso = Shared.data("squid/plaso_squid_access.log");
        Path netdata = Shared.data("squid/netdata_godplugin_squidlog_access.log");
        kafka.createTopic("logs", 2);
        List<Line> plasoLines = linesOf(plaso, "plaso_squid_access.log");
        List<Line> netdataLines = linesOf(netdata, "netdata_godplugin_squidlog_access.log");
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), "logs")) {
            assertThat(publisher.publish(plaso, 0)).isEqualTo(plasoLines.size()).isEqualTo(8);
            assertThat(publisher.publish(netdata, 1)).isEqualTo(netdataLines.size()).isEqualTo(500);
        }

        assertThat(read("logs", 0, 8)).containsExactlyElementsOf(plasoLines);
        assertThat(read("logs", 1, 500)).containsExactlyElementsOf(netdataLines);
    }

    @Test
    void aGzipLogIsPublishedAsTheLinesItHolds(@TempDir Path folder) throws IOException {
        Path plaso = Shared.data("squid/plaso_squid_access.log");
        Path gzip = folder.resolve("access.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(plaso));
        }
        kafka.createTopic("gzip", 1);
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), "gzip")) {
            publisher.publish(gzip, 0);
        }

        assertThat(read("gzip", 0, 8)).containsExactlyElementsOf(linesOf(plaso, "access.log.1.gz"));
    }

    @Test
    void aLineLongerThanTheLimitIsItsStartWithTheLimitInAHeader(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("long.log");
        String url = "http://example.com/" + "a".repeat(2000);
        Files.writeString(log, "1677971735.123 567 10.0.0.1 TCP_MISS/200 5432 GET " + url + " - HIER_DIRECT/- -\n"
                + "short line\r\n");
        kafka.createTopic("long", 1);
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), "long",
                new Analyzer.Limits(1024, 1 << 20))) {
            publisher.publish(log, 0);
        }

        List<Line> read = read("long", 0, 2);
        assertThat(read.get(0).text()).hasSize(300).startsWith("1677971735.123 567 10.0.0.1");
        assertThat(read.get(0).cut()).isEqualTo("1024");
        assertThat(read.get(1)).isEqualTo(new Line(1, "short line", "long.log", null));
    }

    @Test
    void aPartitionThatHoldsRecordsAlreadyIsRefused() {
        Path plaso = Shared.data("squid/plaso_squid_access.log");
        kafka.createTopic("twice", 1);
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), "twice")) {
            publisher.publish(plaso, 0);
            assertThatThrownBy(() -> publisher.publish(plaso, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line 1 of " + plaso + " is at offset 8");
        }
    }

    /** A record as read back: its offset, value (bytes as ISO-8859-1, one char a byte) and headers. */
    record Line(long offset, String text, String source, String cut) {
    }

    /** The file's lines, split here at \n and without a \r before it, as the records they should be. */
    private static List<Line> linesOf(Path log, String source) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            lines.add(new Line(lines.size(), line, source, null));
        }
        return lines;
    }

    private static List<Line> read(String topic, int partition, int count) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(topicPartition));
            List<Line> lines = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lines.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    lines.add(new Line(record.offset(), new String(record.value(), StandardCharsets.ISO_8859_1),
                            header(record, LogPublisher.SOURCE), header(record, LogPublisher.CUT)));
                }
            }
            assertThat(consumer.endOffsets(List.of(topicPartition))).containsEntry(topicPartition, (long) count);
            return lines;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
