package org.steward.activity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.audit.AuditLog;
import org.steward.districts.DistrictTime;
import org.steward.engine.Analyzer;
import org.steward.engine.LineDigests;
import org.steward.engine.rules.RulePack;
import org.steward.engine.usage.Usage;
import org.steward.holds.HeldKind;
import org.steward.holds.RecordHolds;

/**
 * The district's category lists and rules as they are now, applied again to the raw logs it keeps: the usage, hours
 * and rule windows of some past days are cleared and counted again from the kept files of every run that touched
 * them, in the order the runs were ingested and as each was (a whole file alone; a part of a stream continuing the
 * visits of the part before; the lines an earlier run of its source counted, skipped). Findings that are not
 * evidence are brought up to date, and an open one the lists and rules no longer raise is dismissed by Steward,
 * saying why; a confirmed finding stays exactly as it was. All or nothing: the files are read first, then everything
 * is stored in one transaction, under the lock a run takes to store its own.
 *
 * <p>The days counted again are whole weeks (Monday to Sunday in the district's time zone), as a week's windows sum
 * all of its days, widened until no run touches them from outside: a day's usage is the sum of every run's, so a
 * run is counted again whole or not at all.
 */
@Service
public class Reapplications {

    public enum Status { RUNNING, DONE, FAILED }

    /** A run whose file would be counted again; {@code kept} when its raw file is still there. */
    public record CountedRun(long id, long sourceId, boolean part, String fileName, LocalDate firstDay,
                             LocalDate lastDay, long bytes, boolean kept) {
    }

    /** What re-applying the days asked for would count again, and the findings of those days. */
    public record Scope(LocalDate askedFrom, LocalDate askedTo, LocalDate first, LocalDate last, List<CountedRun> runs,
                        int findings, int evidence, List<Long> undated) {

        public List<CountedRun> gone() {
            return runs.stream().filter(r -> !r.kept()).toList();
        }

        public long bytes() {
            return runs.stream().mapToLong(CountedRun::bytes).sum();
        }

        /** Whether the days counted again are more than those asked for. */
        public boolean widened() {
            return !first.equals(askedFrom) || !last.equals(askedTo);
        }
    }

    /** A re-apply as recorded: what was asked, by whom and why, and what it changed. */
    public record Reapplication(long id, LocalDate askedFrom, LocalDate askedTo, LocalDate first, LocalDate last,
                                String reason, String by, Status status, Instant startedAt, Instant finishedAt,
                                int runs, long lines, int findingsBefore, int raised, int kept, int withdrawn,
                                int reopened, int evidence, String problem) {
    }

    /** A re-apply running in the background: how far it has read, then what it came to. */
    public record Job(String id, long districtId, long bytesRead, long bytes, Reapplication done, String problem) {

        public boolean running() {
            return done == null && problem == null;
        }

        public int percent() {
            return bytes == 0 ? 0 : (int) Math.min(100, bytesRead * 100 / bytes);
        }
    }

    /** Why nothing was re-applied. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Reapplications.class);

    /** The longest span asked for, and counted again, at once: its results are held in memory until stored. */
    static final int MAX_DAYS = 70;
    /** The most bytes of kept files counted again at once. */
    static final long MAX_BYTES = 20L << 30;
    /** The days a re-apply may be asked about: Steward's own time. */
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final int KEPT_JOBS = 20;

    private record Counted(long runId, Analyzer.Result result) {
    }

    private final RecentJobs<Job> jobs = new RecentJobs<>(KEPT_JOBS);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Ingestion ingestion;
    private final CountedLines counted;
    private final UsageStore store;
    private final DistrictRules rules;
    private final CategoryLists categories;
    private final Findings findings;
    private final ActivityProperties properties;
    private final DistrictTime time;
    private final AuditLog audit;
    private final Clock clock;
    private final Executor executor;
    private final RecordHolds holds;

    Reapplications(JdbcClient jdbc, TransactionTemplate transaction, Ingestion ingestion, CountedLines counted,
                   UsageStore store, DistrictRules rules, CategoryLists categories, Findings findings,
                   ActivityProperties properties, DistrictTime time, AuditLog audit, Clock clock,
                   @Qualifier("applicationTaskExecutor") Executor executor, RecordHolds holds) {
        this.holds = holds;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.ingestion = ingestion;
        this.counted = counted;
        this.store = store;
        this.rules = rules;
        this.categories = categories;
        this.findings = findings;
        this.properties = properties;
        this.time = time;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor;
    }

