package org.steward.stream.job;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The activity engine as a Flink job: districts' log lines from Kafka, read and attributed in as many tasks as the
 * source has, counted per district and person in keyed state, and what comes of them (final usage rows, findings as
 * soon as they are and as their windows close, lines that cannot be counted) written to Kafka in transactions that
 * commit with each checkpoint: exactly once. docs/scale.md tells how a county runs it.
 */
public final class ActivityJob {

    /**
     * Where the job reads and writes, and how: {@code bounded} stops at the offsets the topics had when it started
     * (local mode and tests); {@code outOfOrderness} is how far a partition's lines may come out of the order of their
     * times (a proxy's workers write their lines a little out of order).
     */
    public record Options(String bootstrapServers, String group, boolean bounded, Duration outOfOrderness,
                          Duration idlePartition, String transactionalIdPrefix) {

        /** A run over what the topics hold when it starts, as local mode makes. */
        public static Options local(String bootstrapServers) {
            return new Options(bootstrapServers, "steward-activity", true, Duration.ofMinutes(1),
                    Duration.ofSeconds(30), "steward-activity");
        }

        /** A job that follows the topics as lines come, as a county runs it. */
        public static Options following(String bootstrapServers) {
            return new Options(bootstrapServers, "steward-activity", false, Duration.ofMinutes(1),
                    Duration.ofMinutes(1), "steward-activity");
        }
    }

    private ActivityJob() {
    }

    /**
     * Adds the job to {@code env}: the lines of the districts' topics, to the sinks given (each gets every result
     * and keeps what it keeps: the Kafka topics all, PostgreSQL usage and findings).
     */
    @SafeVarargs
    public static void build(StreamExecutionEnvironment env, List<DistrictSetup> setups, Options options,
                             Sink<Told>... sinks) {
        Districts districts = Districts.of(setups);
        // no copy of a line between the chained source and reader: neither keeps a record once it has passed it on
        env.getConfig().enableObjectReuse();
        KafkaSourceBuilder<LogLine> lines = KafkaSource.<LogLine>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setGroupId(options.group())
                .setTopicPattern(Pattern.compile(Pattern.quote(Topics.LINES_PREFIX) + ".+"))
                .setDeserializer(new LineDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("register.consumer.metrics", "false");
        if (options.bounded()) {
            // a run from the start to the end of the topics, as the job's local mode makes: no group to resume
            lines.setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest())
                    .setProperty("commit.offsets.on.checkpoint", "false");
        } else {
            // a new district's topic is found within a minute; a job started afresh resumes where its group was
            lines.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                    .setProperty("partition.discovery.interval.ms", "60000");
        }
        KafkaSource<LogLine> source = lines.build();
        WatermarkStrategy<LogLine> watermarks = WatermarkStrategy
                .<LogLine>forBoundedOutOfOrderness(options.outOfOrderness())
                .withTimestampAssigner((line, kafkaTime) -> line.time())
                .withIdleness(options.idlePartition());
        BroadcastStream<DistrictSetup> changes = setups(env, options).broadcast(Setups.STATE);
        SingleOutputStreamOperator<PersonLine> attributed = env.fromSource(source, watermarks, "log lines")
                .uid("log-lines")
                .process(new Attribute()).name("read and attribute").uid("attribute");
        DataStream<Told> counted = attributed
                .keyBy(PersonLine::key)
                .connect(changes)
                .process(new CountActivity(districts)).name("count per person").uid("count");
        DataStream<Told> results = counted.union(attributed.getSideOutput(Attribute.BAD));
        for (int i = 0; i < sinks.length; i++) {
            results.sinkTo(sinks[i]).name(i == 0 ? "results" : "results " + (i + 1))
                    .uid(i == 0 ? "results" : "results-" + (i + 1));
        }
    }

    /**
     * The districts' changed setups, from their topic (to the offsets it had at the start, for a bounded run). The
     * stream of changes is idle between changes, so that the watermark of the lines alone moves the tasks' time.
     */
    private static DataStream<DistrictSetup> setups(StreamExecutionEnvironment env, Options options) {
        KafkaSourceBuilder<DistrictSetup> changes = KafkaSource.<DistrictSetup>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setGroupId(options.group() + "-setups")
                .setTopics(Topics.SETUPS) // made with the job's other topics (docs/scale.md), empty or not
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SetupDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("register.consumer.metrics", "false");
        if (options.bounded()) {
            changes.setBounded(OffsetsInitializer.latest()).setProperty("commit.offsets.on.checkpoint", "false");
        }
        return env.fromSource(changes.build(), WatermarkStrategy.<DistrictSetup>forMonotonousTimestamps()
                        .withIdleness(Duration.ofSeconds(1)), "setup changes").uid("setup-changes");
    }

    /** The results to their Kafka topics, in transactions committed with the job's checkpoints. */
    public static KafkaSink<Told> kafkaSink(Options options) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", String.valueOf(Duration.ofMinutes(10).toMillis()));
        return KafkaSink.<Told>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new ToldSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix())
                .setKafkaProducerConfig(producer)
                .build();
    }
}
