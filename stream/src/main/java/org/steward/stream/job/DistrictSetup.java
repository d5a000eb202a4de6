package org.steward.stream.job;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.steward.engine.ActivityState;
import org.steward.engine.LineObserver;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the engine needs to know of a district, as the job is given it: the folder of its category lists (UT1
 * layout, on every task manager), its rule pack and work calendar as YAML (Steward's defaults when null), its time
 * zone, the idle time that ends a visit, and the longest request it expects: Squid writes a line when its request
 * ends, so a line may come that long after lines of requests that started after it, and the job holds a person's
 * visits open that long before it counts them. {@code version} tells a changed setup from the one before.
 */
public record DistrictSetup(String district, String categories, List<String> only, String rules, String calendar,
                            String zone, long idleMillis, long longestRequestMillis, long version)
        implements Serializable {

    /** Steward's defaults: five minutes idle, requests of up to an hour, Los Angeles time. */
    public static DistrictSetup of(String district, Path categories) {
        return new DistrictSetup(district, categories.toString(), List.of(), null, null, "America/Los_Angeles",
                Duration.ofMinutes(5).toMillis(), Duration.ofHours(1).toMillis(), 1);
    }

    public DistrictSetup {
        if (district == null || district.isBlank() || district.contains("/")) {
            throw new IllegalArgumentException("a district's id is a name without '/': " + district);
        }
        if (categories == null || categories.isBlank()) {
            throw new IllegalArgumentException("a district's setup names the folder of its category lists");
        }
        only = only == null ? List.of() : List.copyOf(only);
        ZoneId.of(zone == null ? "" : zone);
        if (idleMillis <= 0 || longestRequestMillis < 0) {
            throw new IllegalArgumentException("the idle time must be positive and the longest request not negative");
        }
    }

    public DistrictSetup withRules(String yaml) {
        return new DistrictSetup(district, categories, only, yaml, calendar, zone, idleMillis, longestRequestMillis,
                version);
    }

    public DistrictSetup withCalendar(String yaml) {
        return new DistrictSetup(district, categories, only, rules, yaml, zone, idleMillis, longestRequestMillis,
                version);
    }

    public DistrictSetup withZone(String zoneId) {
        return new DistrictSetup(district, categories, only, rules, calendar, zoneId, idleMillis,
                longestRequestMillis, version);
    }

    public DistrictSetup withIdleMillis(long millis) {
        return new DistrictSetup(district, categories, only, rules, calendar, zone, millis, longestRequestMillis,
                version);
    }

    public DistrictSetup withLongestRequestMillis(long millis) {
        return new DistrictSetup(district, categories, only, rules, calendar, zone, idleMillis, millis, version);
    }

    public DistrictSetup withVersion(long next) {
        return new DistrictSetup(district, categories, only, rules, calendar, zone, idleMillis, longestRequestMillis,
                next);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The setup as the app writes it to the job's topic of setups (a record a change, keyed by district). */
    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** A setup from its JSON; one that is not a setup is refused with what is wrong. */
    public static DistrictSetup fromJson(String json) {
        try {
            return JSON.readValue(json, DistrictSetup.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a district's setup: " + e.getOriginalMessage(), e);
        }
    }

    /** Loads the lists, the rules and the calendar, so that a setup that is wrong stops before a job starts. */
    public void check() {
        engine();
    }

    /**
     * The district's engine, made ready for one task: its own line reader and rules (neither is thread-safe), over
     * category lists loaded once per folder in the task manager (they are immutable and large).
     */
    Engine engine() {
        Ut1Lists.Loaded lists = Lists.load(categories, only);
        ZoneId zoneId = ZoneId.of(zone);
        RulePack pack = rules == null ? RulePack.defaults() : RulePack.parse(rules, district + " rules");
        WorkCalendar work = calendar == null ? WorkCalendar.standard(zoneId)
                : WorkCalendar.parse(calendar, district + " calendar", zoneId);
        RuleEngine engine = new RuleEngine(pack, lists.index(), lists::canonical, work, EVIDENCE_LINES);
        return new Engine(this, new LineObserver(lists.index(), Leases.NONE, MAX_LINE_BYTES),
                new ActivityState.Setup(engine, zoneId, idleMillis, lists.index()));
    }

    /** As the engine command keeps them: five evidence lines a finding, lines of up to 64 KiB. */
    static final int EVIDENCE_LINES = 5;
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** A district's engine in one task. */
    record Engine(DistrictSetup setup, LineObserver observer, ActivityState.Setup activity) {
    }

    /** Category lists, loaded once per folder and selection in a JVM; a changed setup names a new folder. */
    private static final class Lists {
        private static final Map<List<Object>, Ut1Lists.Loaded> LOADED = new ConcurrentHashMap<>();

        static Ut1Lists.Loaded load(String folder, List<String> only) {
            return LOADED.computeIfAbsent(List.of(folder, only),
                    key -> Ut1Lists.load(Path.of(folder), Set.copyOf(only), List.of(), List.of()));
        }
    }
}
