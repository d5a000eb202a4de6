package org.steward.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.policies.ClauseReference;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Findings of the rules, one per rule, person and window, each tied to the clauses it enforces; and what technology
 * services did with each: dismissed with a reason, confirmed, or marked for investigation.
 */
@Service
public class Findings {

    public enum Status {
        OPEN("Open"), DISMISSED("Dismissed"), CONFIRMED("Confirmed"), INVESTIGATION("For investigation");

        private final String title;

        Status(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** A finding may go from any status to any other: a decision may be reviewed, with its reason. */
        public boolean mayBecome(Status next) {
            return next != this;
        }
    }

    public record Evidence(String source, long line, String text) {
    }

    /**
     * A finding. {@code clauses} are the rule's citations in each real policy whose numbering it knows;
     * {@code citation} is the clause of the district's own policy in force when the finding was made, if it had one.
     */
    public record Finding(long id, long districtId, String rule, String title, String severity,
                          Map<String, String> clauses, ClauseReference citation, String person, Long staffId,
                          String staffName,
                          Long supervisorId, Instant windowStart, Instant first, Instant last, long count,
                          long measured, List<Evidence> evidence, Status status, long runId, Instant createdAt) {

        /** The staff member's name when the person is on the roster, else the account or address in the log. */
        public String who() {
            return staffName != null ? staffName : person;
        }
    }

    public record Step(Status status, String reason, String by, Instant at) {
    }

    /** What a later run found in a confirmed finding's window; the finding itself stays as it was decided on. */
    public record Addendum(long runId, long count, long measured, Instant first, Instant last,
                           List<Evidence> evidence, Instant at) {
    }

    /** What the queue shows; null or blank means any. */
    public record Filter(String rule, String clause, String site, String severity, Status status, LocalDate from,
                         LocalDate to) {
        public static final Filter OPEN = new Filter(null, null, null, null, Status.OPEN, null, null);
    }

    /** Why a change was not made. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final String SELECT = """
            select f.id, f.district_id, f.rule, f.title, f.severity, f.clauses, f.person, f.staff_id,
                   s.first_name || ' ' || s.last_name as staff_name, s.supervisor_id, f.window_start, f.first_at,
                   f.last_at, f.count, f.measured, f.evidence, f.status, f.run_id, f.created_at,
                   f.clause_version_id, f.clause_key
              from activity_finding f left join staff s on s.id = f.staff_id""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Evidence>> LINES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> CITATIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RaisedFindings raised;

    Findings(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock, RaisedFindings raised) {
        this.raised = raised;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public List<Finding> queue(long districtId, Filter filter, ZoneId zone, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where f.district_id = ?");
        List<Object> params = new ArrayList<>(List.of(districtId));
        if (filter.status() != null) {
            sql.append(" and f.status = ?");
            params.add(filter.status().name());
        }
        if (present(filter.rule())) {
            sql.append(" and f.rule = ?");
            params.add(filter.rule().strip());
        }
        if (present(filter.severity())) {
            sql.append(" and f.severity = ?");
            params.add(filter.severity().strip());
        }
        if (present(filter.clause())) {
            sql.append(" and f.clause_key = ?");
            params.add(filter.clause().strip());
        }
        if (present(filter.site())) {
            sql.append(" and exists (select 1 from jsonb_array_elements(f.evidence) as e where e->>'text' ilike ?)");
            params.add("%" + Like.escaped(filter.site().strip()) + "%");
        }
        if (filter.from() != null) {
            sql.append(" and f.last_at >= ?");
            params.add(Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
        }
        if (filter.to() != null) {
            sql.append(" and f.first_at < ?");
            params.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        sql.append(" order by f.first_at desc, f.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(Findings::finding).list();
    }

    /** The rules that have raised findings in the district, for the queue's filter. */
    public List<String> rules(long districtId) {
        return jdbc.sql("select distinct rule from activity_finding where district_id = ? order by rule")
                .param(districtId).query(String.class).list();
    }

    public Optional<Finding> find(long districtId, long id) {
        return jdbc.sql(SELECT + " where f.id = ? and f.district_id = ?").params(id, districtId)
                .query(Findings::finding).optional();
    }

