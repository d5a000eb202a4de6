package org.steward.engine.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lines that could not be read. None stops a run and none is dropped silently: each is counted by the kind of its
 * reason (without the line's own values, so the counts stay a few lines long whatever the number of bad lines), and
 * the first ones are kept with their line number and whole reason as samples for the person who looks at the run.
 */
public final class BadLines {

    /** A kept bad line: where it was, why it was refused, and its text (cut at 300 characters). */
    public record Sample(String source, long line, String reason, String text) {
    }

    private static final Pattern QUOTED = Pattern.compile(" ?'[^']*'");

    private final int keep;
    private long count;
    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    public BadLines(int keep) {
        this.keep = keep;
    }

    /** A bad line whose reason's kind is the reason without its quoted values ("time 'x' is…": "time is…"). */
    public void add(String source, long line, String reason, String text) {
        add(source, line, kindOf(reason), reason, text);
    }

    public void add(String source, long line, String kind, String reason, String text) {
        count++;
        byReason.merge(kind, 1L, Long::sum);
        if (samples.size() < keep) {
            String kept = text.length() > 300 ? text.substring(0, 300) + "…" : text;
            // shown and stored as text: a NUL (which PostgreSQL stores in no text) as the symbol for it
            samples.add(new Sample(source, line, reason, kept.replace('\u0000', '\u2400')));
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

    /** A reason without the values it quotes from the line, and without a parser's own message after a colon. */
    static String kindOf(String reason) {
        String kind = QUOTED.matcher(reason).replaceAll("");
        int colon = kind.indexOf(": ");
        return colon > 0 ? kind.substring(0, colon) : kind;
    }

    public long count() {
        return count;
    }

    /** Bad lines by the kind of their reason. */
    public Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }
}