    /** The weeks and runs re-applying these days would count again. */
    public Scope scope(long districtId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new Refused("The days end before they begin.");
        }
        if (from.isBefore(EARLIEST) || to.isAfter(time.today(districtId).plusDays(1))) {
            throw new Refused("Choose days from " + EARLIEST + " to today.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new Refused("Re-apply at most " + MAX_DAYS / 7 + " weeks at once.");
        }
        LocalDate first = monday(from);
        LocalDate last = sunday(to);
        List<CountedRun> runs;
        while (true) {
            runs = runs(districtId, first, last);
            LocalDate wider = monday(runs.stream().map(CountedRun::firstDay).reduce(first, Reapplications::earlier));
            LocalDate later = sunday(runs.stream().map(CountedRun::lastDay).reduce(last, Reapplications::later));
            if (wider.equals(first) && later.equals(last)) {
                break;
            }
            first = wider;
            last = later;
        }
        ZoneId zone = time.zone(districtId);
        Map<Boolean, Integer> byEvidence = new HashMap<>();
        jdbc.sql("select final_at is not null, count(*) from activity_finding where district_id = ? "
                        + "and window_start >= ? and window_start < ? group by 1")
                .params(districtId, start(first, zone), start(last.plusDays(1), zone))
                .query(rs -> {
                    byEvidence.put(rs.getBoolean(1), rs.getInt(2));
                });
        // a run of events ingested before runs were dated by all their events may have logins on any day
        List<Long> undated = jdbc.sql("""
                        select r.id from activity_run r join activity_source s on s.id = r.source_id
                         where r.district_id = ? and r.status = 'DONE' and not r.events_dated
                           and s.format = 'JSON_LINES' order by r.id limit 5""")
                .param(districtId).query(Long.class).list();
        return new Scope(from, to, first, last, runs, byEvidence.getOrDefault(false, 0),
                byEvidence.getOrDefault(true, 0), undated);
    }

    /** Starts re-applying in the background, which takes about as long as ingesting those days' logs did. */
    public Job submit(long districtId, LocalDate from, LocalDate to, String reason, String by) {
        Scope scope = check(districtId, from, to, reason);
        String id = RecentJobs.newId();
        Job job = new Job(id, districtId, 0, scope.bytes(), null, null);
        jobs.put(id, job);
        executor.execute(new DelegatingSecurityContextRunnable(() -> {
            try {
                Reapplication done = run(districtId, scope, reason.strip(), by, (read, of) ->
                        jobs.update(id, j -> new Job(id, districtId, read, of, null, null)));
                jobs.put(id, new Job(id, districtId, scope.bytes(), scope.bytes(), done, null));
            } catch (RuntimeException e) {
                jobs.put(id, new Job(id, districtId, 0, scope.bytes(), null, e.getMessage()));
            }
        }));
        return job;
    }

    public Optional<Job> job(long districtId, String id) {
        return jobs.get(id).filter(j -> j.districtId() == districtId);
    }

    /** Re-applies now; what it changed. */
    public Reapplication run(long districtId, LocalDate from, LocalDate to, String reason, String by) {
        return run(districtId, check(districtId, from, to, reason), reason.strip(), by, (read, of) -> { });
    }

    /** The district's re-applies, latest first. */
    public List<Reapplication> recent(long districtId, int limit) {
        return jdbc.sql("select * from activity_reapply where district_id = ? order by started_at desc, id desc "
                        + "limit ?")
                .params(districtId, limit).query(Reapplications::reapplication).list();
    }

    /** A re-apply of the district. */
    public Optional<Reapplication> find(long districtId, long id) {
        return jdbc.sql("select * from activity_reapply where district_id = ? and id = ?").params(districtId, id)
                .query(Reapplications::reapplication).optional();
    }

    /** A re-apply still running when the server starts was cut short: its transaction never committed. */
    void failInterrupted() {
        jdbc.sql("update activity_reapply set status = 'FAILED', finished_at = ?, problem = 'interrupted by a "
                + "restart; nothing was changed' where status = 'RUNNING'").param(Timestamp.from(clock.instant()))
                .update();
    }

