package org.steward.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.events.WebRequest;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Observation;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.usage.LocalDays;
import org.steward.engine.usage.Usage;
import org.steward.engine.usage.UsageRow;

/**
 * What the engine keeps of one person's activity while a stream goes on: their usage (open visits, the days' rows)
 * and their rules' windows. The analyzer counts a whole input in one usage and one rule engine; a stream job keeps one
 * of these per person in its keyed state, counts each line as it comes ({@link #add}), and as its watermark passes
 * ({@link #advance}) takes out what is final: the rows of days that ended, the findings of windows that closed. The
 * lines of one person may come in any order; what is counted does not depend on it, as long as each line is numbered
 * by its place in the input ({@code request}): the analyzer numbers them so too.
 */
public final class ActivityState {

    /**
     * What the people of one task share: the rules compiled once, the idle time, the categories, and the local days
     * of the district's zone. Not thread-safe: one per task.
     */
    public record Setup(RuleEngine rules, LocalDays days, long idleMillis, CategoryIndex categories) {

        public Setup(RuleEngine rules, ZoneId zone, long idleMillis, CategoryIndex categories) {
            this(rules, new LocalDays(zone), idleMillis, categories);
        }
    }

    /** What an {@link #advance} took out: final usage rows, and the windows that ended. */
    public record Final(List<UsageRow> rows, List<RuleEngine.Ended> ended) {
        public boolean isEmpty() {
            return rows.isEmpty() && ended.isEmpty();
        }
    }

    /** A person uses tens of sites a day: the usage starts small. */
    private static final int CAPACITY = 8;

    private final Usage usage;
    private final RuleEngine rules;

    private ActivityState(Usage usage, RuleEngine rules) {
        this.usage = usage;
        this.rules = rules;
    }

    public static ActivityState empty(Setup setup) {
        return new ActivityState(new Usage(setup.days(), setup.idleMillis(), CAPACITY), setup.rules().emptyCopy());
    }

    /** Counts one line's observation, numbered by its place in the input. */
    public void add(Observation o, String source, long request) {
        count(o, source, usage, rules, request);
    }

    /**
     * One line's observation into usage and the rules, as the analyzer and a stream count it. 1 when it was a
     * blocked attempt.
     */
    static int count(Observation o, String source, Usage usage, RuleEngine rules, long request) {
        int blocked = 0;
        if (o.event() instanceof WebRequest web) {
            if (web.blocked()) {
                usage.blocked(o.person(), o.site(), web.time(), o.categories());
                blocked = 1;
            } else if (usage.add(o.person(), o.site(), web.start(), web.time(), web.bytes(), o.categories(),
                    request)) {
                o = o.startingVisit();
            }
            if (usage.hasUnopened()) {
                rules.unopened(usage.unopened()); // visits joined by a late line: one visit, counted once
            }
        }
        rules.observe(o, source, request);
        return blocked;
    }

    /** The findings whose windows reached their threshold since last asked, their windows still open. */
    public List<Finding> reached() {
        return rules.takeReached();
    }

    /**
     * Takes out what no line to come can change, when the lines to come start at {@code time} or later (a stream's
     * watermark plus one; {@code Long.MAX_VALUE} at the end of the input): visits that can no longer be joined are
     * closed and counted, then the rows of days that ended and the windows that closed are taken.
     */
    public Final advance(long time) {
        usage.closeBefore(time);
        return new Final(usage.takeEnded(time), rules.takeEnded(time));
    }

    /** Whether nothing is kept: the person's state can be dropped. */
    public boolean isEmpty() {
        return usage.isEmpty() && rules.isEmpty();
    }

    /** For a stream job's checkpoint: {@link #read} makes the state again. */
    public void write(DataOutput out) throws IOException {
        usage.write(out);
        rules.write(out);
    }

    public static ActivityState read(DataInput in, Setup setup) throws IOException {
        Usage usage = Usage.read(in, setup.days(), setup.idleMillis(), setup.categories()::setOf);
        RuleEngine rules = setup.rules().emptyCopy();
        rules.read(in);
        return new ActivityState(usage, rules);
    }
}
