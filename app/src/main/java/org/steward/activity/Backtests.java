package org.steward.activity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.audit.AuditLog;
import org.steward.engine.Analyzer;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Rule;
import org.steward.engine.rules.RulePack;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * What a changed rule would have found over past days, without storing anything: the raw files of the runs whose
 * lines fall on those days, as long as the district keeps them, are run again through the engine with that rule
 * alone. Beside it, how many findings the rule as it is raised over the same days.
 */
@Service
public class Backtests {

    /** The findings a rule would raise about one person. */
    public record Person(String person, Long staffId, String name, long findings, long measured, Instant first,
                        Instant last) {
    }

    public record Outcome(Rule rule, LocalDate from, LocalDate to, int filesRead, int filesGone, long lines,
                          long findings, long findingsNow, List<Person> people) {
    }

    private final JdbcClient jdbc;
    private final Ingestion ingestion;
    private final StaffDirectory staff;
    private final AuditLog audit;

    Backtests(JdbcClient jdbc, Ingestion ingestion, StaffDirectory staff, AuditLog audit) {
        this.jdbc = jdbc;
        this.ingestion = ingestion;
        this.staff = staff;
        this.audit = audit;
    }

    public Outcome run(long districtId, Rule rule, LocalDate from, LocalDate to, ZoneId zone, String by) {
        if (to.isBefore(from)) {
            throw new DistrictRules.Invalid("The backtest's days end before they begin.", List.of());
        }
        // runs whose days overlap [from, to]; a run from before days were recorded is read in case
        List<String> files = jdbc.sql("""
                        select raw_file from activity_run
                         where district_id = ? and status = 'DONE' and raw_file is not null and raw_deleted_at is null
                           and (first_day is null or (first_day <= ? and last_day >= ?))
                         order by started_at, id""")
                .params(districtId, Date.valueOf(to), Date.valueOf(from)).query(String.class).list();
        int gone = jdbc.sql("""
                        select count(*) from activity_run
                         where district_id = ? and status = 'DONE' and (raw_file is null or raw_deleted_at is not null)
                           and first_day <= ? and last_day >= ?""")
                .params(districtId, Date.valueOf(to), Date.valueOf(from)).query(Integer.class).single();
        List<Path> paths = files.stream().map(Path::of).filter(Files::isRegularFile).toList();
        gone += files.size() - paths.size();
        long start = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long lines = 0;
        List<Finding> found = new ArrayList<>();
        if (!paths.isEmpty()) {
            Analyzer.Result result = new Analyzer(ingestion.engineSettings(districtId, new RulePack(List.of(rule))))
                    .analyze(paths);
            lines = result.lines();
            result.findings().stream().filter(f -> f.first() >= start && f.first() < end).forEach(found::add);
        }
        long now = jdbc.sql("select count(*) from activity_finding where district_id = ? and rule = ? "
                        + "and first_at >= ? and first_at < ?")
                .params(districtId, rule.id(), new java.sql.Timestamp(start), new java.sql.Timestamp(end))
                .query(Long.class).single();
        List<StaffMember> everyone = staff.everyone(districtId);
        People people = new People(everyone);
        Map<Long, String> names = new LinkedHashMap<>();
        everyone.forEach(m -> names.put(m.id(), m.fullName()));
        Map<String, Person> byPerson = new LinkedHashMap<>();
        for (Finding f : found) {
            Long staffId = people.staffId(f.person());
            String key = staffId != null ? "staff:" + staffId : f.person();
            Person was = byPerson.get(key);
            Instant first = Instant.ofEpochMilli(f.first());
            Instant last = Instant.ofEpochMilli(f.last());
            byPerson.put(key, was == null
                    ? new Person(f.person(), staffId, staffId == null ? f.person() : names.get(staffId), 1,
                    f.measured(), first, last)
                    : new Person(was.person(), staffId, was.name(), was.findings() + 1, was.measured() + f.measured(),
                    first.isBefore(was.first()) ? first : was.first(), last.isAfter(was.last()) ? last : was.last()));
        }
        List<Person> list = byPerson.values().stream()
                .sorted(Comparator.comparingLong(Person::findings).reversed().thenComparing(Person::name)).toList();
        audit.record(districtId, "ACTIVITY_RULE_BACKTESTED", "activity_rule_setting", districtId,
                rule.id() + " over " + from + " to " + to + " by " + by + ": " + found.size() + " findings about "
                        + list.size() + " people, nothing stored");
        return new Outcome(rule, from, to, paths.size(), gone, lines, found.size(), now, list);
    }
}