    private Scope check(long districtId, LocalDate from, LocalDate to, String reason) {
        if (reason == null || reason.strip().length() < 5) {
            throw new Refused("Say why the lists and rules are re-applied (at least five characters): the reason is "
                    + "kept with every finding it changes.");
        }
        if (reason.strip().length() > 1000) {
            throw new Refused("The reason is longer than 1,000 characters.");
        }
        Scope scope = scope(districtId, from, to);
        if (scope.runs().isEmpty()) {
            throw new Refused("No run counted activity on " + scope.first() + " to " + scope.last()
                    + ": there is nothing to re-apply.");
        }
        if (ChronoUnit.DAYS.between(scope.first(), scope.last()) >= MAX_DAYS || scope.bytes() > MAX_BYTES) {
            throw new Refused("Runs that span them widen these days to " + scope.first() + " to " + scope.last() + " ("
                    + String.format("%,d", scope.bytes() >> 20) + " MB of files): more than the " + MAX_DAYS / 7
                    + " weeks and " + (MAX_BYTES >> 30) + " GB counted again at once. Choose fewer days.");
        }
        if (!scope.undated().isEmpty()) {
            throw new Refused("Run " + scope.undated().get(0) + " was ingested before Steward dated a run by all of "
                    + "its events (logins and devices as well as web requests): re-applying could lose what it "
                    + "counted, so nothing was re-applied.");
        }
        if (!scope.gone().isEmpty()) {
            throw new Refused("The raw files of " + scope.gone().size() + " of the " + scope.runs().size()
                    + " runs of " + scope.first() + " to " + scope.last() + " are no longer kept ("
                    + scope.gone().stream().limit(5).map(r -> "run " + r.id() + ", " + r.fileName())
                    .collect(Collectors.joining("; ")) + (scope.gone().size() > 5 ? "; …" : "")
                    + "): what they counted cannot be counted again, so nothing was re-applied. Choose later days.");
        }
        refuseHeld(districtId, scope);
        return scope;
    }

    /**
     * A re-apply deletes and counts again the days' usage and dismisses or reopens their undecided findings: refused
     * while an open case keeps any of that usage or of those findings as evidence.
     */
    private void refuseHeld(long districtId, Scope scope) {
        holds.usageHeldOn(districtId, scope.first(), scope.last()).ifPresent(hold -> {
            throw new Refused("Nothing was re-applied: internet use of " + hold.from() + " to " + hold.to() + " is "
                    + hold.reason() + ", and re-applying " + scope.first() + " to " + scope.last()
                    + " would count it again. Choose other days, or wait until the case is closed.");
        });
        ZoneId zone = time.zone(districtId);
        List<Long> undecided = jdbc.sql("select id from activity_finding where district_id = ? and final_at is null "
                        + "and window_start >= ? and window_start < ?")
                .params(districtId, start(scope.first(), zone), start(scope.last().plusDays(1), zone))
                .query(Long.class).list();
        holds.heldAmong(HeldKind.FINDING, districtId, undecided).values().stream().findFirst().ifPresent(hold -> {
            throw new Refused("Nothing was re-applied: finding " + hold.recordId() + " is " + hold.reason()
                    + ", and re-applying " + scope.first() + " to " + scope.last() + " could dismiss or reopen it."
                    + " Choose other days, or wait until the case is closed.");
        });
    }

