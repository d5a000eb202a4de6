package org.steward.engine.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.categories.CategorySet;
import org.steward.engine.events.ActivityEvent;
import org.steward.engine.events.WebRequest;
import org.steward.engine.usage.LocalDays;
import org.steward.engine.usage.StateText;

/**
 * Applies a rule pack to observations. Rules are indexed by event kind, and a rule with categories is tried only
 * on events in one of them, so the CEL condition runs only for events that pass the cheap filters. Matches are
 * summed per rule, person and window; a window whose sum reaches the rule's threshold is one finding, however many
 * lines it holds. The per-key state is a handful of longs and the first evidence lines.
 */
public final class RuleEngine {

    private record Compiled(int index, Rule rule, int[] categories) {
    }

    /**
     * What one rule summed for one person in one window, its threshold reached or not: a stream processed in parts
     * adds up the parts' sums before it compares them with the threshold. {@code measured} is in the measure's own
     * unit (milliseconds for seconds).
     */
    public record WindowSum(String rule, String person, long windowStart, long first, long last, long count,
                            long measured, List<Finding.Evidence> evidence) {
    }

    private record Key(int rule, String person, long windowStart) {
        /** Mixed: people's names differ little, and window starts are multiples of an hour. */
        @Override
        public int hashCode() {
            long h = rule * 0x9E3779B97F4A7C15L + person.hashCode() * 0xC2B2AE3D27D4EB4FL + windowStart;
            h *= 0x165667B19E3779F9L;
            return (int) (h ^ (h >>> 32));
        }
    }

    private static final class Window {
        final Key key;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        long measured;
        /** Told as a finding while its window was still open (see {@link #takeReached}). */
        boolean told;
        final List<Finding.Evidence> evidence = new ArrayList<>(4);
        /** The numbers of the evidence's events, in the same order: the lowest numbers counted. */
        final List<Long> evidenceRequests = new ArrayList<>(4);

        Window(Key key) {
            this.key = key;
        }

        long start() {
            return key.windowStart();
        }
    }

    private final List<Compiled> all;
    private final Map<ActivityEvent.Kind, List<Compiled>> byKind;
    private final WorkCalendar calendar;
    private final LocalDays days;
    private final int evidenceLines;
    private final Map<Key, Window> windows = new HashMap<>();
    /** Each person's latest window of each rule, by rule index: most events fall in the window of the one before. */
    private final Map<String, Window[]> latest = new HashMap<>();
    private long weekStart = Long.MAX_VALUE;
    private long weekEnd = Long.MIN_VALUE;
    /** The web rules an event with a given set of categories can match, worked out once per set. */
    private final Map<CategorySet, List<Compiled>> webCandidates;
    private final List<String> warnings;
    /** Whether windows that reach their threshold are told at once ({@link #takeReached}): a stream's are. */
    private final boolean tells;
    /** Windows that reached their threshold since {@link #takeReached} was last asked. */
    private final List<Window> reached = new ArrayList<>();
    private static final long NO_REQUEST = -1;
    /** The number of the event being observed. */
    private long request = NO_REQUEST;
    /** The windows of visits rules each numbered request was counted in as opening a visit. */
    private final Map<Long, List<Window>> openedIn = new HashMap<>();

    public RuleEngine(RulePack pack, CategoryIndex categories, UnaryOperator<String> canonicalCategory,
                      WorkCalendar calendar, int evidenceLines) {
        this.calendar = calendar;
        this.days = new LocalDays(calendar.zone());
        this.evidenceLines = evidenceLines;
        this.all = new ArrayList<>();
        this.byKind = new EnumMap<>(ActivityEvent.Kind.class);
        this.webCandidates = new IdentityHashMap<>();
        this.warnings = new ArrayList<>();
        this.tells = false;
        for (Rule rule : pack.rules()) {
            List<Integer> ids = new ArrayList<>();
            for (String name : rule.categories()) {
                int id = categories.id(canonicalCategory.apply(name));
                if (id < 0) {
                    warnings.add("rule " + rule.id() + ": no list for category " + name);
                } else {
                    ids.add(id);
                }
            }
            if (!rule.categories().isEmpty() && ids.isEmpty()) {
                continue; // none of its categories is loaded: it cannot match anything
            }
            Compiled compiled = new Compiled(all.size(), rule, ids.stream().mapToInt(Integer::intValue).toArray());
            all.add(compiled);
            for (ActivityEvent.Kind kind : rule.kinds()) {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(compiled);
            }
        }
    }

