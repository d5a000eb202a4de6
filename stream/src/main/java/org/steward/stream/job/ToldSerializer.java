package org.steward.stream.job;

import java.nio.charset.StandardCharsets;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * What the job tells, as a Kafka record of the topic for its kind: the key is the district and what is told (a
 * compacted topic keeps the latest of each), the value its JSON, the headers its district and state.
 */
final class ToldSerializer implements KafkaRecordSerializationSchema<Told> {

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Told told, KafkaSinkContext context, Long timestamp) {
        String topic = switch (told.kind()) {
            case USAGE -> Topics.USAGE;
            case FINDING -> Topics.FINDINGS;
            case BAD_LINE -> Topics.BAD_LINES;
            case SETUP -> Topics.SETUPS_TOLD;
        };
        // stamped by the broker's clock, not the line's: a line's time may be negative or years ahead, which Kafka refuses
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null,
                bytes(told.district() + "\t" + told.key()), bytes(told.json()));
        record.headers().add(new RecordHeader("district", bytes(told.district())));
        record.headers().add(new RecordHeader("state", bytes(told.state().name().toLowerCase())));
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
