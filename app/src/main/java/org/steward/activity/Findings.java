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
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
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

    /**
     * What the queue shows; null or blank means any. {@code person} is whom the findings are about, as the privacy
     * guard names them ({@code staff:12}, or the account or address in the log).
     */
    public record Filter(String rule, String clause, String site, String severity, Status status, LocalDate from,
                         LocalDate to, String person) {
        public static final Filter OPEN = new Filter(null, null, null, null, Status.OPEN, null, null);

        public Filter(String rule, String clause, String site, String severity, Status status, LocalDate from,
                      LocalDate to) {
            this(rule, clause, site, severity, status, from, to, null);
        }
    }

    /** A person in the queue grouped by person: how many findings of the filtered queue are about them, how bad. */
    public record PersonInQueue(String key, String name, long findings, long critical, long high, long medium,
                                long low, String worst, Instant latest, List<Finding> newest) {

        /** The severities of the person's findings in words, worst first ("1 critical, 2 high"). */
        public String severities() {
            List<String> parts = new ArrayList<>();
            if (critical > 0) parts.add(critical + " critical");
            if (high > 0) parts.add(high + " high");
            if (medium > 0) parts.add(medium + " medium");
            if (low > 0) parts.add(low + " low");
            return String.join(", ", parts);
        }
    }

    /** The severities of the rules, worst last; SQL ranks them so that a list sorts worst first. */
    public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    private static final String RANK = "case f.severity when 'critical' then 4 when 'high' then 3 "
            + "when 'medium' then 2 when 'low' then 1 else 0 end";

    /** The columns the queue may be sorted by: newest first. */
    public static final SortColumns COLUMNS = SortColumns.of("findings queue", "f.id")
            .byDescending("when", "f.first_at")
            .by("finding", "f.title")
            .by("person", "lower(coalesce(s.last_name || ' ' || s.first_name, f.person))")
            .byDescending("severity", RANK, "f.first_at")
            .byDescending("count", "f.count")
            .by("status", "f.status");

    /** The columns the queue grouped by person may be sorted by: the person with the worst findings first. */
    public static final SortColumns PEOPLE = SortColumns.of("findings queue by person", "key")
            .byDescending("severity", "max(" + RANK + ")", "count(*)")
            .byDescending("findings", "count(*)")
            .by("person", "lower(coalesce(max(s.last_name || ' ' || s.first_name), max(f.person)))")
            .byDescending("latest", "max(f.first_at)");

    /** How many of a person's findings the grouped queue shows under their name; the rest are a link away. */
    public static final int NEWEST_OF_A_PERSON = 20;
    /** How many findings one bulk triage takes, a page of the queue at most. */
    public static final int AT_ONCE = Paging.MAX_SIZE;
    /** How many rows a CSV of the queue holds at most. */
    public static final int EXPORT_LIMIT = 50_000;

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

    /** A list's rows carry no evidence: a person's log lines are shown only on a finding's page, under the guard. */
    private static final String LISTED = SELECT.replace("f.evidence,", "'[]' as evidence,");

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
        List<Object> params = new ArrayList<>();
        String where = where(districtId, filter, zone, params);
        params.add(limit);
        return jdbc.sql(SELECT + where + " order by f.first_at desc, f.id desc limit ?").params(params)
                .query(Findings::finding).list();
    }

    /** A page of the queue in the order asked for, with how many findings match: one count and one query. */
    public Paged<Finding> page(long districtId, Filter filter, ZoneId zone, Paging paging) {
        List<Object> params = new ArrayList<>();
        String where = where(districtId, filter, zone, params);
        return Paged.of(paging,
                () -> jdbc.sql("select count(*) from activity_finding f left join staff s on s.id = f.staff_id"
                        + where).params(params).query(Long.class).single(),
                page -> jdbc.sql(LISTED + where + page.orderBy() + " offset ? limit ?")
                        .params(with(params, page.offset(), page.limit())).query(Findings::finding).list());
    }

    /**
     * A page of the queue grouped by person: each person with how many findings are about them and how bad, and
     * their newest findings. One count, one query for the page's people and one for their findings.
     */
    public Paged<PersonInQueue> byPerson(long districtId, Filter filter, ZoneId zone, Paging paging) {
        List<Object> params = new ArrayList<>();
        String where = where(districtId, filter, zone, params);
        String key = "coalesce('staff:' || f.staff_id, f.person)";
        Paged<PersonInQueue> people = Paged.of(paging,
                () -> jdbc.sql("select count(distinct " + key + ") from activity_finding f left join staff s"
                        + " on s.id = f.staff_id" + where).params(params).query(Long.class).single(),
                page -> jdbc.sql("select " + key + " as key, coalesce(max(s.first_name || ' ' || s.last_name),"
                                + " max(f.person)), count(*),"
                                + " count(*) filter (where f.severity = 'critical'),"
                                + " count(*) filter (where f.severity = 'high'),"
                                + " count(*) filter (where f.severity = 'medium'),"
                                + " count(*) filter (where f.severity = 'low'), max(" + RANK + "), max(f.first_at)"
                                + " from activity_finding f left join staff s on s.id = f.staff_id" + where
                                + " group by " + key + page.orderBy() + " offset ? limit ?")
                        .params(with(params, page.offset(), page.limit()))
                        .query((rs, n) -> new PersonInQueue(rs.getString(1), rs.getString(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                rs.getInt(8) == 0 ? "" : SEVERITIES.get(rs.getInt(8) - 1),
                                rs.getTimestamp(9).toInstant(), List.of()))
                        .list());
        if (people.rows().isEmpty()) {
            return people;
        }
        String[] keys = people.rows().stream().map(PersonInQueue::key).toArray(String[]::new);
        Map<String, List<Finding>> newest = new java.util.HashMap<>();
        jdbc.sql("select * from (" + LISTED.replace("select ", "select " + key + " as person_key, row_number() over"
                        + " (partition by " + key + " order by f.first_at desc, f.id desc) as nth, ")
                        + where + " and " + key + " = any(?)) newest where nth <= ? order by first_at desc, id desc")
                .params(with(params, keys, NEWEST_OF_A_PERSON))
                .query((rs, n) -> Map.entry(rs.getString("person_key"), finding(rs, n))).list()
                .forEach(e -> newest.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return people.map(p -> new PersonInQueue(p.key(), p.name(), p.findings(), p.critical(), p.high(), p.medium(),
                p.low(), p.worst(), p.latest(), newest.getOrDefault(p.key(), List.of())));
    }

    /** The queue as asked for, in its order, for a CSV file: at most {@link #EXPORT_LIMIT} findings. */
    public List<Finding> export(long districtId, Filter filter, ZoneId zone, Paging order) {
        List<Object> params = new ArrayList<>();
        String where = where(districtId, filter, zone, params);
        return jdbc.sql(LISTED + where + order.orderBy() + " limit ?").params(with(params, EXPORT_LIMIT))
                .query(Findings::finding).list();
    }

    private static List<Object> with(List<Object> params, Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all;
    }

    /** The queue's filter as SQL, its values added to {@code params}: the district always. */
    private static String where(long districtId, Filter filter, ZoneId zone, List<Object> params) {
        StringBuilder sql = new StringBuilder(" where f.district_id = ?");
        params.add(districtId);
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
        if (present(filter.person())) {
            InternetUse.Who who = InternetUse.Who.parse(filter.person());
            sql.append(who.staffId() != null ? " and f.staff_id = ?" : " and f.staff_id is null and f.person = ?");
            params.add(who.staffId() != null ? who.staffId() : who.person());
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
        return sql.toString();
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

    /** The columns a supervisor's list of findings about their staff may be sorted by: newest first. */
    public static final SortColumns ABOUT_STAFF = SortColumns.of("list of findings about your staff", "f.id")
            .byDescending("when", "f.first_at")
            .by("finding", "f.title")
            .by("person", "lower(s.last_name)", "lower(s.first_name)")
            .by("status", "f.status");

    /**
     * A page of the confirmed findings (or those for investigation) about a supervisor's own staff, of one status or
     * both, those about a person whose name has a text: a supervisor never sees an unconfirmed one, nor its log
     * lines. One count and one query.
     */
    public Paged<Finding> confirmedAboutReportsOf(long districtId, long supervisorStaffId, Status status, String text,
                                                  Paging paging) {
        // another status asked for finds nothing: the list never holds more than those two
        String where = " where f.district_id = ? and s.supervisor_id = ? and f.status in ('CONFIRMED', 'INVESTIGATION')"
                + " and (? = '' or f.status = ?) and (? = '' or lower(s.first_name || ' ' || s.last_name) like ?)";
        String wanted = status == null ? "" : status.name();
        String like = present(text) ? Like.containing(text) : "";
        List<Object> params = List.of(districtId, supervisorStaffId, wanted, wanted, like, like);
        return Paged.of(paging, () -> jdbc.sql("select count(*) from activity_finding f join staff s on s.id = f.staff_id"
                        + where).params(params).query(Long.class).single(),
                page -> jdbc.sql(LISTED + where + page.orderBy() + " offset ? limit ?")
                        .params(with(params, page.offset(), page.limit())).query(Findings::finding).list());
    }

    /** The columns a person's findings may be sorted by: newest first. */
    public static final SortColumns OF_A_PERSON = SortColumns.of("list of the person's findings", "f.id")
            .byDescending("when", "f.first_at")
            .by("finding", "f.title")
            .byDescending("severity", RANK, "f.first_at")
            .by("status", "f.status");

    /** A page of a staff member's findings, without their log lines: one count and one query. */
    public Paged<Finding> ofStaff(long districtId, long staffId, Paging paging) {
        String where = " where f.district_id = ? and f.staff_id = ?";
        return Paged.of(paging, () -> jdbc.sql("select count(*) from activity_finding f" + where)
                        .params(districtId, staffId).query(Long.class).single(),
                page -> jdbc.sql(LISTED + where + page.orderBy() + " offset ? limit ?")
                        .params(districtId, staffId, page.offset(), page.limit()).query(Findings::finding).list());
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
        record(districtId, finding, wasDecided, (RaisedFinding.Recorded) triaged, to, by,
                "Someone else changed this finding a moment ago; nothing of yours was recorded.");
        return find(districtId, id).orElseThrow();
    }

    /**
     * Triages several findings at once, each as {@link #triage} does (its own rules, step, audit entry and event),
     * all or nothing: when one is refused, or changed by someone else meanwhile, none is, and the refusal names each
     * finding refused and why. Returns how many were triaged.
     */
    @Transactional
    public int triageAll(long districtId, List<Long> ids, Status to, String reason, String by) {
        List<Long> asked = ids.stream().distinct().toList();
        if (asked.isEmpty()) {
            throw new Refused("Choose the findings to triage.");
        }
        if (asked.size() > AT_ONCE) {
            throw new Refused("Triage at most " + AT_ONCE + " findings at once; " + asked.size() + " were chosen.");
        }
        Map<Long, RaisedFinding> found = new java.util.HashMap<>();
        raised.findByDistrictIdAndIdIn(districtId, asked).forEach(f -> found.put(f.id(), f));
        Instant at = clock.instant();
        Map<String, List<String>> refusals = new java.util.LinkedHashMap<>();
        Map<RaisedFinding, RaisedFinding.Recorded> recorded = new java.util.LinkedHashMap<>();
        java.util.Set<RaisedFinding> wereDecided = new java.util.HashSet<>();
        for (long id : asked) {
            RaisedFinding finding = found.get(id);
            if (finding != null && (finding.status() == Status.CONFIRMED || finding.status() == Status.INVESTIGATION)) {
                wereDecided.add(finding);
            }
            RaisedFinding.Triaged triaged = finding == null ? new RaisedFinding.Refused("There is no such finding.")
                    : finding.triage(to, reason, by, at);
            if (triaged instanceof RaisedFinding.Refused refused) {
                refusals.computeIfAbsent(refused.reason(), r -> new ArrayList<>())
                        .add(finding == null ? "finding " + id : named(finding));
            } else {
                recorded.put(finding, (RaisedFinding.Recorded) triaged);
            }
        }
        if (!refusals.isEmpty()) {
            StringBuilder message = new StringBuilder("Nothing was changed.");
            refusals.forEach((why, which) -> message.append(' ').append(why.replaceFirst("\\.$", "")).append(": ")
                    .append(String.join("; ", which)).append('.'));
            throw new Refused(message.toString());
        }
        recorded.forEach((finding, step) -> record(districtId, finding, wereDecided.contains(finding), step, to, by,
                "Someone else changed "
                + named(finding) + " a moment ago; nothing of yours was recorded, for any of the findings."));
        return recorded.size();
    }

    private static String named(RaisedFinding finding) {
        return "finding " + finding.id() + " (" + finding.rule() + " about " + finding.person() + ")";
    }

    /** Saves a step the finding recorded, audits it, and tells the other modules when it was decided. */
    private void record(long districtId, RaisedFinding finding, boolean wasDecided, RaisedFinding.Recorded triaged,
                        Status to, String by, String whenChangedMeanwhile) {
        try {
            raised.save(finding);
        } catch (OptimisticLockingFailureException e) {
            throw new Refused(whenChangedMeanwhile);
        }
        RaisedFinding.Step step = triaged.step();
        audit.record(districtId, "FINDING_" + to.name(), "activity_finding", finding.id(), finding.rule() + " about "
                + finding.person() + " by " + by + (step.reason().isEmpty() ? "" : ": " + step.reason()));
        if (triaged.decided()) {
            events.publishEvent(new FindingConfirmed(districtId, finding.id(), finding.rule(), finding.person(),
                    finding.staffId(), to == Status.INVESTIGATION, by));
        } else if (wasDecided) {
            events.publishEvent(new FindingReconsidered(districtId, finding.id(), to, triaged.step().reason(), by));
        }
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
