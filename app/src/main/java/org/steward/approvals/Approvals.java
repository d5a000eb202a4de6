package org.steward.approvals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.policies.PolicyLibrary;
import org.steward.districts.DistrictTime;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.apps.App;
import org.steward.apps.AppList;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * The approvals workflow: an employee asks, the approvers of the route decide step by step, each decision recorded
 * with who, when, the clause that required it and any conditions, and the requester told by e-mail at each step.
 * The rules of a request are its own ({@link ApprovalRequest}); this service loads it, hands it what it needs to
 * know about the people and the app list, saves it whole and tells the others ({@link ApprovalDecided}). Other
 * modules ask {@link #inForce} whether an approval exists.
 */
@Service
public class Approvals {

    /** Why a request or decision was not recorded. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final PolicyLibrary policies;
    private final DistrictTime time;
    private final ApprovalRequests requests;
    private final ApprovalRoutes routes;
    private final StaffDirectory staff;
    private final AppList apps;
    private final Mailer mailer;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JdbcClient jdbc;

    Approvals(ApprovalRequests requests, ApprovalRoutes routes, StaffDirectory staff, AppList apps, Mailer mailer,
              AuditLog audit, ApplicationEventPublisher events, Clock clock, DistrictTime time,
              PolicyLibrary policies, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.time = time;
        this.requests = requests;
        this.routes = routes;
        this.staff = staff;
        this.apps = apps;
        this.mailer = mailer;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** An employee asks; every required field is needed, and a new app goes on the app list under review. */
    @Transactional
    public Request submit(long districtId, StewardUser requester, Kind kind, Map<String, String> given) {
        if (requester.staffId() == null) {
            throw new Refused("Your account is not linked to a staff record, so you cannot ask for approvals.");
        }
        StaffMember member = staff.find(districtId, requester.staffId()).orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Kind.Field field : kind.fields()) {
            String value = given.getOrDefault(field.name(), "").strip();
            if (field.required() && value.isEmpty()) {
                missing.add(field.label().toLowerCase(Locale.ROOT));
            }
            fields.put(field.name(), value);
        }
        if (!missing.isEmpty()) {
            throw new Refused("Not sent: fill in " + String.join(", ", missing) + ".");
        }
        LocalDate expires = null;
        if (kind.expiry() == Kind.Expiry.UNTIL_DATE) {
            try {
                expires = LocalDate.parse(fields.get("until"));
            } catch (DateTimeParseException e) {
                throw new Refused("Not sent: 'until' is a date like 2026-12-19, not '" + fields.get("until") + "'.");
            }
            if (expires.isBefore(today(districtId))) {
                throw new Refused("Not sent: the date it is needed until has passed.");
            }
        }
        Long appId = kind == Kind.NEW_APP ? appUnderReview(districtId, fields, requester) : null;
        String clause = routes.clauses(districtId).get(kind);
        ApprovalRequest request = requests.save(ApprovalRequest.ask(districtId, kind, member.id(),
                requester.getUsername(), fields, routes.routes(districtId).get(kind), member.supervisorId() != null,
                clause, policies.cite(districtId, clause).orElse(null), expires, appId, clock.instant()));
        audit.record(districtId, "APPROVAL_REQUESTED", "approval_request", request.id(), request.title());
        tell(member, request.view(), "Received: " + request.title(),
                "Your request is with " + request.waitingForInWords() + ".");
        return request.view();
    }

    private Long appUnderReview(long districtId, Map<String, String> fields, StewardUser requester) {
        Optional<App> onList = apps.all(districtId).stream()
                .filter(a -> a.name().equalsIgnoreCase(fields.get("app"))).findFirst();
        if (onList.isPresent() && onList.get().status().approved()) {
            throw new Refused(onList.get().name() + " is already on the District Approved App List: use it "
                    + "within its conditions.");
        }
        try {
            return onList.map(App::id).orElseGet(() -> apps.add(districtId, new AppList.Details(
                    fields.get("app"), fields.get("vendor"), fields.get("url"), fields.get("purpose"),
                    fields.get("students"), fields.get("studentData"), "", false,
                    !fields.get("students").isEmpty(), false, App.Agreement.NONE, null, null, false),
                    requester.getUsername()).id());
        } catch (AppList.Refused refused) {
            throw new Refused("Not sent: " + refused.getMessage());
        }
    }

    /**
     * The approver of the current step decides; a denial needs its reason, which the requester reads. Of two
     * people deciding one step at once, the second is told the first already did, and nothing of theirs is kept.
     */
    @Transactional
    public Request decide(long districtId, long requestId, StewardUser decider, boolean approve, String conditions,
                          String reason) {
        ApprovalRequest request = requests.findByDistrictIdAndId(districtId, requestId)
                .orElseThrow(() -> new Refused("There is no such request."));
        ApprovalRequest.AppOnList app = request.kind() == Kind.NEW_APP ? appOnList(request) : null;
        ApprovalRequest.Decided decided = request.decide(approver(request, decider),
                new ApprovalRequest.Verdict(approve, conditions, reason), app, clock.instant());
        if (decided instanceof ApprovalRequest.Refused refused) {
            throw new Refused(refused.reason());
        }
        ApprovalRequest.Recorded recorded = (ApprovalRequest.Recorded) decided;
        try {
            request = requests.save(request);
        } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
            throw new Refused("Someone else decided this step a moment ago; nothing of yours was recorded. "
                    + "The request shows where it stands now.");
        }
        ApprovalRequest.Decision decision = recorded.decision();
        audit.record(districtId, approve ? "APPROVAL_STEP_APPROVED" : "APPROVAL_DENIED", "approval_request",
                requestId, "%s by %s as %s, step %d (clause %s)%s%s".formatted(request.title(), decider.getUsername(),
                        decision.role(), recorded.step() + 1, request.clause(),
                        decision.conditions().isEmpty() ? "" : "; conditions: " + decision.conditions(),
                        decision.reason().isEmpty() ? "" : "; reason: " + decision.reason()));
        Request after = request.view();
        events.publishEvent(new ApprovalDecided(districtId, requestId, after.kind(), after.requesterStaffId(),
                recorded.step(), after.status(), decider.getUsername(), decision.decidedAt()));
        StaffMember requester = staff.find(districtId, after.requesterStaffId()).orElseThrow();
        if (after.status() == Request.Status.DENIED) {
            tell(requester, after, "Denied: " + after.title(), "Denied by " + decider.displayName() + ": "
                    + decision.reason());
        } else if (after.status() == Request.Status.APPROVED) {
            tell(requester, after, "Approved: " + after.title(), "Approved" + (after.conditions().isEmpty() ? "."
                    : ", with these conditions: " + after.conditions()) + (after.expiresOn() != null
                    ? " It ends on " + after.expiresOn() + "." : "")
                    + (after.usesLeft() != null ? " It covers one message." : ""));
        } else {
            tell(requester, after, "Next step: " + after.title(), "Approved by " + decider.displayName()
                    + "; now with " + request.waitingForInWords() + ".");
        }
        return after;
    }

    /** Whether this person decides the request's current step: its role, or the requester's own supervisor. */
    public boolean mayDecide(Request request, StewardUser person) {
        return person.districtId() == request.districtId()
                && requests.findByDistrictIdAndId(request.districtId(), request.id())
                .map(r -> r.awaits(approver(r, person))).orElse(false);
    }

    /** What waits for this person's decision, oldest first. */
    public List<Request> inbox(long districtId, StewardUser person) {
        if (person.districtId() != districtId) {
            return List.of();
        }
        Map<Long, ApprovalRequest> found = new java.util.HashMap<>();
        List<Long> ids = inboxStatement("select r.id " + INBOX + INBOX_COLUMNS.first(Paging.MAX_SIZE).orderBy(),
                districtId, person, InboxFilter.ANY).query(Long.class).list();
        requests.findAllById(ids).forEach(r -> found.put(r.id(), r));
        return ids.stream().map(found::get).map(ApprovalRequest::view).toList();
    }

    /** A request as the lists show it, read from the tables rather than loaded whole. */
    public record Listed(long id, Kind kind, String title, String requesterName, Request.Status status,
                         Role waitingFor, Instant createdAt, Instant decidedAt) {
    }

    /** What the inbox is asked for: a text in the request's title or the requester's name or id, and a kind. */
    public record InboxFilter(String text, Kind kind) {
        static final InboxFilter ANY = new InboxFilter(null, null);
    }

    /** The columns the inbox may be sorted by: what waits longest first (a request's title starts with its kind). */
    public static final SortColumns INBOX_COLUMNS = SortColumns.of("approvals inbox", "r.id")
            .by("asked", "r.created_at")
            .by("request", "lower(r.title)")
            .by("requester", "lower(st.last_name)", "lower(st.first_name)");

    /** The columns a person's own requests may be sorted by: newest first. */
    public static final SortColumns MINE_COLUMNS = SortColumns.of("list of your requests", "r.id")
            .byDescending("asked", "r.created_at")
            .by("request", "lower(r.title)")
            .by("status", "r.status")
            .byDescending("decided", "r.decided_at");

    /**
     * The pending requests whose current step this person decides, as {@link ApprovalRequest#awaits} says: its role
     * is one of theirs, or it is the supervisor's and they supervise the requester on the roster; never their own.
     */
    private static final String INBOX = """
              from approval_request r
              join approval_request_step step on step.request_id = r.id and step.position = r.step
              join staff st on st.id = r.requester_staff_id
             where r.district_id = :district and r.status = 'PENDING' and r.requester_staff_id <> :me
               and ((step.role = 'SUPERVISOR' and st.supervisor_id = :me) or step.role = any(:roles))
               and (:text = '' or lower(r.title) like :text or lower(st.first_name || ' ' || st.last_name) like :text
                    or lower(st.employee_id) like :text)
               and (:kind = '' or r.kind = :kind)
            """;

    private static final String LISTED = """
            select r.id, r.kind, r.title, st.first_name || ' ' || st.last_name, r.status,
                   case when r.status = 'PENDING' then step.role end, r.created_at, r.decided_at
            """;

    /** How many requests wait for this person's decision: one count, for the start page. */
    public long waiting(long districtId, StewardUser person) {
        if (person.districtId() != districtId) {
            return 0;
        }
        return inboxStatement("select count(*)" + INBOX, districtId, person, InboxFilter.ANY).query(Long.class)
                .single();
    }

    /** A page of what waits for this person's decision, with how many do: one count and one query. */
    public Paged<Listed> inbox(long districtId, StewardUser person, InboxFilter filter, Paging paging) {
        if (person.districtId() != districtId) {
            return Paged.of(paging, () -> 0, page -> List.of());
        }
        return Paged.of(paging, () -> inboxStatement("select count(*)" + INBOX, districtId, person, filter)
                        .query(Long.class).single(),
                page -> inboxStatement(LISTED + INBOX + page.orderBy() + " offset :offset limit :limit", districtId,
                        person, filter).param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> listed(rs)).list());
    }

    private JdbcClient.StatementSpec inboxStatement(String sql, long districtId, StewardUser person,
                                                    InboxFilter filter) {
        // the supervisor's step is theirs by the roster, not by the role (Approver.has)
        String[] roles = person.roles().stream().filter(r -> r != Role.SUPERVISOR).map(Role::name)
                .toArray(String[]::new);
        return jdbc.sql(sql).param("district", districtId)
                .param("me", person.staffId() == null ? -1L : person.staffId()).param("roles", roles)
                .param("text", blank(filter.text()) ? "" : Like.containing(filter.text()))
                .param("kind", filter.kind() == null ? "" : filter.kind().name());
    }

    /** A page of a person's own requests, of one status or all: one count and one query. */
    public Paged<Listed> mine(long districtId, long staffId, Request.Status status, Paging paging) {
        String from = """
                  from approval_request r
                  join approval_request_step step on step.request_id = r.id and step.position = r.step
                  join staff st on st.id = r.requester_staff_id
                 where r.district_id = :district and r.requester_staff_id = :staff
                   and (:status = '' or r.status = :status)
                """;
        String wanted = status == null ? "" : status.name();
        return Paged.of(paging, () -> jdbc.sql("select count(*)" + from).param("district", districtId)
                        .param("staff", staffId).param("status", wanted).query(Long.class).single(),
                page -> jdbc.sql(LISTED + from + page.orderBy() + " offset :offset limit :limit")
                        .param("district", districtId).param("staff", staffId).param("status", wanted)
                        .param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> listed(rs)).list());
    }

    private static Listed listed(java.sql.ResultSet rs) throws java.sql.SQLException {
        String waiting = rs.getString(6);
        java.sql.Timestamp decided = rs.getTimestamp(8);
        return new Listed(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                Request.Status.valueOf(rs.getString(5)), waiting == null ? null : Role.valueOf(waiting),
                rs.getTimestamp(7).toInstant(), decided == null ? null : decided.toInstant());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A person's requests of one kind, newest first: for other modules (devices for take-home). */
    public List<Request> of(long districtId, long staffId, Kind kind) {
        return mine(districtId, staffId).stream().filter(r -> r.kind() == kind).toList();
    }

    public List<Request> mine(long districtId, long staffId) {
        return requests.findByDistrictIdAndRequesterStaffIdOrderByCreatedAtDescIdDesc(districtId, staffId).stream()
                .map(ApprovalRequest::view).toList();
    }

    /**
     * The approval in force for this person and kind today, if any: for other modules (equipment off site for
     * devices). The newest one that is approved, not expired and not used up.
     */
    public Optional<Request> inForce(long districtId, long staffId, Kind kind) {
        LocalDate today = today(districtId);
        return approved(districtId, staffId, kind).stream().filter(r -> r.inForce(today)).findFirst()
                .map(ApprovalRequest::view);
    }

    /**
     * The approvals of this person and kind in force at a moment, oldest first: approved by then, not ended that day
     * in the district, and not used up (for the activity rules, which look back at what was sent and use them).
     */
    public List<Request> inForceAt(long districtId, long staffId, Kind kind, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, time.zone(districtId));
        List<Request> inForce = new ArrayList<>(approved(districtId, staffId, kind).stream()
                .map(ApprovalRequest::view).filter(r -> !r.decidedAt().isAfter(at) && r.inForce(day)).toList());
        java.util.Collections.reverse(inForce);
        return inForce;
    }

    private List<ApprovalRequest> approved(long districtId, long staffId, Kind kind) {
        return requests.findByDistrictIdAndRequesterStaffIdAndKindAndStatusOrderByDecidedAtDescIdDesc(districtId,
                staffId, kind, Request.Status.APPROVED);
    }

    /**
     * Uses an approval that covers one use (one message sent at the moment given); false when it was not in force
     * then or has nothing left. Two uses at once: the second fails its save (optimistic locking) with the caller's
     * transaction, so an approval is never used twice.
     */
    @Transactional
    public boolean use(long districtId, long requestId, Instant at) {
        Optional<ApprovalRequest> request = requests.findByDistrictIdAndId(districtId, requestId);
        if (request.isEmpty() || !request.get().useOnce(LocalDate.ofInstant(at, time.zone(districtId)))) {
            return false;
        }
        requests.save(request.get());
        return true;
    }

    public Optional<Request> find(long districtId, long id) {
        return requests.findByDistrictIdAndId(districtId, id).map(ApprovalRequest::view);
    }

    private ApprovalRequest.Approver approver(ApprovalRequest request, StewardUser person) {
        boolean supervises = person.staffId() != null && staff.find(request.districtId(), request.requesterStaffId())
                .map(m -> person.staffId().equals(m.supervisorId())).orElse(false);
        return new ApprovalRequest.Approver(person.getUsername(), person.displayName(),
                person.districtId() == request.districtId() ? person.staffId() : null, person.roles(), supervises);
    }

    private ApprovalRequest.AppOnList appOnList(ApprovalRequest request) {
        return apps.find(request.districtId(), request.view().appId())
                .map(a -> new ApprovalRequest.AppOnList(a.name(), a.status().approved(), a.status().title(),
                        a.conditions()))
                .orElse(null);
    }

    private void tell(StaffMember member, Request request, String subject, String body) {
        if (member.email() != null && !member.email().isBlank()) {
            mailer.send(new Mail(request.districtId(), member.email(), subject, "Dear " + member.fullName() + ",\n\n"
                    + body + "\n\nRequest " + request.id() + " (policy clause " + request.clause() + ")."));
        }
    }

    private LocalDate today(long districtId) {
        return time.today(districtId);
    }
}
