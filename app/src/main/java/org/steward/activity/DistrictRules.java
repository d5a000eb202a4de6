package org.steward.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.io.FileUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.engine.rules.Condition;
import org.steward.engine.rules.Rule;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * A district's rules: Steward's default pack, each rule turned on or off and its severity, time filter, threshold
 * and CEL condition changed as the district decides, and the district's duty calendar (Clovis C.27 "during duty
 * time"). A condition is compiled before it is kept; a change that does not compile changes nothing and says
 * where, by line and column.
 */
@Service
public class DistrictRules {

    /** What a district may change of a rule. */
    public record Change(boolean enabled, Rule.Severity severity, Rule.TimeFilter time, Rule.Measure measure,
                         long atLeast, Rule.Window window, String condition) {

        /** The threshold's amount in the person's unit (MB, minutes), as the form shows it. */
        public String amount() {
            return ThresholdUnits.shown(measure, atLeast);
        }

        public Change withEnabled(boolean on) {
            return new Change(on, severity, time, measure, atLeast, window, condition);
        }

        static Change of(Rule rule, boolean enabled) {
            return new Change(enabled, rule.severity(), rule.time(), rule.threshold().measure(),
                    rule.threshold().atLeast(), rule.threshold().window(),
                    rule.condition() == null ? "" : rule.condition().expression());
        }
    }

    /** A rule as the district has it, beside Steward's default. */
    public record DistrictRule(Rule rule, Rule standard, boolean enabled, boolean changed, String updatedBy,
                               Instant updatedAt) {

        public String id() {
            return rule.id();
        }

        public Change change() {
            return Change.of(rule, enabled);
        }

        public String clause(String policy) {
            return rule.clauses().getOrDefault(policy, "");
        }

        public String threshold() {
            return describe(rule.threshold());
        }

        public String standardThreshold() {
            return describe(standard.threshold());
        }
    }

    /** A change that cannot be kept: each problem, with the line and column of the condition where it is. */
    public static final class Invalid extends RuntimeException {
        private final List<Condition.Problem> problems;

        Invalid(String message, List<Condition.Problem> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }

        public List<Condition.Problem> problems() {
            return problems;
        }
    }

    /** "Teacher: 07:45-15:15" split between the job function and its hours. */
    private static final Pattern JOB_HOURS = Pattern.compile("\\s*:\\s*(?=\\d{1,2}:\\d{2}\\s*-)");

    /** The district's duty calendar as it keeps it. */
    public record Calendar(String dutyHours, Set<DayOfWeek> schoolDays, String holidays, String jobFunctions,
                           String updatedBy, Instant updatedAt) {

        static final Calendar STANDARD = new Calendar("07:30-16:00", EnumSet.range(DayOfWeek.MONDAY,
                DayOfWeek.FRIDAY), "", "", null, null);

        /** "Monday, Tuesday, Wednesday, Thursday, Friday". */
        public String schoolDaysText() {
            return schoolDays.stream().sorted()
                    .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                    .collect(Collectors.joining(", "));
        }

        /** Holidays, one a line: a date, then any name. */
        Set<LocalDate> holidayDates() {
            Set<LocalDate> dates = new TreeSet<>();
            holidays.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .forEach(l -> dates.add(LocalDate.parse(l.split("\\s+", 2)[0])));
            return dates;
        }

        /** Hours by job function, one a line: "Teacher: 07:45-15:15". */
        Map<String, String> hoursByJobFunction() {
            Map<String, String> hours = new LinkedHashMap<>();
            jobFunctions.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
                String[] parts = JOB_HOURS.split(l, 2);
                hours.put(parts[0], parts[1]);
            });
            return hours;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final StaffDirectory staff;
    private final Clock clock;

