package org.steward.stream.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.steward.engine.Analyzer;

/**
 * Publishes log files to a Kafka topic line by line, as the engine reads them: one record a line, whose value is the
 * line's bytes, and one partition a file, so that a record's offset + 1 is its line number in the file and a finding
 * made downstream can still point at the log's line. The producer is idempotent (a retry never writes a line twice)
 * and not transactional (a transaction's markers would take offsets of their own).
 */
public final class LogPublisher implements AutoCloseable {

    /** The record header naming the file a line comes from. */
    public static final String SOURCE = "source";
    /**
     * The record header on a line longer than the engine's line limit, whose value holds only the line's first bytes;
     * the header's value is the limit, in decimal. (A line holding a NUL byte is published whole, NUL and all.)
     */
    public static final String CUT = "cut";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Analyzer.Limits limits;

    public LogPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Analyzer.Limits.DEFAULT);
    }

    public LogPublisher(String bootstrapServers, String topic, Analyzer.Limits limits) {
        this.topic = topic;
        this.limits = limits;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "steward-log-publisher"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Publishes every line of {@code log} to {@code partition}, which must be empty, and returns the number of lines
     * once the broker has them all. Fails, before the second line, when the partition already held records.
     */
    public long publish(Path log, int partition) {
        List<Header> source = List.of(new RecordHeader(SOURCE, log.getFileName().toString()
                .getBytes(StandardCharsets.UTF_8)));
        List<Header> cut = List.of(source.get(0), new RecordHeader(CUT,
                String.valueOf(limits.maxLineBytes()).getBytes(StandardCharsets.US_ASCII)));
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<Future<RecordMetadata>> last = new AtomicReference<>();
        long lines = Analyzer.eachLine(log, limits, (line, isCut) -> {
            failIfRefused(log, partition, failure);
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, partition, null, null, line,
                    isCut ? cut : source), (metadata, e) -> failure.compareAndSet(null, e));
            if (last.getAndSet(sent) == null) {
                expectOffset(log, sent, 0);
            }
        });
        producer.flush();
        failIfRefused(log, partition, failure);
        if (lines > 0) {
            expectOffset(log, last.get(), lines - 1);
        }
        return lines;
    }

    private void failIfRefused(Path log, int partition, AtomicReference<Exception> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not take " + log + " in " + topic + "-" + partition,
                    failure.get());
        }
    }

    /** Whether line {@code offset + 1} landed at {@code offset}: only then do offsets name the log's lines. */
    private void expectOffset(Path log, Future<RecordMetadata> sent, long offset) {
        RecordMetadata metadata;
        try {
            metadata = sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take " + log + " in " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + log, e);
        }
        if (metadata.offset() != offset) {
            throw new IllegalStateException(topic + "-" + metadata.partition() + " held other records: line "
                    + (offset + 1) + " of " + log + " is at offset " + metadata.offset());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
