package org.steward.stream.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
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
final class CountActivity extends KeyedBroadcastProcessFunction<String, PersonLine, DistrictSetup, Told> {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;

    private final Districts districts;
    private transient ValueState<PersonState> people;
    private transient Setups setups;
    private transient Counter lateLines;

    CountActivity(Districts districts) {
        this.districts = districts;
    }

    @Override
    public void open(OpenContext context) {
        people = getRuntimeContext().getState(new ValueStateDescriptor<>("activity", PersonStateSerializer.INSTANCE));
        setups = new Setups(districts);
        lateLines = getRuntimeContext().getMetricGroup().counter("lateLines");
    }

    @Override
    public void processElement(PersonLine line, ReadOnlyContext context, Collector<Told> out) throws Exception {
        DistrictSetup.Engine engine = setups.engine(line.district(), context.getBroadcastState(Setups.STATE));
        byte[] bytes = line.bytes();
        if (engine == null) {
            out.collect(BadLines.told(line.district(), line.source(), line.line(),
                    "no district " + line.district() + " is set up for this job", bytes));
            return;
        }
        Observation o = engine.observer().observe(bytes, 0, bytes.length, line.line()); // read whole: Attribute did

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
        ActivityState activity = person.activity(engine);
        activity.add(o, line.source(), line.position());
        for (Finding finding : activity.reached()) {
            out.collect(finding(line.district(), Told.State.OPEN, finding));
        }
        people.update(person);
        // what a person's lines make final comes out as days and windows end, on the hour: a timer an hour, set
        // once for all the lines of the hour (a timer that fired is followed by the next hour's, see onTimer)
        long timer = Math.floorDiv(o.event().time(), HOUR) * HOUR + HOUR + engine.setup().idleMillis()
                + engine.setup().longestRequestMillis();
        if (person.timer() != timer) {
            context.timerService().registerEventTimeTimer(timer);
            person.timer(timer);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Told> out) throws Exception {
        PersonState person = people.value();
        if (person == null || person.isEmpty()) {
            return;
        }
        String district = context.getCurrentKey().substring(0, context.getCurrentKey().indexOf('/'));
        DistrictSetup.Engine engine = setups.engine(district, context.getBroadcastState(Setups.STATE));
        long watermark = context.timerService().currentWatermark();
        long time = watermark == Long.MAX_VALUE ? Long.MAX_VALUE
                : watermark + 1 - engine.setup().longestRequestMillis();
        ActivityState activity = person.activity(engine);
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
        if (!person.isEmpty()) {
            // days and weeks end on the hour; a watermark far ahead is not walked an hour at a time
            long next = Math.max(timestamp, watermark) + HOUR;
            context.timerService().registerEventTimeTimer(next);
            person.timer(next);
        }
        people.update(person);
    }

    /**
     * A district's changed setup: loaded and checked first (its lists, rules and calendar), and kept if sound, so
     * that the lines that come next are counted with it; each person's activity takes it up when next counted (a
     * window of a rule the new pack lacks ends untold). Told either way on the topic of setups told, by each task.
     */
    @Override
    public void processBroadcastElement(DistrictSetup setup, Context context, Collector<Told> out) throws Exception {
        if (!setups.isNewer(setup, context.getBroadcastState(Setups.STATE))) {
            return;
        }
        int task = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        String key = setup.version() + "\t" + task;
        try {
            setup.check();
        } catch (RuntimeException e) {
            out.collect(new Told(Told.Kind.SETUP, Told.State.WITHDRAWN, setup.district(), key,
                    SetupTold.json(setup, task, e.getMessage() != null ? e.getMessage() : e.toString())));
            return;
        }
        context.getBroadcastState(Setups.STATE).put(setup.district(), setup);
        out.collect(new Told(Told.Kind.SETUP, Told.State.FINAL, setup.district(), key,
                SetupTold.json(setup, task, null)));
    }

    private static Told finding(String district, Told.State state, Finding finding) {
        return new Told(Told.Kind.FINDING, state, district,
                finding.rule() + "\t" + finding.person() + "\t" + finding.windowStart(), JsonRecords.finding(finding));
    }
}