    DistrictRules(JdbcClient jdbc, AuditLog audit, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    /** A district's change as kept, with who made it when. */
    private record Kept(Change change, String by, Instant at) {
    }

    /** Every rule of the default pack as the district has it, in the pack's order. */
    public List<DistrictRule> all(long districtId) {
        Map<String, Kept> kept = jdbc.sql("""
                        select rule, enabled, severity, time_filter, measure, at_least, time_window, condition,
                               updated_by, updated_at
                          from activity_rule_setting where district_id = ?""")
                .param(districtId)
                .query((rs, n) -> Map.entry(rs.getString("rule"), new Kept(new Change(rs.getBoolean("enabled"),
                        Rule.Severity.valueOf(rs.getString("severity")),
                        Rule.TimeFilter.valueOf(rs.getString("time_filter")),
                        Rule.Measure.valueOf(rs.getString("measure")), rs.getLong("at_least"),
                        Rule.Window.valueOf(rs.getString("time_window")), rs.getString("condition")),
                        rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<DistrictRule> rules = new ArrayList<>();
        for (Rule standard : RulePack.defaults().rules()) {
            Kept change = kept.get(standard.id());
            rules.add(change == null
                    ? new DistrictRule(standard, standard, true, false, null, null)
                    : new DistrictRule(apply(standard, change.change()), standard, change.change().enabled(), true,
                    change.by(), change.at()));
        }
        return rules;
    }

    public Optional<DistrictRule> find(long districtId, String ruleId) {
        return all(districtId).stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }

    /** The rules the district's logs are run through: those turned on, as changed. */
    public RulePack pack(long districtId) {
        return new RulePack(all(districtId).stream().filter(DistrictRule::enabled).map(DistrictRule::rule).toList());
    }

    /** A default rule with the district's change; the condition compiled, or every problem at its column. */
    public static Rule apply(Rule standard, Change change) {
        Condition condition = null;
        String expression = change.condition() == null ? "" : change.condition().strip();
        if (!expression.isEmpty()) {
            try {
                condition = Condition.compile(expression);
            } catch (Condition.Invalid e) {
                throw new Invalid("The condition does not compile: " + e.problems().stream()
                        .map(p -> "line " + p.line() + ", column " + p.column() + ": " + p.message())
                        .collect(Collectors.joining("; ")), e.problems());
            }
        }
        if (change.atLeast() < 1) {
            throw new Invalid("A threshold is 1 or more.", List.of());
        }
        return new Rule(standard.id(), standard.title(), change.severity(), standard.kinds(), standard.categories(),
                change.time(), condition, new Rule.Threshold(change.measure(), change.atLeast(), change.window()),
                standard.clauses());
    }

    @Transactional
    public DistrictRule change(long districtId, String ruleId, Change change, String by) {
        DistrictRule before = find(districtId, ruleId)
                .orElseThrow(() -> new Invalid("There is no rule " + ruleId + ".", List.of()));
        Rule changed = apply(before.standard(), change);
        jdbc.sql("""
                        insert into activity_rule_setting (district_id, rule, enabled, severity, time_filter, measure,
                            at_least, time_window, condition, updated_by, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (district_id, rule) do update set enabled = excluded.enabled,
                            severity = excluded.severity, time_filter = excluded.time_filter,
                            measure = excluded.measure, at_least = excluded.at_least,
                            time_window = excluded.time_window, condition = excluded.condition,
                            updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(districtId, ruleId, change.enabled(), change.severity().name(), change.time().name(),
                        change.measure().name(), change.atLeast(), change.window().name(),
                        changed.condition() == null ? "" : changed.condition().expression(), by,
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(districtId, "ACTIVITY_RULE_CHANGED", "activity_rule_setting", districtId,
                ruleId + " by " + by + ": " + differences(before, change));
        return find(districtId, ruleId).orElseThrow();
    }

    /** Back to Steward's default. */
    @Transactional
    public void reset(long districtId, String ruleId, String by) {
        if (jdbc.sql("delete from activity_rule_setting where district_id = ? and rule = ?")
                .params(districtId, ruleId).update() > 0) {
            audit.record(districtId, "ACTIVITY_RULE_CHANGED", "activity_rule_setting", districtId,
                    ruleId + " by " + by + ": back to Steward's default");
        }
    }

    private static String differences(DistrictRule before, Change after) {
        Change was = before.change();
        List<String> changes = new ArrayList<>();
        if (was.enabled() != after.enabled()) {
            changes.add(after.enabled() ? "turned on" : "turned off");
        }
        if (was.severity() != after.severity()) {
            changes.add("severity " + was.severity() + " -> " + after.severity());
        }
        if (was.time() != after.time()) {
            changes.add("time " + was.time() + " -> " + after.time());
        }
        if (was.measure() != after.measure() || was.atLeast() != after.atLeast() || was.window() != after.window()) {
            changes.add("threshold " + describe(before.rule().threshold()) + " -> "
                    + describe(new Rule.Threshold(after.measure(), after.atLeast(), after.window())));
        }
        if (!was.condition().equals(after.condition() == null ? "" : after.condition().strip())) {
            changes.add("condition '" + was.condition() + "' -> '" + after.condition().strip() + "'");
        }
        return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }

    /** "3 visits in a day", "10 minutes in a week", "200 MB in a day". */
    public static String describe(Rule.Threshold threshold) {
        return ThresholdUnits.describe(threshold);
    }

    public Calendar calendar(long districtId) {
        return jdbc.sql("select duty_hours, school_days, holidays, job_functions, updated_by, updated_at "
                        + "from activity_calendar where district_id = ?")
                .param(districtId)
                .query((rs, n) -> {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (String d : (String[]) rs.getArray(2).getArray()) {
                        days.add(DayOfWeek.valueOf(d));
                    }
                    return new Calendar(rs.getString(1), days, rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant());
                })
                .optional().orElse(Calendar.STANDARD);
    }

    /** Keeps a calendar, or changes nothing and names every line that is wrong. */
    @Transactional
    public Calendar saveCalendar(long districtId, String dutyHours, Set<DayOfWeek> schoolDays, String holidays,
                                 String jobFunctions, String by) {
        List<String> problems = new ArrayList<>();
        String hours = dutyHours == null ? "" : dutyHours.strip();
        if (!WorkCalendar.areDutyHours(hours)) {
            problems.add("Duty hours '" + hours + "' are not like 07:30-16:00.");
        }
        if (schoolDays.isEmpty()) {
            problems.add("Name at least one school day.");
        }
        String holidayText = holidays == null ? "" : holidays.strip();
        int n = 0;
        for (String line : holidayText.lines().toList()) {
            n++;
            String date = line.strip().split("\\s+", 2)[0];
            if (date.isEmpty()) {
                continue;
            }
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                problems.add("Holidays, line " + n + ": '" + date + "' is not a date like 2026-11-26.");
            }
        }
        String jobText = jobFunctions == null ? "" : jobFunctions.strip();
        n = 0;
        for (String line : jobText.lines().toList()) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = JOB_HOURS.split(line.strip(), 2);
            if (parts.length != 2 || parts[0].isBlank() || !WorkCalendar.areDutyHours(parts[1])) {
                problems.add("Job functions, line " + n + ": '" + line.strip()
                        + "' is not a job function and its hours, like Teacher: 07:45-15:15.");
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(String.join(" ", problems), List.of());
        }
        String[] days = schoolDays.stream().sorted().map(DayOfWeek::name).toArray(String[]::new);
        jdbc.sql("""
                        insert into activity_calendar (district_id, duty_hours, school_days, holidays, job_functions,
                            updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (district_id) do update set duty_hours = excluded.duty_hours,
                            school_days = excluded.school_days, holidays = excluded.holidays,
                            job_functions = excluded.job_functions, updated_by = excluded.updated_by,
                            updated_at = excluded.updated_at""")
                .params(districtId, hours, days, holidayText, jobText, by, Timestamp.from(clock.instant())).update();
        audit.record(districtId, "ACTIVITY_CALENDAR_CHANGED", "activity_calendar", districtId,
                "duty " + hours + " on " + String.join(",", days) + ", " + holidayText.lines().count() + " holidays, "
                        + jobText.lines().count() + " job functions, by " + by);
        return calendar(districtId);
    }

    /** The district's calendar for the engine: staff whose job function has its own hours keep those. */
    public WorkCalendar workCalendar(long districtId, ZoneId zone) {
        Calendar calendar = calendar(districtId);
        Map<String, String> byJob = calendar.hoursByJobFunction();
        Map<String, String> jobByPerson = new LinkedHashMap<>();
        if (!byJob.isEmpty()) {
            Map<String, String> jobs = byJob.keySet().stream()
                    .collect(Collectors.toMap(j -> j.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
            for (StaffMember member : staff.everyone(districtId)) {
                String job = member.jobFunction() == null ? null
                        : jobs.get(member.jobFunction().strip().toLowerCase(Locale.ROOT));
                if (job != null) {
                    People.namesOf(member).forEach(name -> jobByPerson.put(name, job));
                }
            }
        }
        return WorkCalendar.of(zone, calendar.dutyHours(), calendar.schoolDays(), calendar.holidayDates(), byJob,
                jobByPerson);
    }
}