    public List<Step> steps(long districtId, long id) {
        return jdbc.sql("""
                        select st.status, st.reason, st.by_name, st.at from activity_finding_step st
                          join activity_finding f on f.id = st.finding_id
                         where f.id = ? and f.district_id = ? order by st.position""")
                .params(id, districtId)
                .query((rs, n) -> new Step(Status.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** The addenda of a confirmed finding, oldest first. */
    public List<Addendum> addenda(long districtId, long id) {
        return jdbc.sql("""
                        select a.run_id, a.count, a.measured, a.first_at, a.last_at, a.evidence, a.created_at
                          from activity_finding_addendum a join activity_finding f on f.id = a.finding_id
                         where f.id = ? and f.district_id = ? order by a.id""")
                .params(id, districtId)
                .query((rs, n) -> new Addendum(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), evidence(rs.getString(6)),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** A person's findings: for the person themself, or a supervisor's confirmed ones. */
    public List<Finding> ofStaff(long districtId, long staffId, boolean confirmedOnly) {
        return jdbc.sql(SELECT + " where f.district_id = ? and f.staff_id = ?"
                        + (confirmedOnly ? " and f.status in ('CONFIRMED', 'INVESTIGATION')" : "")
                        + " order by f.first_at desc")
                .params(districtId, staffId).query(Findings::finding).list();
    }

    /** Findings about a supervisor's own staff confirmed (or sent for investigation) in [from, to). */
    public List<Finding> confirmedAboutReportsOf(long districtId, long supervisorStaffId, Instant from, Instant to) {
        return jdbc.sql(SELECT + " where f.district_id = ? and s.supervisor_id = ? "
                        + "and f.status in ('CONFIRMED', 'INVESTIGATION') and f.final_at >= ? and f.final_at < ? "
                        + "order by f.first_at")
                .params(districtId, supervisorStaffId, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query(Findings::finding).list();
    }

    /** How many findings the rules raised in [from, to), by severity. */
    public Map<String, Long> raisedBySeverity(long districtId, Instant from, Instant to) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.sql("select severity, count(*) from activity_finding where district_id = ? and created_at >= ? "
                        + "and created_at < ? group by severity order by count(*) desc, severity")
                .params(districtId, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** How many findings wait for triage. */
    public long openCount(long districtId) {
        return jdbc.sql("select count(*) from activity_finding where district_id = ? and status = 'OPEN'")
                .param(districtId).query(Long.class).single();
    }

    /** Confirmed findings about a supervisor's own staff: a supervisor never sees an unconfirmed one. */
    public List<Finding> confirmedAboutReportsOf(long districtId, long supervisorStaffId) {
        return jdbc.sql(SELECT + " where f.district_id = ? and s.supervisor_id = ? "
                        + "and f.status in ('CONFIRMED', 'INVESTIGATION') order by f.first_at desc")
                .params(districtId, supervisorStaffId).query(Findings::finding).list();
    }

    /**
     * Dismiss (with a reason), confirm, or mark for investigation; a decided finding may be reopened, with a reason.
     * Of two people deciding one finding at once, the second is told and nothing of theirs is kept.
     */
    @Transactional
    public Finding triage(long districtId, long id, Status to, String reason, String by) {
        RaisedFinding finding = raised.findByDistrictIdAndId(districtId, id)
                .orElseThrow(() -> new Refused("There is no such finding."));
        boolean wasDecided = finding.status() == Status.CONFIRMED || finding.status() == Status.INVESTIGATION;
        RaisedFinding.Triaged triaged = finding.triage(to, reason, by, clock.instant());
        if (triaged instanceof RaisedFinding.Refused refused) {
            throw new Refused(refused.reason());
        }
        RaisedFinding.Step step = ((RaisedFinding.Recorded) triaged).step();
        try {
            raised.save(finding);
        } catch (OptimisticLockingFailureException e) {
            throw new Refused("Someone else changed this finding a moment ago; nothing of yours was recorded.");
        }
        audit.record(districtId, "FINDING_" + to.name(), "activity_finding", id, finding.rule() + " about "
                + finding.person() + " by " + by + (step.reason().isEmpty() ? "" : ": " + step.reason()));
        Finding after = find(districtId, id).orElseThrow();
        if (((RaisedFinding.Recorded) triaged).decided()) {
            events.publishEvent(new FindingConfirmed(districtId, id, after.rule(), after.person(), after.staffId(),
                    to == Status.INVESTIGATION, by));
        } else if (wasDecided) {
            events.publishEvent(new FindingReconsidered(districtId, id, to, step.reason(), by));
        }
        return after;
    }

    private static List<Evidence> evidence(String kept) {
        return List.copyOf(JSON.readValue(kept, LINES));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static Finding finding(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, String> clauses = new TreeMap<>(JSON.readValue(rs.getString("clauses"), CITATIONS));
        List<Evidence> evidence = evidence(rs.getString("evidence"));
        Object supervisor = rs.getObject("supervisor_id");
        Long citedVersion = rs.getObject("clause_version_id", Long.class);
        ClauseReference citation = citedVersion == null ? null
                : new ClauseReference(citedVersion, rs.getString("clause_key"));
        return new Finding(rs.getLong("id"), rs.getLong("district_id"), rs.getString("rule"), rs.getString("title"),
                rs.getString("severity"), clauses, citation, rs.getString("person"), (Long) rs.getObject("staff_id"),
                rs.getString("staff_name"), supervisor == null ? null : ((Number) supervisor).longValue(),
                rs.getTimestamp("window_start").toInstant(), rs.getTimestamp("first_at").toInstant(),
                rs.getTimestamp("last_at").toInstant(), rs.getLong("count"), rs.getLong("measured"), evidence,
                Status.valueOf(rs.getString("status")), rs.getLong("run_id"), rs.getTimestamp("created_at").toInstant());
    }
}
