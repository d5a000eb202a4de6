package org.steward.engine.rules;

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
        final long start;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        long measured;
        final List<Finding.Evidence> evidence = new ArrayList<>(4);

        Window(long start) {
            this.start = start;
        }
    }

    private final List<Compiled> all = new ArrayList<>();
    private final Map<ActivityEvent.Kind, List<Compiled>> byKind = new EnumMap<>(ActivityEvent.Kind.class);
    private final WorkCalendar calendar;
    private final LocalDays days;
    private final int evidenceLines;
    private final Map<Key, Window> windows = new HashMap<>();
    /** Each person's latest window of each rule, by rule index: most events fall in the window of the one before. */
    private final Map<String, Window[]> latest = new HashMap<>();
    private long weekStart = Long.MAX_VALUE;
    private long weekEnd = Long.MIN_VALUE;
    /** The web rules an event with a given set of categories can match, worked out once per set. */
    private final Map<CategorySet, List<Compiled>> webCandidates = new IdentityHashMap<>();
    private final List<String> warnings = new ArrayList<>();
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
        if (w == null || w.start != start) {
            w = windows.computeIfAbsent(new Key(c.index(), o.person(), start), k -> new Window(k.windowStart()));
            mine[c.index()] = w;
        }
        w.first = Math.min(w.first, time);
        w.last = Math.max(w.last, time);
        w.count++;
        w.measured += switch (c.rule().threshold().measure()) {
            case COUNT -> 1;
            case VISITS -> opened(w, o);
            case BYTES -> o.event() instanceof WebRequest web && !web.blocked() ? web.bytes() : 0;
            case SECONDS -> o.event() instanceof WebRequest web && !web.blocked() ? web.elapsedMs() : 0;
        };
        if (w.evidence.size() < evidenceLines) {
            w.evidence.add(new Finding.Evidence(source, o.event().line(), o.event().raw()));
        }
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

    /** Whether a window's sum (in the measure's own unit) reaches a rule's threshold. */
    public static boolean reaches(Rule rule, long measured) {
        return measured >= (rule.threshold().measure() == Rule.Measure.SECONDS
                ? rule.threshold().atLeast() * 1000 : rule.threshold().atLeast());
    }

    /** The windows whose sum reached their rule's threshold, by time, rule and person. */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        windows.forEach((key, w) -> {
            Rule rule = all.get(key.rule()).rule();
            if (reaches(rule, w.measured)) {
                findings.add(new Finding(rule.id(), rule.title(), rule.severity(), rule.clauses(), key.person(),
                        key.windowStart(), w.first, w.last, w.count,
                        rule.threshold().measure() == Rule.Measure.SECONDS ? w.measured / 1000 : w.measured,
                        List.copyOf(w.evidence)));
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
