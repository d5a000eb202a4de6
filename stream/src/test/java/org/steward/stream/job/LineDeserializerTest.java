package org.steward.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes a record of a log topic holds, reading it gives a line and never an exception that would stop the
 * stream: no value, a value of binary, a time out of every range, a source header of any length and control bytes.
 */
class LineDeserializerTest {

    final LineDeserializer deserializer = new LineDeserializer();

    LogLine read(byte[] value, byte[] source) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("steward.lines.12", 3, 41, null, value);
        if (source != null) {
            record.headers().add(new RecordHeader("source", source));
        }
        List<LogLine> out = new ArrayList<>();
        deserializer.deserialize(record, new Collector<>() {
            @Override
            public void collect(LogLine line) {
                out.add(line);
            }

            @Override
            public void close() {
            }
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void anyRecordIsALineOfItsDistrictNumberedByItsOffset() {
        LogLine line = read("1767628800.000 12 10.0.0.1 TCP_MISS/200 5 GET http://a.com/ amy - -"
                .getBytes(StandardCharsets.UTF_8), null);
        assertThat(line.district()).isEqualTo("12");
        assertThat(line.source()).isEqualTo("steward.lines.12-3");
        assertThat(line.line()).isEqualTo(42);
        assertThat(line.time()).isEqualTo(1_767_628_800_000L);

        assertThat(read(null, null).bytes()).isEmpty();
        assertThat(read(new byte[] {(byte) 0xff, 0, 1, 2}, null).time()).isEqualTo(Long.MIN_VALUE);
        assertThat(read("{\"kind\":\"web\",\"time\":\"+300000000-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8),
                null).time()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aSourceHeaderIsCutAndCleanedBeforeItGoesIntoEveryResult() {
        assertThat(read(new byte[0], "proxy-1/access.log".getBytes(StandardCharsets.UTF_8)).source())
                .isEqualTo("proxy-1/access.log");
        assertThat(read(new byte[0], "a\u0000b\nc".getBytes(StandardCharsets.UTF_8)).source()).isEqualTo("a?b?c");
        assertThat(read(new byte[0], "x".repeat(600_000).getBytes(StandardCharsets.UTF_8)).source()).hasSize(201);
    }
}
