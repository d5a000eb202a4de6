package org.steward.stream.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.steward.engine.LineObserver;
import org.steward.engine.rules.Observation;

/**
 * Reads each line as the engine does ({@link LineObserver}) to learn whom it is about, so that it can go to the task
 * that keeps that person; a bad line is told (side output {@link #BAD}), a proxy's challenge or error counted (the
 * metrics {@code challenges} and {@code proxyErrors}): neither is anybody's use of a site. Keeps no state of its own
 * but the districts' setups, broadcast to it: it runs in as many tasks as the source.
 */
final class Attribute extends BroadcastProcessFunction<LogLine, DistrictSetup, PersonLine> {

    static final OutputTag<Told> BAD = new OutputTag<>("bad-lines", TypeInformation.of(Told.class));

    private final Districts districts;
    private transient Setups setups;
    private transient Counter challenges;
    private transient Counter proxyErrors;
    private transient Counter badLines;

    Attribute(Districts districts) {
        this.districts = districts;
    }

    @Override
    public void open(OpenContext context) {
        setups = new Setups(districts);
        challenges = getRuntimeContext().getMetricGroup().counter("challenges");
        proxyErrors = getRuntimeContext().getMetricGroup().counter("proxyErrors");
        badLines = getRuntimeContext().getMetricGroup().counter("badLines");
    }

    @Override
    public void processElement(LogLine line, ReadOnlyContext context, Collector<PersonLine> out) throws Exception {
        DistrictSetup.Engine engine = setups.engine(line.district(), context.getBroadcastState(Setups.STATE));
        if (engine == null) {
            badLines.inc();
            context.output(BAD, BadLines.told(line.district(), line.source(), line.line(),
                    "no district " + line.district() + " is set up for this job", line.bytes()));
            return;
        }
        LineObserver observer = engine.observer();
        byte[] bytes = line.bytes();
        Observation o = observer.observe(bytes, 0, bytes.length, line.line(), line.cut());
        if (o != null) {
            out.collect(new PersonLine(line.district(), o.person(), line.source(), line.line(), line.position(),
                    bytes));
            return;
        }
        switch (observer.rejected()) {
            case CHALLENGE -> challenges.inc();
            case PROXY_ERROR -> proxyErrors.inc();
            case BAD -> {
                badLines.inc();
                context.output(BAD, BadLines.told(line.district(), line.source(), line.line(), observer.problem(),
                        bytes));
            }
        }
    }

    /** A district's changed setup: kept once the task counting its people has found it sound (see there). */
    @Override
    public void processBroadcastElement(DistrictSetup setup, Context context, Collector<PersonLine> out)
            throws Exception {
        if (setups.isNewer(setup, context.getBroadcastState(Setups.STATE))) {
            try {
                setup.check();
            } catch (RuntimeException e) {
                return; // told by the counting tasks, which refuse it too
            }
            context.getBroadcastState(Setups.STATE).put(setup.district(), setup);
        }
    }
}
