package org.steward.stream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.stream.Shared;

class LocalFlinkTest {

    static final Path PLASO = Shared.data("squid/plaso_squid_access.log");
    static final Path NETDATA = Shared.data("squid/netdata_godplugin_squidlog_access.log");

    static LocalKafka kafka;

    @BeforeAll
    static void publishTwoLogs() {
        kafka = LocalKafka.start();
        kafka.createTopic("logs", 2);
        try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), "logs")) {
            publisher.publish(PLASO, 0);
            publisher.publish(NETDATA, 1);
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aBoundedKafkaSourceOnTwoSlotsReadsEveryLineOfEachLogOnce() throws Exception {
        try (LocalFlink flink = LocalFlink.start(2)) {
            assertThat(LinesBySource.count(flink.environment(), kafka.bootstrapServers(), "logs"))
                    .isEqualTo(expected());
        }
    }

    @Test
    void withCheckpointsTheJobEndsOnItsFinalCheckpointHavingReadTheSame() throws Exception {
        try (LocalFlink flink = LocalFlink.start(2, Duration.ofMillis(100))) {
            assertThat(LinesBySource.count(flink.environment(), kafka.bootstrapServers(), "logs"))
                    .isEqualTo(expected());
        }
    }

    @Test
    void oneClusterRunsOneJobAfterAnother() throws Exception {
        try (LocalFlink flink = LocalFlink.start(1)) {
            assertThat(LinesBySource.count(flink.environment(), kafka.bootstrapServers(), "logs"))
                    .isEqualTo(LinesBySource.count(flink.environment(), kafka.bootstrapServers(), "logs"))
                    .isEqualTo(expected());
        }
    }

    /** The logs' lines, counted here (the last line of netdata's has no newline, so `wc -l` says 499). */
    static Map<String, Long> expected() throws IOException {
        return Map.of(PLASO.getFileName().toString(), lines(PLASO), NETDATA.getFileName().toString(), lines(NETDATA));
    }

    private static long lines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).size();
    }
}
