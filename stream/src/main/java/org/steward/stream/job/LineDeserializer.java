package org.steward.stream.job;

import java.nio.charset.StandardCharsets;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.steward.engine.LineObserver;
import org.steward.engine.events.ActivityEvent;
import org.steward.engine.parse.JsonLineParser;
import org.steward.engine.parse.SquidLineParser;

/**
 * A Kafka record of a log topic as a {@link LogLine}: its value is one line's bytes. The district is the topic's
 * name after {@code steward.lines.} (one topic per district, docs/scale.md); the source is the record's
 * {@code source} header (a shipper names the file or proxy there) or the topic and partition. Only the line's time is
 * read here, for the watermark of its partition; the line is read whole once it is known to be a person's.
 */
final class LineDeserializer implements KafkaRecordDeserializationSchema<LogLine> {

    private transient JsonLineParser json;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogLine> out) {
        byte[] bytes = record.value() == null ? new byte[0] : record.value();
        Header named = record.headers().lastHeader("source");
        String source = named != null ? new String(named.value(), StandardCharsets.UTF_8)
                : record.topic() + "-" + record.partition();
        out.collect(new LogLine(Topics.district(record.topic()), source, record.offset() + 1,
                LogLine.position(record.partition(), record.offset()), timeOf(bytes, record.offset() + 1), bytes,
                record.headers().lastHeader("cut") != null));
    }

    private long timeOf(byte[] bytes, long line) {
        if (bytes.length > DistrictSetup.MAX_LINE_BYTES) {
            return Long.MIN_VALUE;
        }
        if (!LineObserver.isJson(bytes, 0, bytes.length)) {
            long time = SquidLineParser.timeOf(bytes, 0, bytes.length);
            return time < 0 ? Long.MIN_VALUE : time;
        }
        if (json == null) {
            json = new JsonLineParser();
        }
        ActivityEvent event = json.parse(new String(bytes, StandardCharsets.UTF_8), line);
        return event == null ? Long.MIN_VALUE : event.time();
    }

    @Override
    public TypeInformation<LogLine> getProducedType() {
        return TypeInformation.of(LogLine.class);
    }
}
