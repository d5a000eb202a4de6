package org.steward.engine.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.engine.events.ActivityEvent;

/**
 * One rule of a district's pack: what it looks for (event kinds, categories, time of day, a CEL condition), how
 * much of it makes a finding (a threshold per person within a window), and the clause of each policy it enforces.
 */
public record Rule(String id, String title, Severity severity, Set<ActivityEvent.Kind> kinds, List<String> categories,
                   TimeFilter time, Condition condition, Threshold threshold, Map<String, String> clauses) {

    public enum Severity {
        LOW, MEDIUM, HIGH
    }

    public enum TimeFilter {
        ALWAYS, DUTY, NON_DUTY
    }

    public enum Measure {
        /** Matching events. */
        COUNT,
        /** Matching events that start a visit to a site. */
        VISITS,
        BYTES,
        /** Milliseconds of matching requests; the threshold is given in seconds. */
        SECONDS
    }

    public enum Window {
        HOUR, DAY, WEEK
    }

    /** A finding is raised when the measure reaches {@code atLeast} within one window. */
    public record Threshold(Measure measure, long atLeast, Window window) {

        public static final Threshold ONCE_A_DAY = new Threshold(Measure.COUNT, 1, Window.DAY);
    }
}
