package org.steward.stream.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.steward.engine.LineObserver;
import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.rules.Observation;
import org.steward.engine.usage.Leases;

/**
 * Reads each line as the engine does ({@link LineObserver}) to learn whom it is about, so that it can go to the task
 * that keeps that person; a bad line is told (side output {@link #BAD}), a proxy's challenge or error counted (the
 * metrics {@code challenges} and {@code proxyErrors}): neither is anybody's use of a site. Whom a line is about and
 * whether it is one the engine reads depend on no district's setup (not on its lists or rules), so this runs chained
 * to the source, in as many tasks, with no state: the lines go from the Kafka fetch to the shuffle by person without
 * being copied in between. (Attributing by a district's address leases, when the job gets them, will need them here.)
 */
final class Attribute extends ProcessFunction<LogLine, PersonLine> {

    static final OutputTag<Told> BAD = new OutputTag<>("bad-lines", TypeInformation.of(Told.class));

    private transient LineObserver observer;
    private transient Counter challenges;
    private transient Counter proxyErrors;
    private transient Counter badLines;

    @Override
    public void open(OpenContext context) {
        observer = new LineObserver(CategoryIndex.builder(0).build(), Leases.NONE, DistrictSetup.MAX_LINE_BYTES);
        challenges = getRuntimeContext().getMetricGroup().counter("challenges");
        proxyErrors = getRuntimeContext().getMetricGroup().counter("proxyErrors");
        badLines = getRuntimeContext().getMetricGroup().counter("badLines");
    }

    @Override
    public void processElement(LogLine line, Context context, Collector<PersonLine> out) {
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
}
