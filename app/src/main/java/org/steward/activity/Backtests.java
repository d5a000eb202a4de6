package org.steward.activity;

import java.io.IOException;
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
import java.util.Optional;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
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

    /**
     * What a backtest found: how many findings about how many people and, when it was {@link Asked#named()}, who they
     * are (else {@code people} is empty).
     */
    public record Outcome(Rule rule, LocalDate from, LocalDate to, int filesRead, int filesGone, long lines,
                          long findings, long findingsNow, int peopleCount, boolean named, List<Person> people) {
    }

    /**
     * Who asked for a backtest and why. Names come only with a stated reason, to technology services and
     * investigators (the privacy guard's rule); without one the outcome is counts.
     */
    public record Asked(String by, String reason, boolean named) {
    }

    /** A backtest running in the background: how far it has read, then its outcome or why it failed. */
    public record Job(String id, long districtId, String rule, LocalDate from, LocalDate to, long bytesRead,
                      long bytes, Outcome outcome, String problem) {

        public boolean running() {
            return outcome == null && problem == null;
        }

        public int percent() {
            return bytes == 0 ? 0 : (int) Math.min(100, bytesRead * 100 / bytes);
        }
    }

    /** The newest backtests, by id; the oldest forgotten past this many. */
    private final RecentJobs<Job> jobs = new RecentJobs<>(100);
    private final Executor executor;

    private final JdbcClient jdbc;
    private final Ingestion ingestion;
    private final StaffDirectory staff;
    private final AuditLog audit;

    Backtests(JdbcClient jdbc, Ingestion ingestion, StaffDirectory staff, AuditLog audit,
              @Qualifier("applicationTaskExecutor") Executor executor) {
        this.jdbc = jdbc;
        this.ingestion = ingestion;
        this.staff = staff;
        this.audit = audit;
        this.executor = executor;
    }

    /** Starts a backtest in the background, which can take as long as ingesting the days' logs did. */
    public Job submit(long districtId, Rule rule, LocalDate from, LocalDate to, ZoneId zone, Asked asked) {
        if (to.isBefore(from)) {
            throw new DistrictRules.Invalid("The backtest's days end before they begin.", List.of());
        }
        String id = RecentJobs.newId();
        Job job = new Job(id, districtId, rule.id(), from, to, 0, 0, null, null);
        jobs.put(id, job);
        // run as the person who asked, so that the audit entry names them
        executor.execute(new DelegatingSecurityContextRunnable(() -> {
            try {
                Outcome outcome = run(districtId, rule, from, to, zone, asked,
                        (read, of) -> jobs.update(id, j -> new Job(id, districtId, rule.id(), from, to, read, of,
                                null, null)));
                jobs.put(id, new Job(id, districtId, rule.id(), from, to, 1, 1, outcome, null));
            } catch (RuntimeException e) {
                jobs.put(id, new Job(id, districtId, rule.id(), from, to, 0, 0, null,
                        "The backtest failed: " + e.getMessage()));
            }
        }));
        return job;
    }

    /** A backtest of the district, while it runs and for a while after. */
    public Optional<Job> job(long districtId, String id) {
        return jobs.get(id).filter(j -> j.districtId() == districtId);
    }

    /** How far a backtest has read: bytes of the kept files, of how many. */
    interface Reading {
        void read(long bytesRead, long bytes);
    }

    public Outcome run(long districtId, Rule rule, LocalDate from, LocalDate to, ZoneId zone, Asked asked) {
        return run(districtId, rule, from, to, zone, asked, (read, of) -> { });
    }

    private Outcome run(long districtId, Rule rule, LocalDate from, LocalDate to, ZoneId zone, Asked asked,
                        Reading reading) {
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
            long bytes = paths.stream().mapToLong(Backtests::size).sum();
            Analyzer.Result result = new Analyzer(ingestion.engineSettings(districtId, new RulePack(List.of(rule))))
                    .analyze(paths, (lineCount, bytesRead) -> reading.read(bytesRead, bytes));
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
        audit.record(districtId, "ACTIVITY_RULE_BACKTESTED", "activity_rule_setting", rule.id(), asked.reason(),
                rule.id() + " over " + from + " to " + to + " by " + asked.by() + " as: " + describe(rule) + "; "
                        + found.size() + " findings about " + list.size() + " people"
                        + (asked.named() ? ", their names shown" : ", counts only") + "; nothing stored");
        return new Outcome(rule, from, to, paths.size(), gone, lines, found.size(), now, list.size(), asked.named(),
                asked.named() ? list : List.of());
    }

    /** The rule as backtested, for the audit entry: exactly what was asked. */
    static String describe(Rule rule) {
        return rule.time() + ", " + rule.threshold().measure() + " at least " + rule.threshold().atLeast() + " a "
                + rule.threshold().window() + (rule.condition() == null ? ", no condition"
                : ", condition " + rule.condition().expression());
    }

    /**
     * Whether a condition picks out people by who they are ({@code person}, {@code user}, {@code client}): its answer
     * is then about named people whatever the outcome shows, so it needs the privacy guard.
     */
    static boolean namesSomeone(Rule rule) {
        if (rule.condition() == null) {
            return false;
        }
        String code = rule.condition().expression().replaceAll("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'", "\"\"");
        return java.util.regex.Pattern.compile("\\b(person|user|client)\\b").matcher(code).find();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
