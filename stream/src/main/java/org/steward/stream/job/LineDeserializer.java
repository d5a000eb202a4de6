package org.steward.stream.job;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    /** The last source named, and its header's bytes: a partition's records nearly all name the same one. */
    private transient byte[] lastHeader;
    private transient String lastSource;
    private transient String lastTopic;
    private transient String lastDistrict;
    /** Whether the record's {@code cut} header was there: read with its source. */
    private transient boolean cut;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogLine> out) {
        byte[] bytes = record.value() == null ? new byte[0] : record.value();
        String source = source(record); // and whether it was cut
        out.collect(new LogLine(district(record.topic()), source, record.offset() + 1,
                LogLine.position(record.partition(), record.offset()), timeOf(bytes, record.offset() + 1), bytes,
                cut));
    }

    /** Reads the headers once: each key is decoded when first asked for. */
    private String source(ConsumerRecord<byte[], byte[]> record) {
        byte[] header = null;
        cut = false;
        for (Header h : record.headers()) {
            String key = h.key();
            if (key.equals("source")) {
                header = h.value();
            } else if (key.equals("cut")) {
                cut = true;
            }
        }
        if (header == null) {
            header = (record.topic() + "-" + record.partition()).getBytes(StandardCharsets.UTF_8);
        }
        if (!Arrays.equals(header, lastHeader)) {
            lastHeader = header;
            lastSource = sourceName(header);
        }
        return lastSource;
    }

    /**
     * A source's name as a shipper wrote it, cut to 200 characters and without control characters: it goes into
     * every bad line's and finding's record, which Kafka and PostgreSQL bound and PostgreSQL stores no NUL in.
     */
    static String sourceName(byte[] header) {
        String name = new String(header, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return name.length() > 200 ? name.substring(0, 200) + "…" : name;
    }

    private String district(String topic) {
        if (!topic.equals(lastTopic)) {
            lastTopic = topic;
            lastDistrict = Topics.district(topic);
        }
        return lastDistrict;
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
