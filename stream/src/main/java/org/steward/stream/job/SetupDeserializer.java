package org.steward.stream.job;

import java.nio.charset.StandardCharsets;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of the topic of setups as a {@link DistrictSetup}. A record that is not one is logged and passed over:
 * a bad record must not stop the stream, and the district keeps the setup it had.
 */
final class SetupDeserializer implements KafkaRecordDeserializationSchema<DistrictSetup> {

    private static final Logger LOG = LoggerFactory.getLogger(SetupDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DistrictSetup> out) {
        if (record.value() == null) {
            return;
        }
        try {
            DistrictSetup setup = DistrictSetup.fromJson(new String(record.value(), StandardCharsets.UTF_8));
            if (setup == null) {
                throw new IllegalArgumentException("the record holds null");
            }
            out.collect(setup);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}-{} offset {} is not a district's setup, passed over: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<DistrictSetup> getProducedType() {
        return TypeInformation.of(DistrictSetup.class);
    }
}
