package org.steward.policies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * What changed between two versions of a policy, clause by clause: clauses are matched by their key, and a
 * changed clause shows its changed words.
 */
public record ClauseDiff(int from, int to, List<Change> changes) {

    public enum Kind {
        ADDED, REMOVED, CHANGED, UNCHANGED
    }

    /** A run of words that both versions share, or that only one has. */
    public record Segment(String text, Op op) {
        public enum Op {
            SAME, ADDED, REMOVED
        }
    }

    public record Change(String key, Kind kind, Clause before, Clause after, List<Segment> title, List<Segment> text) {

        public Clause clause() {
            return after != null ? after : before;
        }
    }

    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    public long count(String kind) {
        return count(Kind.valueOf(kind));
    }

    public List<Change> changed() {
        return changes.stream().filter(c -> c.kind() != Kind.UNCHANGED).toList();
    }

    static ClauseDiff between(int from, List<Clause> before, int to, List<Clause> after) {
        Map<String, Clause> old = new LinkedHashMap<>();
        before.forEach(c -> old.put(c.key(), c));
        Map<String, Clause> now = new LinkedHashMap<>();
        after.forEach(c -> now.put(c.key(), c));
        List<Change> changes = new ArrayList<>();
        int oldIndex = 0;
        // Walk the new version in order; a removed clause is shown where it stood in the old one.
        for (Clause clause : after) {
            while (oldIndex < before.size() && !now.containsKey(before.get(oldIndex).key())) {
                Clause removed = before.get(oldIndex++);
                changes.add(new Change(removed.key(), Kind.REMOVED, removed, null,
                        words(removed.title(), ""), words(removed.text(), "")));
            }
            if (oldIndex < before.size() && before.get(oldIndex).key().equals(clause.key())) {
                oldIndex++;
            }
            Clause previous = old.get(clause.key());
            if (previous == null) {
                changes.add(new Change(clause.key(), Kind.ADDED, null, clause,
                        words("", clause.title()), words("", clause.text())));
            } else {
                boolean same = Objects.equals(previous.title(), clause.title())
                        && Objects.equals(previous.text(), clause.text());
                changes.add(new Change(clause.key(), same ? Kind.UNCHANGED : Kind.CHANGED, previous, clause,
                        words(previous.title(), clause.title()), words(previous.text(), clause.text())));
            }
        }
        while (oldIndex < before.size()) {
            Clause removed = before.get(oldIndex++);
            if (!now.containsKey(removed.key())) {
                changes.add(new Change(removed.key(), Kind.REMOVED, removed, null,
                        words(removed.title(), ""), words(removed.text(), "")));
            }
        }
        return new ClauseDiff(from, to, changes);
    }

    /** Word-level difference of two texts; whitespace stays with the words so the text reads as written. */
    static List<Segment> words(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        List<Segment> segments = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            add(segments, a.subList(position, delta.getSource().getPosition()), Segment.Op.SAME);
            add(segments, delta.getSource().getLines(), Segment.Op.REMOVED);
            add(segments, delta.getTarget().getLines(), Segment.Op.ADDED);
            position = delta.getSource().getPosition() + delta.getSource().size();
        }
        add(segments, a.subList(position, a.size()), Segment.Op.SAME);
        return segments;
    }

    private static List<String> tokens(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("(?<=\\s)(?=\\S)"));
    }

    private static void add(List<Segment> segments, List<String> words, Segment.Op op) {
        if (words.isEmpty()) {
            return;
        }
        String joined = String.join("", words);
        if (!segments.isEmpty() && segments.get(segments.size() - 1).op() == op) {
            Segment last = segments.remove(segments.size() - 1);
            joined = last.text() + joined;
        }
        segments.add(new Segment(joined, op));
    }
}
