package org.steward.engine.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines that could not be read. None stops a run and none is dropped silently: each is counted by reason, and the
 * first ones are kept with their line number as samples for the person who looks at the run.
 */
public final class BadLines {

    /** A kept bad line: where it was, why it was refused, and its text (cut at 300 characters). */
    public record Sample(String source, long line, String reason, String text) {
    }

    private final int keep;
    private long count;
    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    public BadLines(int keep) {
        this.keep = keep;
    }

    public void add(String source, long line, String reason, String text) {
        count++;
        byReason.merge(reason, 1L, Long::sum);
        if (samples.size() < keep) {
            samples.add(new Sample(source, line, reason, text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
    }

    public void addAll(BadLines other) {
        count += other.count;
        other.byReason.forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
        for (Sample sample : other.samples) {
            if (samples.size() < keep) {
                samples.add(sample);
            }
        }
    }

    public long count() {
        return count;
    }

    public Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }
}
