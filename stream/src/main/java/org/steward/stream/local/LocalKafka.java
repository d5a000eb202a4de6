package org.steward.stream.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single Kafka broker in this JVM, for local runs and tests: one KRaft node that is broker and controller at once,
 * listening on free ports of 127.0.0.1, its logs in a temporary folder that {@link #close()} deletes. It is the
 * server that {@code kafka-storage.sh format} and {@code kafka-server-start.sh} would run, without the scripts.
 */
public final class LocalKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private final Path folder;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private LocalKafka(Path folder, KafkaRaftServer server, String bootstrapServers) {
        this.folder = folder;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats a new folder and starts the broker; returns once the broker takes requests. */
    public static LocalKafka start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("steward-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a folder for Kafka's logs", e);
        }
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            String logs = folder.resolve("logs").toString();
            KafkaConfig config = new KafkaConfig(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", String.valueOf(NODE_ID)),
                    Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                    Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER
                            + "://127.0.0.1:" + controllerPort),
                    Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                    Map.entry("controller.listener.names", CONTROLLER),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
                    Map.entry("log.dirs", logs),
                    // Topics are made on purpose, with the partitions asked for, never by a client's typo.
                    Map.entry("auto.create.topics.enable", "false"),
                    // One node: every internal topic has one replica, and one partition is plenty.
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("transaction.state.log.num.partitions", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    // The compaction buffer is 128 MiB of heap by default, taken at start.
                    Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 << 20)),
                    Map.entry("num.network.threads", "2"),
                    Map.entry("num.io.threads", "2")), false);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logs)
                    .run();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new LocalKafka(folder, server, "127.0.0.1:" + brokerPort);
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("Kafka did not start in " + folder, e);
            try {
                delete(folder);
            } catch (UncheckedIOException notDeleted) {
                failure.addSuppressed(notDeleted);
            }
            throw failure;
        }
    }

    /** Where clients connect: {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Makes a topic of {@code partitions} partitions, one replica each; returns once the broker has made it. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not make the topic " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the topic " + name, e);
        }
    }

    /** Stops the broker, then deletes its logs. */
    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            delete(folder);
        }
    }

    /** A port nothing listens on now; the broker binds it a moment later (the controller's must be known in advance). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path folder) {
        try {
            Utils.delete(folder.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete Kafka's logs in " + folder, e);
        }
    }
}
