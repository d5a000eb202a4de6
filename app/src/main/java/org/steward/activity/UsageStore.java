package org.steward.activity;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.steward.engine.Analyzer;
import org.steward.engine.rules.Rule;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.usage.Usage;
import org.steward.engine.usage.UsageRow;
import org.steward.audit.AuditLog;
import org.steward.policies.Citations;
import org.steward.policies.ClauseReference;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Adds a run's results to what the district has: usage rows summed into the person, site and day they belong to,
 * hours into the person's day, and findings merged into the one finding of their rule, person and window. Runs in
 * the caller's transaction.
 */
@Component
class UsageStore {

    /**
     * What storing a run's results did: usage rows added, findings first raised, and the findings (not evidence)
     * that its windows now raise or keep raised, by rule, person and window.
     */
    record Stored(int usageRows, int newFindings, Set<FindingKey> found) {
    }

    /** A finding's identity: its rule, person and window. */
    record FindingKey(String rule, String person, Instant windowStart) {
    }

    private static final int BATCH = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A finding keeps the first lines of its window as evidence. */
    static final int EVIDENCE_LINES = 5;

    private final JdbcTemplate jdbc;
    private final StaffDirectory staff;
    private final Clock clock;
    private final AuditLog audit;
    private final PriorApprovals approvals;
    private final PolicyLibrary policies;
    private final MonitoringSettings settings;

    UsageStore(JdbcTemplate jdbc, StaffDirectory staff, Clock clock, AuditLog audit, PriorApprovals approvals,
               PolicyLibrary policies, MonitoringSettings settings) {
        this.policies = policies;
        this.settings = settings;
        this.audit = audit;
        this.approvals = approvals;
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    Stored add(long districtId, long runId, Analyzer.Result result, RulePack pack) {
        Stored stored = add(districtId, runId, result, pack, null);
        forgetOldWindows(districtId);
        return stored;
    }

    /**
     * Adds a run's results; with {@code reapplyId}, those of a run a re-apply counts again after clearing its days,
     * which adds no addenda to confirmed findings (the run already did), and whose caller forgets old windows once all
     * its runs are stored (a run forgetting them would drop the sums the next one adds to).
     */
    Stored add(long districtId, long runId, Analyzer.Result result, RulePack pack, Long reapplyId) {
        People people = new People(staff.everyone(districtId));
        List<UsageRow> rows = result.usageRows();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<UsageRow> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            jdbc.batchUpdate("""
                    insert into activity_usage (district_id, day, person, staff_id, site, visits, millis, requests,
                        elapsed_ms, bytes, categories, blocked)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (district_id, day, person, site) do update set
                        visits = activity_usage.visits + excluded.visits,
                        millis = activity_usage.millis + excluded.millis,
                        requests = activity_usage.requests + excluded.requests,
                        elapsed_ms = activity_usage.elapsed_ms + excluded.elapsed_ms,
                        bytes = activity_usage.bytes + excluded.bytes,
                        blocked = activity_usage.blocked + excluded.blocked,
                        staff_id = coalesce(excluded.staff_id, activity_usage.staff_id),
                        categories = array(select distinct c from unnest(activity_usage.categories
                                                                         || excluded.categories) as c order by c)""",
                    batch, batch.size(), (ps, row) -> {
                        ps.setLong(1, districtId);
                        ps.setDate(2, Date.valueOf(row.date()));
                        ps.setString(3, row.person());
                        ps.setObject(4, people.staffId(row.person()));
                        ps.setString(5, row.site());
                        ps.setLong(6, row.visits());
                        ps.setLong(7, row.millisConnected());
                        ps.setLong(8, row.requests());
                        ps.setLong(9, row.elapsedMs());
                        ps.setLong(10, row.bytes());
                        ps.setArray(11, ps.getConnection().createArrayOf("text", row.categories().isEmpty()
                                ? new String[0] : row.categories().split("\\|")));
                        ps.setLong(12, row.blocked());
                    });
        }
        List<Usage.HourRow> hours = result.usage().hours();
        for (int from = 0; from < hours.size(); from += BATCH) {
            List<Usage.HourRow> batch = hours.subList(from, Math.min(hours.size(), from + BATCH));
            jdbc.batchUpdate("""
                    insert into activity_hours (district_id, day, person, requests) values (?, ?, ?, ?)
                    on conflict (district_id, day, person) do update set requests = array(
                        select a + b from unnest(activity_hours.requests, excluded.requests) with ordinality
                            as t(a, b, i) order by i)""",
                    batch, batch.size(), (ps, row) -> {
                        ps.setLong(1, districtId);
                        ps.setDate(2, Date.valueOf(row.date()));
                        ps.setString(3, row.person());
                        ps.setArray(4, ps.getConnection().createArrayOf("bigint",
                                Arrays.stream(row.requests()).boxed().toArray()));
                    });
        }
        List<RuleEngine.WindowSum> windows = result.windows();
        for (int from = 0; from < windows.size(); from += BATCH) {
            List<RuleEngine.WindowSum> batch = windows.subList(from, Math.min(windows.size(), from + BATCH));
            // a window keeps the earlier runs' lines first, then this run's, as many as a finding shows
            jdbc.batchUpdate("""
                    insert into activity_window (district_id, rule, person, window_start, first_at, last_at, count,
                        measured, evidence)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    on conflict (district_id, rule, person, window_start) do update set
                        count = activity_window.count + excluded.count,
                        measured = activity_window.measured + excluded.measured,
                        first_at = least(activity_window.first_at, excluded.first_at),
                        last_at = greatest(activity_window.last_at, excluded.last_at),
                        evidence = (select coalesce(jsonb_agg(e order by i), '[]')
                                      from jsonb_array_elements(activity_window.evidence || excluded.evidence)
                                           with ordinality as t(e, i) where i <= ?)""",
                    batch, batch.size(), (ps, w) -> {
                        ps.setLong(1, districtId);
                        ps.setString(2, w.rule());
                        ps.setString(3, w.person());
                        ps.setTimestamp(4, Timestamp.from(Instant.ofEpochMilli(w.windowStart())));
                        ps.setTimestamp(5, Timestamp.from(Instant.ofEpochMilli(w.first())));
                        ps.setTimestamp(6, Timestamp.from(Instant.ofEpochMilli(w.last())));
                        ps.setLong(7, w.count());
                        ps.setLong(8, w.measured());
                        ps.setString(9, JSON.writeValueAsString(w.evidence()));
                        ps.setInt(10, EVIDENCE_LINES);
                    });
        }
        Set<FindingKey> found = raiseFindings(districtId, runId, windows, pack, people, reapplyId == null);
        Timestamp now = Timestamp.from(clock.instant());
        // the findings this run raised first: a re-applied run's earlier findings already have their first step
        List<Long> created = jdbc.queryForList("select id from activity_finding f where run_id = ? and not exists "
                + "(select 1 from activity_finding_step s where s.finding_id = f.id)", Long.class, runId);
        String raised = reapplyId == null ? "raised by run " + runId
                : "raised when re-apply " + reapplyId + " counted run " + runId + " again";
        List<Object[]> steps = new ArrayList<>();
        for (Long id : created) {
            steps.add(new Object[] {id, raised, now});
        }
        jdbc.batchUpdate("insert into activity_finding_step (finding_id, position, status, reason, by_name, at) "
                + "values (?, 0, 'OPEN', ?, 'Steward', ?)", steps);
        return new Stored(rows.size(), created.size(), found);
    }

