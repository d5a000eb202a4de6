package org.steward.stream.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A bounded Flink job that counts a log topic's records by their {@code source} header: the smallest job that uses
 * every part the stream job needs (a KafkaSource from earliest to latest offsets, watermarks per partition, keyed
 * event-time windows), run by the tests on {@link LocalFlink} and {@link LocalKafka}.
 */
final class LinesBySource {

    private LinesBySource() {
    }

    /** Lines counted per source file, in day windows of the records' Kafka timestamps, added up. */
    static Map<String, Long> count(StreamExecutionEnvironment flink, String bootstrapServers, String topic)
            throws Exception {
        KafkaSource<Tuple2<String, Long>> source = KafkaSource.<Tuple2<String, Long>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new OneBySource())
                .build();
        Map<String, Long> counts = new TreeMap<>();
        try (CloseableIterator<Tuple2<String, Long>> windows = flink
                .fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(1)), "logs")
                .keyBy(line -> line.f0)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                .sum(1)
                .executeAndCollect("lines by source")) {
            windows.forEachRemaining(window -> counts.merge(window.f0, window.f1, Long::sum));
        }
        return counts;
    }

    /** A record as (its source header, 1). */
    private static final class OneBySource implements KafkaRecordDeserializationSchema<Tuple2<String, Long>> {

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<String, Long>> out) {
            out.collect(Tuple2.of(new String(record.headers().lastHeader(LogPublisher.SOURCE).value(),
                    StandardCharsets.UTF_8), 1L));
        }

        @Override
        public TypeInformation<Tuple2<String, Long>> getProducedType() {
            return Types.TUPLE(Types.STRING, Types.LONG);
        }
    }
}
