package org.steward.investigations;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.steward.policies.ClauseReference;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Who sees the outcomes of cases, and nothing else of them: the employee an outcome is about, with the clause's
 * words; a supervisor, the outcomes about their own staff; human resources, the cases referred to them. Every look
 * by someone other than the employee is audited.
 */
@Service
class Outcomes {

    /** An outcome as these pages show it, with the clause it cited (null for "no violation"). */
    record Shown(long caseId, int number, String subjectName, String outcome, String summary, Instant closedAt,
                 String closedBy, org.steward.policies.CitedClause clause) {

        public String outcomeTitle() {
            return Case.Outcome.valueOf(outcome).title();
        }
    }

    private record Row(long id, int number, String subjectName, String outcome, String outcomeSummary,
                       Instant closedAt, String closedBy, Long outcomeVersionId, String outcomeClauseKey) {
    }

    static final SortColumns COLUMNS = SortColumns.of("list of outcomes", "c.id")
            .byDescending("closed", "c.closed_at")
            .by("person", "lower(c.subject_name)")
            .by("outcome", "c.outcome");

    private static final String SELECT = """
            select c.id, c.number, c.subject_name, c.outcome, c.outcome_summary, c.closed_at, c.closed_by,
                   c.outcome_version_id, c.outcome_clause_key from investigation_case c
             where c.district_id = :district and c.status = 'CLOSED'""";

    private final JdbcClient jdbc;
    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final AuditLog audit;

    Outcomes(JdbcClient jdbc, PolicyLibrary policies, StaffDirectory staff, AuditLog audit) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.staff = staff;
        this.audit = audit;
    }

    /** The outcomes about the signed-in employee, the latest first. */
    List<Shown> aboutMe(StewardUser me) {
        if (me.staffId() == null) {
            return List.of();
        }
        return shown(me.districtId(), jdbc.sql(SELECT
                        + " and c.subject_staff_id = :staff order by c.closed_at desc, c.id desc")
                .param("district", me.districtId()).param("staff", me.staffId()).query(Row.class).list());
    }

    /** Whether the signed-in person supervises anyone or works in HR: the outcomes page has something for them. */
    boolean mayReadOthers(StewardUser me) {
        return me.has(Role.HR) || supervises(me);
    }

    /** Whether the signed-in person supervises someone on the roster. */
    boolean supervises(StewardUser me) {
        return me.staffId() != null && staff.countReportsOf(me.districtId(), me.staffId()) > 0;
    }

    /** A page of the outcomes about the supervisor's own staff; the look is audited. */
    @Transactional
    Paged<Shown> aboutMyStaff(StewardUser me, Paging paging) {
        List<Long> reports = me.staffId() == null ? List.of()
                : staff.reportsOf(me.districtId(), me.staffId()).stream().map(StaffMember::id).toList();
        if (reports.isEmpty()) {
            return Paged.of(paging, () -> 0, p -> List.of());
        }
        Paged<Shown> page = page(me.districtId(), " and c.subject_staff_id in (:staff)", reports, paging);
        if (page.total() > 0) {
            audit.record(me.districtId(), "OUTCOMES_VIEWED", "investigation_case", "staff of " + me.staffId(),
                    "%d outcome(s) about the staff of %s viewed: cases %s".formatted(page.total(), me.getUsername(),
                            numbers(page)));
        }
        return page;
    }

    /** A page of the cases referred to HR, for HR; the look is audited. */
    @Transactional
    Paged<Shown> referredToHr(StewardUser me, Paging paging) {
        if (!me.has(Role.HR)) {
            return Paged.of(paging, () -> 0, p -> List.of());
        }
        Paged<Shown> page = page(me.districtId(), " and c.outcome = 'REFERRED_TO_HR'", null, paging);
        if (page.total() > 0) {
            audit.record(me.districtId(), "OUTCOMES_VIEWED", "investigation_case", "referred to HR",
                    "cases referred to HR viewed by %s: %s".formatted(me.getUsername(), numbers(page)));
        }
        return page;
    }

    private Paged<Shown> page(long districtId, String where, List<Long> staffIds, Paging paging) {
        List<Long> ids = staffIds == null ? List.of(-1L) : staffIds;
        return Paged.of(paging, () -> jdbc.sql("select count(*) from (" + SELECT + where + ") c")
                        .param("district", districtId).param("staff", ids).query(Long.class).single(),
                p -> shown(districtId, jdbc.sql(SELECT + where + p.orderBy() + " offset :offset limit :limit")
                        .param("district", districtId).param("staff", ids).param("offset", p.offset())
                        .param("limit", p.limit()).query(Row.class).list()));
    }

    /** The rows with their clauses, each version's clause read once however many rows cite it. */
    private List<Shown> shown(long districtId, List<Row> rows) {
        java.util.Map<ClauseReference, java.util.Optional<org.steward.policies.CitedClause>> cited =
                new java.util.HashMap<>();
        return rows.stream().map(r -> {
            ClauseReference reference = r.outcomeVersionId() == null ? null
                    : new ClauseReference(r.outcomeVersionId(), r.outcomeClauseKey());
            return new Shown(r.id(), r.number(), r.subjectName(), r.outcome(), r.outcomeSummary(), r.closedAt(),
                    r.closedBy(), reference == null ? null
                    : cited.computeIfAbsent(reference, ref -> policies.cited(districtId, ref)).orElse(null));
        }).toList();
    }

    private static String numbers(Paged<Shown> page) {
        return String.join(", ", page.rows().stream().map(s -> String.valueOf(s.number())).toList());
    }
}
