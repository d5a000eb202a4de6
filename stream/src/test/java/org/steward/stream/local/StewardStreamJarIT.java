package org.steward.stream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaRaftServer;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.steward.stream.Shared;

/** stream/target/steward-stream.jar, which Failsafe puts on this test's class path in place of the libraries. */
class StewardStreamJarIT {

    static final Path JAR = Path.of("target/steward-stream.jar").toAbsolutePath();

    @Test
    void javaDashJarRunsTheCommandAndPrintsItsUsage() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).startsWith("Usage: java -jar steward-stream.jar local");
    }

    @Test
    void kafkaAndAFlinkJobRunOnTheJarsClassesAlone() throws Exception {
        for (Class<?> shaded : new Class<?>[] {LocalKafka.class, KafkaRaftServer.class, MiniCluster.class,
                StreamExecutionEnvironment.class}) {
            assertThat(Path.of(shaded.getProtectionDomain().getCodeSource().getLocation().toURI()))
                    .as(shaded.getName()).isEqualTo(JAR);
        }
        Path plaso = Shared.data("squid/plaso_squid_access.log");
        try (LocalKafka kafka = LocalKafka.start(); LocalFlink flink = LocalFlink.start(2)) {
            kafka.createTopic("logs", 2);
            try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), "logs")) {
                publisher.publish(plaso, 1);
            }

            assertThat(LinesBySource.count(flink.environment(), kafka.bootstrapServers(), "logs"))
                    .isEqualTo(Map.of("plaso_squid_access.log", 8L));
        }
    }
}