    /** The same rules, compiled once, and days worked out once, with nothing counted: see {@link #emptyCopy}. */
    private RuleEngine(RuleEngine rules) {
        this.calendar = rules.calendar;
        this.days = rules.days;
        this.evidenceLines = rules.evidenceLines;
        this.all = rules.all;
        this.byKind = rules.byKind;
        this.webCandidates = rules.webCandidates;
        this.warnings = rules.warnings;
        this.tells = true;
    }

    /**
     * An engine with the same rules and nothing counted, sharing the compiled rules and their caches with this one: a
     * stream job keeps one per person, on the thread of the task that keeps the person. It tells the windows that
     * reach their threshold as they do ({@link #takeReached}).
     */
    public RuleEngine emptyCopy() {
        return new RuleEngine(this);
    }

    /** Rules that name categories no loaded list has. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void observe(Observation o, String source) {
        observe(o, source, NO_REQUEST);
    }

    /**
     * Observes an event the caller numbers: a rule's visits are counted by the requests that open them, and a request
     * the usage later tells has stopped opening one ({@link #unopened}) is taken back out of its windows.
     */
    public void observe(Observation o, String source, long request) {
        this.request = request;
        List<Compiled> candidates;
        if (o.event().kind() == ActivityEvent.Kind.WEB) {
            candidates = webCandidates.get(o.categories());
            if (candidates == null) {
                candidates = webRulesFor(o.categories());
                webCandidates.put(o.categories(), candidates);
            }
        } else {
            candidates = byKind.get(o.event().kind());
        }
        if (candidates == null || candidates.isEmpty()) {
            return;
        }
        long time = o.event().time();
        Boolean duty = null;
        for (int i = 0; i < candidates.size(); i++) {
            Compiled c = candidates.get(i);
            Rule rule = c.rule();
            if (rule.time() != Rule.TimeFilter.ALWAYS) {
                if (duty == null) {
                    duty = calendar.isDuty(o.person(), time);
                }
                if (duty != (rule.time() == Rule.TimeFilter.DUTY)) {
                    continue;
                }
            }
            if (rule.condition() != null) {
                if (duty == null) {
                    duty = calendar.isDuty(o.person(), time);
                }
                int hour = (int) (days.millisIntoDay(time) / 3_600_000);
                if (!rule.condition().test(o, duty, hour)) {
                    continue;
                }
            }
            count(c, o, source);
        }
    }

    private List<Compiled> webRulesFor(CategorySet categories) {
        List<Compiled> rules = new ArrayList<>();
        for (Compiled c : byKind.getOrDefault(ActivityEvent.Kind.WEB, List.of())) {
            if (c.categories().length == 0 || inAny(categories, c.categories())) {
                rules.add(c);
            }
        }
        return rules;
    }