    private Reapplication run(long districtId, Scope scope, String reason, String by, Backtests.Reading reading) {
        Long setId = categories.current(districtId).map(CategoryLists.Installed::id).orElse(null);
        long id;
        try {
            id = jdbc.sql("""
                        insert into activity_reapply (district_id, asked_from, asked_to, first_day, last_day, reason,
                            by_name, category_set_id, status, started_at, runs)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?) returning id""")
                .params(districtId, Date.valueOf(scope.askedFrom()), Date.valueOf(scope.askedTo()),
                        Date.valueOf(scope.first()), Date.valueOf(scope.last()), reason, by, setId,
                        Timestamp.from(clock.instant()), scope.runs().size())
                .query(Long.class).single();
        } catch (DuplicateKeyException running) {
            throw new Refused("Another re-apply of the district is running: wait for it to finish.");
        }
        try {
            RulePack pack = rules.pack(districtId);
            List<Counted> results = countAgain(districtId, scope, ingestion.engineSettings(districtId, pack), reading);
            transaction.executeWithoutResult(status -> store(districtId, id, scope, pack, results, reason, by));
        } catch (RuntimeException e) {
            // a refusal says what to do; anything else may name people or the server's folders: logged, not shown
            String problem = e instanceof Refused ? e.getMessage()
                    : "The re-apply failed, and nothing was changed; the server's log says why (re-apply " + id + ").";
            if (!(e instanceof Refused)) {
                log.warn("Re-apply {} of district {} failed", id, districtId, e);
            }
            jdbc.sql("update activity_reapply set status = 'FAILED', finished_at = ?, problem = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), problem, id).update();
            throw e instanceof Refused refused ? refused : new Refused(problem);
        }
        return find(districtId, id).orElseThrow();
    }

    /** Reads every run's file again, in order, as it was ingested; stores nothing. */
    private List<Counted> countAgain(long districtId, Scope scope, Analyzer.Settings settings,
                                     Backtests.Reading reading) {
        long bytes = scope.bytes();
        long[] done = {0};
        Map<String, Usage.VisitEnd> visitEnds = new HashMap<>();
        List<Counted> results = new ArrayList<>();
        for (CountedRun run : scope.runs()) {
            Path file = ingestion.rawFile(run.id());
            if (!Files.isRegularFile(file)) {
                throw new Refused("The raw file of run " + run.id() + " (" + run.fileName() + ") is gone: nothing "
                        + "was re-applied.");
            }
            LineDigests.OfLog digests = Analyzer.lineDigests(file, properties.limits());
            long[] before = counted.before(run.sourceId(), digests, run.id());
            Analyzer.Settings engine = before.length == 0 ? settings
                    : settings.countingOnly(d -> Arrays.binarySearch(before, d) >= 0);
            long offset = done[0];
            Analyzer.Result result = new Analyzer(engine).analyze(List.of(file),
                    (lines, read) -> reading.read(offset + read, bytes),
                    run.part() ? continuing(visitEnds.values(), engine.idleMillis()) : List.of());
            if (run.part()) { // the next part continues these visits, as it did when it was ingested
                result.usage().visitEnds().forEach(v -> visitEnds.merge(v.person() + '\n' + v.site(), v,
                        (a, b) -> a.end() >= b.end() ? a : b));
            }
            done[0] += run.bytes();
            results.add(new Counted(run.id(), result));
        }
        return results;
    }

    /** The visits a part of a stream continues: those that ended within the idle time of the latest end. */
    private static List<Usage.VisitEnd> continuing(java.util.Collection<Usage.VisitEnd> ends, long idleMillis) {
        long latest = ends.stream().mapToLong(Usage.VisitEnd::end).max().orElse(0);
        return ends.stream().filter(v -> v.end() >= latest - idleMillis).toList();
    }

    /** Clears the days and stores every run's results again, in one transaction. */
    private void store(long districtId, long id, Scope scope, RulePack pack, List<Counted> results, String reason,
                       String by) {
        ingestion.storing(districtId);
        List<Long> now = runs(districtId, scope.first(), scope.last()).stream().map(CountedRun::id).toList();
        if (!now.equals(scope.runs().stream().map(CountedRun::id).toList())) {
            throw new Refused("Logs of these days were ingested while they were being read again, so nothing was "
                    + "changed: re-apply again.");
        }
        refuseHeld(districtId, scope); // evidence added to a case while the files were read again
        ZoneId zone = time.zone(districtId);
        Timestamp start = start(scope.first(), zone);
        Timestamp end = start(scope.last().plusDays(1), zone);
        Date first = Date.valueOf(scope.first());
        Date last = Date.valueOf(scope.last());
        Map<Long, UsageStore.FindingKey> before = new HashMap<>();
        jdbc.sql("select id, rule, person, window_start from activity_finding where district_id = ? "
                        + "and final_at is null and window_start >= ? and window_start < ?")
                .params(districtId, start, end)
                .query(rs -> {
                    before.put(rs.getLong(1), new UsageStore.FindingKey(rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                });
        int evidence = jdbc.sql("select count(*) from activity_finding where district_id = ? and final_at is not null "
                        + "and window_start >= ? and window_start < ?")
                .params(districtId, start, end).query(Integer.class).single();
        jdbc.sql("delete from activity_usage where district_id = ? and day between ? and ?")
                .params(districtId, first, last).update();
        jdbc.sql("delete from activity_hours where district_id = ? and day between ? and ?")
                .params(districtId, first, last).update();
        jdbc.sql("delete from activity_window where district_id = ? and window_start >= ? and window_start < ?")
                .params(districtId, start, end).update();
        Set<UsageStore.FindingKey> found = new HashSet<>();
        long lines = 0;
        for (Counted run : results) {
            found.addAll(store.add(districtId, run.runId(), run.result(), pack, id).found());
            lines += run.result().lines();
        }
        store.forgetOldWindows(districtId);
        // open findings no longer raised are dismissed; those a re-apply dismissed and raised again, reopened. They
        // are locked as they are read: one confirmed meanwhile is confirmed after this, and its confirmation refused
        List<Long> noLonger = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        jdbc.sql("""
                        select f.id, f.rule, f.person, f.window_start, f.status,
                               (select s.reason like 'Not found again when re-apply %' and s.by_name = 'Steward'
                                  from activity_finding_step s where s.finding_id = f.id
                                 order by s.position desc limit 1) as withdrawn
                          from activity_finding f
                         where f.district_id = ? and f.final_at is null and f.status in ('OPEN', 'DISMISSED')
                           and f.window_start >= ? and f.window_start < ? order by f.id
                           for update of f""")
                .params(districtId, start, end)
                .query(rs -> {
                    boolean raisedNow = found.contains(new UsageStore.FindingKey(rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                    if (!raisedNow && rs.getString(5).equals("OPEN")) {
                        noLonger.add(rs.getLong(1));
                    } else if (raisedNow && rs.getString(5).equals("DISMISSED") && rs.getBoolean(6)) {
                        again.add(rs.getLong(1));
                    }
                });
        String counting = "re-apply " + id + " counted " + scope.first() + " to " + scope.last()
                + " again with the lists and rules in use (by " + by + ": " + reason + ")";
        triage(districtId, noLonger, Findings.Status.DISMISSED, "Not found again when " + counting);
        triage(districtId, again, Findings.Status.OPEN, "Found again when " + counting);
        int kept = (int) before.values().stream().filter(found::contains).count();
        int raised = jdbc.sql("select count(*) from activity_finding where district_id = ? and final_at is null "
                        + "and window_start >= ? and window_start < ?")
                .params(districtId, start, end).query(Integer.class).single() - before.size();
        jdbc.sql("update activity_run set reapply_id = ? where district_id = ? and status = 'DONE' "
                        + "and first_day <= ? and last_day >= ?")
                .params(id, districtId, last, first).update();
        jdbc.sql("""
                        update activity_reapply set status = 'DONE', finished_at = ?, lines = ?, findings_before = ?,
                            raised = ?, kept = ?, withdrawn = ?, reopened = ?, evidence = ? where id = ?""")
                .params(Timestamp.from(clock.instant()), lines, before.size(), raised, kept, noLonger.size(),
                        again.size(), evidence, id)
                .update();
        audit.record(districtId, "ACTIVITY_REAPPLIED", "activity_reapply", id, reason, scope.first() + " to "
                + scope.last() + " counted again from " + results.size() + " runs by " + by + ": " + raised
                + " findings raised, " + kept + " found again (" + again.size() + " of them reopened), "
                + noLonger.size() + " no longer found and dismissed, " + evidence + " confirmed left as they were");
    }

    /** Findings moved by Steward, each through the finding's own rules, step and audit entry. */
    private void triage(long districtId, List<Long> ids, Findings.Status to, String why) {
        for (int from = 0; from < ids.size(); from += Findings.AT_ONCE) {
            findings.triageAll(districtId, ids.subList(from, Math.min(ids.size(), from + Findings.AT_ONCE)), to, why,
                    "Steward");
        }
    }

    /** The runs that counted activity on any of these days, in the order they were ingested. */
    private List<CountedRun> runs(long districtId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        select id, source_id, part is not null, file_name, first_day, last_day, bytes,
                               raw_file is not null and raw_deleted_at is null as kept
                          from activity_run
                         where district_id = ? and status = 'DONE' and first_day <= ? and last_day >= ?
                         order by id""")
                .params(districtId, Date.valueOf(last), Date.valueOf(first))
                .query((rs, n) -> new CountedRun(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4),
                        rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), rs.getLong(7), rs.getBoolean(8)))
                .list();
    }

    private static Reapplication reapplication(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Reapplication(rs.getLong("id"), rs.getDate("asked_from").toLocalDate(),
                rs.getDate("asked_to").toLocalDate(), rs.getDate("first_day").toLocalDate(),
                rs.getDate("last_day").toLocalDate(), rs.getString("reason"), rs.getString("by_name"),
                Status.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("runs"), rs.getLong("lines"),
                rs.getInt("findings_before"), rs.getInt("raised"), rs.getInt("kept"), rs.getInt("withdrawn"),
                rs.getInt("reopened"), rs.getInt("evidence"), rs.getString("problem"));
    }

    private static Timestamp start(LocalDate day, ZoneId zone) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate sunday(LocalDate day) {
        return day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
