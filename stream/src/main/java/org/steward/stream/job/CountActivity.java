package org.steward.stream.job;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.steward.engine.ActivityState;
import org.steward.engine.JsonRecords;
import org.steward.engine.events.WebRequest;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Observation;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.usage.UsageRow;

/**
 * Counts each person's lines with the engine ({@link ActivityState}, in the person's keyed state) and tells what
 * comes of them: a finding as soon as its window reaches the rule's threshold, and as the watermark passes (timers),
 * the usage rows of days that ended and the findings of windows that closed. The watermark is the time of the lines
 * (their requests' ends) less the out-of-orderness the source allows; the lines still to come started no earlier than
 * the watermark less the district's longest request, and that is how far a person's activity is advanced.
 */
final class CountActivity extends KeyedProcessFunction<String, PersonLine, Told> {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;

    private final Districts districts;
    private transient ValueState<PersonState> people;
    private transient Map<String, DistrictSetup.Engine> engines;
    private transient Counter lateLines;

    CountActivity(Districts districts) {
        this.districts = districts;
    }

    @Override
    public void open(OpenContext context) {
        people = getRuntimeContext().getState(new ValueStateDescriptor<>("activity", PersonStateSerializer.INSTANCE));
        engines = new HashMap<>();
        lateLines = getRuntimeContext().getMetricGroup().counter("lateLines");
    }

    private DistrictSetup.Engine engine(String district) {
        return engines.computeIfAbsent(district, d -> districts.get(d).engine());
    }

    @Override
    public void processElement(PersonLine line, Context context, Collector<Told> out) throws Exception {
        DistrictSetup.Engine engine = engine(line.district());
        byte[] bytes = line.bytes();
        Observation o = engine.observer().observe(bytes, 0, bytes.length, line.line());
        if (o == null) { // Attribute read it: only a setup changed in between reads it otherwise
            out.collect(BadLines.told(line.district(), line.source(), line.line(), engine.observer().problem(),
                    bytes));
            return;
        }
        PersonState person = people.value();
        if (person == null) {
            person = new PersonState();
        }
        long start = o.event() instanceof WebRequest web ? web.start() : o.event().time();
        if (start < person.advancedTo()) {
            lateLines.inc();
            out.collect(BadLines.told(line.district(), line.source(), line.line(), "the line came after the lines of"
                    + " requests that started over " + engine.setup().longestRequestMillis() / MINUTE
                    + " minutes after it, the longest request the district expects: it is not counted", bytes));
            return;
        }
        ActivityState activity = person.activity(engine.activity());
        activity.add(o, line.source(), line.position());
        for (Finding finding : activity.reached()) {
            out.collect(finding(line.district(), Told.State.OPEN, finding));
        }
        people.update(person);
        long end = o.event().time();
        context.timerService().registerEventTimeTimer(Math.floorDiv(end, MINUTE) * MINUTE + MINUTE
                + engine.setup().idleMillis() + engine.setup().longestRequestMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Told> out) throws Exception {
        PersonState person = people.value();
        if (person == null || person.isEmpty()) {
            return;
        }
        String district = context.getCurrentKey().substring(0, context.getCurrentKey().indexOf('/'));
        DistrictSetup.Engine engine = engine(district);
        long watermark = context.timerService().currentWatermark();
        long time = watermark == Long.MAX_VALUE ? Long.MAX_VALUE
                : watermark + 1 - engine.setup().longestRequestMillis();
        ActivityState activity = person.activity(engine.activity());
        ActivityState.Final taken = activity.advance(time);
        person.advancedTo(time);
        for (UsageRow row : taken.rows()) {
            out.collect(new Told(Told.Kind.USAGE, Told.State.FINAL, district,
                    row.date() + "\t" + row.person() + "\t" + row.site(), JsonRecords.usage(row)));
        }
        for (RuleEngine.Ended ended : taken.ended()) {
            out.collect(finding(district, ended.reached() ? Told.State.FINAL : Told.State.WITHDRAWN,
                    ended.finding()));
        }
        person.dropIfEmpty();
        people.update(person);
        if (!person.isEmpty()) {
            // days and weeks end on the hour; a watermark far ahead is not walked an hour at a time
            context.timerService().registerEventTimeTimer(Math.max(timestamp, watermark) + HOUR);
        }
    }

    private static Told finding(String district, Told.State state, Finding finding) {
        return new Told(Told.Kind.FINDING, state, district,
                finding.rule() + "\t" + finding.person() + "\t" + finding.windowStart(), JsonRecords.finding(finding));
    }
}