    private static boolean inAny(CategorySet set, int[] categories) {
        for (int id : categories) {
            if (set.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private void count(Compiled c, Observation o, String source) {
        long time = o.event().time();
        long start = windowStart(c.rule().threshold(), time);
        Window[] mine = latest.get(o.person());
        if (mine == null) {
            mine = new Window[all.size()];
            latest.put(o.person(), mine);
        }
        Window w = mine[c.index()];
        if (w == null || w.start() != start) {
            w = windows.computeIfAbsent(new Key(c.index(), o.person(), start), Window::new);
            mine[c.index()] = w;
        }
        w.first = Math.min(w.first, time);
        w.last = Math.max(w.last, time);
        w.count++;
        boolean below = tells && !w.told && !reaches(c.rule(), w.measured);
        w.measured += switch (c.rule().threshold().measure()) {
            case COUNT -> 1;
            case VISITS -> opened(w, o);
            case BYTES -> o.event() instanceof WebRequest web && !web.blocked() ? web.bytes() : 0;
            case SECONDS -> o.event() instanceof WebRequest web && !web.blocked() ? web.elapsedMs() : 0;
        };
        if (below && reaches(c.rule(), w.measured)) {
            reached.add(w);
        }
        if (w.evidence.size() < evidenceLines) {
            int at = w.evidence.size();
            while (request != NO_REQUEST && at > 0 && w.evidenceRequests.get(at - 1) > request) {
                at--;
            }
            w.evidence.add(at, new Finding.Evidence(source, o.event().line(), o.event().raw()));
            w.evidenceRequests.add(at, request);
        } else if (request != NO_REQUEST && evidenceLines > 0 && w.evidenceRequests.get(evidenceLines - 1) > request) {
            evidenceBefore(w, new Finding.Evidence(source, o.event().line(), o.event().raw()));
        }
    }

    /**
     * Evidence from an event numbered lower than some kept, as when a stream brings one person's lines from several
     * partitions interleaved: it takes the place of the highest-numbered, so a window keeps the first lines of its
     * input whatever order they came in.
     */
    private void evidenceBefore(Window w, Finding.Evidence evidence) {
        w.evidence.remove(evidenceLines - 1);
        w.evidenceRequests.remove(evidenceLines - 1);
        int at = evidenceLines - 1;
        while (at > 0 && w.evidenceRequests.get(at - 1) > request) {
            at--;
        }
        w.evidence.add(at, evidence);
        w.evidenceRequests.add(at, request);
    }

    /** 1 when the event opens a visit, kept so that it can be taken back if a later line joins the visit to another. */
    private long opened(Window w, Observation o) {
        if (!o.newVisit()) {
            return 0;
        }
        if (request != NO_REQUEST) {
            openedIn.computeIfAbsent(request, r -> new ArrayList<>(1)).add(w);
        }
        return 1;
    }

    /** Requests that no longer open a visit (a late line joined it to an earlier one): their visits are taken back. */
    public void unopened(long[] requests) {
        for (long r : requests) {
            List<Window> counted = openedIn.remove(r);
            if (counted != null) {
                counted.forEach(w -> w.measured--);
            }
        }
    }

    private long windowStart(Rule.Threshold threshold, long time) {
        return switch (threshold.window()) {
            case HOUR -> time - days.millisIntoDay(time) % 3_600_000;
            case DAY -> days.dayStart(time);
            case WEEK -> weekStart(time);
        };
    }

    /** The local midnight starting the Monday of the week of {@code time}; the last week's bounds are kept. */
    private long weekStart(long time) {
        if (time < weekStart || time >= weekEnd) {
            long day = days.epochDay(time);
            long monday = day - LocalDays.dayOfWeekIndex(day);
            weekStart = days.startOfDay(monday);
            weekEnd = days.startOfDay(monday + 7);
        }
        return weekStart;
    }

    /** Every window a rule counted something in, whether or not its sum reached the threshold. */
    public List<WindowSum> windows() {
        List<WindowSum> sums = new ArrayList<>(windows.size());
        windows.forEach((key, w) -> sums.add(new WindowSum(all.get(key.rule()).rule().id(), key.person(),
                key.windowStart(), w.first, w.last, w.count, w.measured, List.copyOf(w.evidence))));
        return sums;
    }

    // A stream's rules, counted as its events come and told as findings as soon as they are (docs/scale.md).

    /**
     * The findings whose windows reached their threshold since last asked, as they stand: the window is still open
     * and may count more. Each window is told so once; {@link #takeEnded} tells how it ended.
     */
    public List<Finding> takeReached() {
        if (reached.isEmpty()) {
            return List.of();
        }
        List<Finding> told = new ArrayList<>(reached.size());
        for (Window w : reached) {
            if (!w.told && reaches(all.get(w.key.rule()).rule(), w.measured)) {
                w.told = true;
                told.add(finding(w));
            }
        }
        reached.clear();
        return told;
    }

    /** How a window ended: a finding, or a finding told while open that the window's end took back. */
    public record Ended(Finding finding, boolean reached, boolean toldBefore) {
    }

    /**
     * The windows that ended by {@code time}, taken out of the engine: no event to come can count in them when the
     * events still to come start at {@code time} or later (they end later, and cannot open a visit before it). Those
     * that reached their threshold, and those told while open that did not (a late line joined the visit that made
     * them), by time, rule and person.
     */
    public List<Ended> takeEnded(long time) {
        List<Ended> ended = new ArrayList<>();
        List<Window> gone = new ArrayList<>();
        windows.values().removeIf(w -> {
            Rule rule = all.get(w.key.rule()).rule();
            if (windowEnd(rule.threshold(), w.start()) > time) {
                return false;
            }
            gone.add(w);
            boolean reached = reaches(rule, w.measured);
            if (reached || w.told) {
                ended.add(new Ended(finding(w), reached, w.told));
            }
            return true;
        });
        if (gone.isEmpty()) {
            return List.of();
        }
        latest.clear();
        openedIn.values().removeIf(counted -> {
            counted.removeAll(gone);
            return counted.isEmpty();
        });
        ended.sort(Comparator.comparing((Ended e) -> e.finding().windowStart())
                .thenComparing(e -> e.finding().rule()).thenComparing(e -> e.finding().person()));
        return ended;
    }

    /** Whether nothing is counted. */
    public boolean isEmpty() {
        return windows.isEmpty();
    }

    private long windowEnd(Rule.Threshold threshold, long start) {
        return switch (threshold.window()) {
            case HOUR -> start + 3_600_000;
            case DAY -> days.startOfDay(days.epochDay(start) + 1);
            case WEEK -> days.startOfDay(days.epochDay(start) + 7);
        };
    }

    private Finding finding(Window w) {
        Rule rule = all.get(w.key.rule()).rule();
        return new Finding(rule.id(), rule.title(), rule.severity(), rule.clauses(), w.key.person(), w.start(),
                w.first, w.last, w.count,
                rule.threshold().measure() == Rule.Measure.SECONDS ? w.measured / 1000 : w.measured,
                List.copyOf(w.evidence));
    }

    /**
     * Writes what is counted, for a stream job's checkpoint; {@link #read} reads it into an {@link #emptyCopy}. Rules
     * are named by id, so that a job restored with a changed pack keeps the windows of the rules it still has.
     */
    public void write(DataOutput out) throws IOException {
        out.writeByte(1);
        Map<Window, Integer> numbers = new IdentityHashMap<>();
        out.writeInt(windows.size());
        for (Window w : windows.values()) {
            numbers.put(w, numbers.size());
            out.writeUTF(all.get(w.key.rule()).rule().id());
            StateText.write(out, w.key.person());
            out.writeLong(w.start());
            out.writeLong(w.first);
            out.writeLong(w.last);
            out.writeLong(w.count);
            out.writeLong(w.measured);
            out.writeBoolean(w.told);
            out.writeInt(w.evidence.size());
            for (int i = 0; i < w.evidence.size(); i++) {
                Finding.Evidence e = w.evidence.get(i);
                StateText.write(out, e.source());
                out.writeLong(e.line());
                StateText.write(out, e.text());
                out.writeLong(w.evidenceRequests.get(i));
            }
        }
        out.writeInt(openedIn.size());
        for (Map.Entry<Long, List<Window>> opened : openedIn.entrySet()) {
            out.writeLong(opened.getKey());
            out.writeInt(opened.getValue().size());
            for (Window w : opened.getValue()) {
                out.writeInt(numbers.get(w));
            }
        }
        out.writeInt(reached.size());
        for (Window w : reached) {
            out.writeInt(numbers.get(w));
        }
    }

    /** Reads what {@link #write} wrote into this engine, which must have counted nothing; windows of rules it lacks are dropped. */
    public void read(DataInput in) throws IOException {
        if (!windows.isEmpty()) {
            throw new IllegalStateException("the engine has counted already");
        }
        int format = in.readByte();
        if (format != 1) {
            throw new IOException("rule state of format " + format + ", which this engine does not read");
        }
        Map<String, Integer> byId = new HashMap<>();
        for (Compiled c : all) {
            byId.put(c.rule().id(), c.index());
        }
        int count = in.readInt();
        List<Window> numbered = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Integer rule = byId.get(in.readUTF());
            Window w = new Window(new Key(rule == null ? -1 : rule, StateText.read(in), in.readLong()));
            w.first = in.readLong();
            w.last = in.readLong();
            w.count = in.readLong();
            w.measured = in.readLong();
            w.told = in.readBoolean();
            int evidence = in.readInt();
            for (int e = 0; e < evidence; e++) {
                w.evidence.add(new Finding.Evidence(StateText.read(in), in.readLong(), StateText.read(in)));
                w.evidenceRequests.add(in.readLong());
            }
            numbered.add(w);
            if (rule != null) {
                windows.put(w.key, w);
            }
        }
        int opened = in.readInt();
        for (int i = 0; i < opened; i++) {
            long request = in.readLong();
            int n = in.readInt();
            List<Window> counted = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Window w = numbered.get(in.readInt());
                if (w.key.rule() >= 0) {
                    counted.add(w);
                }
            }
            if (!counted.isEmpty()) {
                openedIn.put(request, counted);
            }
        }
        int told = in.readInt();
        for (int i = 0; i < told; i++) {
            Window w = numbered.get(in.readInt());
            if (w.key.rule() >= 0) {
                reached.add(w);
            }
        }
    }


    /** Whether a window's sum (in the measure's own unit) reaches a rule's threshold. */
    public static boolean reaches(Rule rule, long measured) {
        return measured >= (rule.threshold().measure() == Rule.Measure.SECONDS
                ? rule.threshold().atLeast() * 1000 : rule.threshold().atLeast());
    }

    /** The windows whose sum reached their rule's threshold, by time, rule and person. */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        windows.forEach((key, w) -> {
            if (reaches(all.get(key.rule()).rule(), w.measured)) {
                findings.add(finding(w));
            }
        });
        findings.sort(Comparator.comparingLong(Finding::windowStart).thenComparing(Finding::rule)
                .thenComparing(Finding::person));
        return findings;
    }

    public static Map<String, Long> byRule(List<Finding> findings) {
        Map<String, Long> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.rule(), 1L, Long::sum));
        return counts;
    }
}