    /**
     * The windows this run added to whose sums over every run now reach their rule's threshold become findings, or
     * bring the findings they already are up to date; a finding first raised by this run names it. A finding
     * confirmed or sent for investigation is evidence: the run adds an addendum to it instead.
     */
    private Set<FindingKey> raiseFindings(long districtId, long runId, List<RuleEngine.WindowSum> windows,
                                          RulePack pack, People people, boolean addenda) {
        Map<String, Rule> rules = pack.rules().stream().collect(Collectors.toMap(Rule::id, r -> r));
        Citations citations = policies.citations(districtId);
        String policyKey = settings.of(districtId).clausePolicy();
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> current = new ArrayList<>();
        List<Object[]> addendaToAdd = new ArrayList<>();
        Set<FindingKey> found = new HashSet<>();
        for (int from = 0; from < windows.size(); from += BATCH) {
            List<RuleEngine.WindowSum> batch = windows.subList(from, Math.min(windows.size(), from + BATCH));
            String[] ruleIds = batch.stream().map(RuleEngine.WindowSum::rule).toArray(String[]::new);
            String[] persons = batch.stream().map(RuleEngine.WindowSum::person).toArray(String[]::new);
            Timestamp[] starts = batch.stream().map(w -> Timestamp.from(Instant.ofEpochMilli(w.windowStart())))
                    .toArray(Timestamp[]::new);
            jdbc.query(con -> {
                var ps = con.prepareStatement("""
                        select w.rule, w.person, w.window_start, w.first_at, w.last_at, w.count, w.measured,
                               w.evidence, f.id as evidence_id
                          from activity_window w
                          join unnest(?::text[], ?::text[], ?::timestamptz[]) as k(rule, person, window_start)
                            on w.rule = k.rule and w.person = k.person and w.window_start = k.window_start
                          left join activity_finding f
                            on f.district_id = w.district_id and f.rule = w.rule and f.person = w.person
                           and f.window_start = w.window_start and f.final_at is not null
                         where w.district_id = ?""");
                ps.setArray(1, con.createArrayOf("text", ruleIds));
                ps.setArray(2, con.createArrayOf("text", persons));
                ps.setArray(3, con.createArrayOf("timestamptz", starts));
                ps.setLong(4, districtId);
                return ps;
            }, rs -> {
                Rule rule = rules.get(rs.getString(1));
                if (rule != null && RuleEngine.reaches(rule, rs.getLong(7))
                        && !approvals.covered(districtId, rule.id(), rs.getString(2), people.staffId(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getLong(6), rs.getTimestamp(5).toInstant())) {
                    boolean seconds = rule.threshold().measure() == Rule.Measure.SECONDS;
                    long measured = seconds ? rs.getLong(7) / 1000 : rs.getLong(7);
                    Long evidenceId = rs.getObject(9, Long.class);
                    if (evidenceId != null) { // confirmed or sent for investigation: an addendum, not a change
                        if (addenda) {
                            addendaToAdd.add(new Object[] {evidenceId, runId, rs.getLong(6), measured, rs.getTimestamp(4),
                                rs.getTimestamp(5), rs.getString(8), now});
                        }
                        return;
                    }
                    found.add(new FindingKey(rule.id(), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    // the clause of the district's policy in force as the finding is made
                    Optional<ClauseReference> cited = citations.cite(rule.clauses().get(policyKey),
                            now.toInstant());
                    current.add(new Object[] {districtId, rule.id(), rule.title(),
                            rule.severity().name().toLowerCase(Locale.ROOT), JSON.writeValueAsString(rule.clauses()),
                            rs.getString(2), people.staffId(rs.getString(2)), rs.getTimestamp(3),
                            rs.getTimestamp(4), rs.getTimestamp(5), rs.getLong(6), measured, rs.getString(8), runId,
                            now,
                            cited.map(ClauseReference::policyVersionId).orElse(null),
                            cited.map(ClauseReference::clauseKey).orElse(null)});
                }
            });
        }
        jdbc.batchUpdate("""
                insert into activity_finding (district_id, rule, title, severity, clauses, person, staff_id,
                    window_start, first_at, last_at, count, measured, evidence, status, run_id, created_at,
                    clause_version_id, clause_key)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'OPEN', ?, ?, ?, ?)
                on conflict (district_id, rule, person, window_start) do update set
                    count = excluded.count, measured = excluded.measured, first_at = excluded.first_at,
                    last_at = excluded.last_at, evidence = excluded.evidence,
                    version = activity_finding.version + 1
                 where activity_finding.final_at is null""", current); // one confirmed a moment ago stays as it was
        jdbc.batchUpdate("""
                insert into activity_finding_addendum (finding_id, run_id, count, measured, first_at, last_at,
                    evidence, created_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (finding_id, run_id) do nothing""", addendaToAdd);
        for (Object[] addendum : addendaToAdd) {
            audit.record(districtId, "FINDING_ADDENDUM", "activity_finding", (Long) addendum[0],
                    "run %d brought the window to %d matching events; the confirmed finding stays as it was"
                            .formatted(runId, (Long) addendum[2]));
        }
        return found;
    }

    /**
     * Forgets windows that began five weeks before the district's newest: a week is the longest window, and parts of
     * a stream come in order, so nothing will add to them; their findings stay.
     */
    void forgetOldWindows(long districtId) {
        jdbc.update("""
                delete from activity_window where district_id = ? and window_start < (select max(window_start)
                    from activity_window where district_id = ?) - interval '35 days'""", districtId, districtId);
    }

    /** The district's latest request ends per person and site, as a next part of a stream continues them. */
    List<Usage.VisitEnd> visitEnds(long districtId, long idleMillis) {
        return jdbc.query("""
                        select person, site, last_end from activity_visit_end
                         where district_id = ? and last_end >= (select max(last_end) from activity_visit_end
                                                                 where district_id = ?) - ? * interval '1 millisecond'""",
                (rs, n) -> new Usage.VisitEnd(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant().toEpochMilli()),
                districtId, districtId, idleMillis);
    }

    /** Keeps where this part's visits ended, and forgets ends a day older than the newest. */
    void keepVisitEnds(long districtId, List<Usage.VisitEnd> ends) {
        for (int from = 0; from < ends.size(); from += BATCH) {
            List<Usage.VisitEnd> batch = ends.subList(from, Math.min(ends.size(), from + BATCH));
            jdbc.batchUpdate("""
                    insert into activity_visit_end (district_id, person, site, last_end) values (?, ?, ?, ?)
                    on conflict (district_id, person, site) do update
                        set last_end = greatest(activity_visit_end.last_end, excluded.last_end)""",
                    batch, batch.size(), (ps, v) -> {
                        ps.setLong(1, districtId);
                        ps.setString(2, v.person());
                        ps.setString(3, v.site());
                        ps.setTimestamp(4, Timestamp.from(Instant.ofEpochMilli(v.end())));
                    });
        }
        jdbc.update("""
                delete from activity_visit_end where district_id = ? and last_end < (select max(last_end)
                    from activity_visit_end where district_id = ?) - interval '1 day'""", districtId, districtId);
    }
}
