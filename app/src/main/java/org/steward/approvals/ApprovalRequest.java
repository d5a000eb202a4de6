package org.steward.approvals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;
import org.steward.accounts.Role;
import org.steward.approvals.Request.Status;
import org.steward.policies.ClauseReference;

/**
 * A request for prior approval, the aggregate: what was asked, its route of approvers, and one decision per step.
 * It moves only through {@link #decide} and {@link #useOnce}, which check its rules and say why when they refuse;
 * it is saved whole with optimistic locking, so of two approvers deciding the same step at once only the first is
 * recorded (the database also holds one decision per request and step).
 */
@Table("approval_request")
class ApprovalRequest {

    /** One answer of the request's form. */
    @Table("approval_request_answer")
    record Answer(String value) {
    }

    /** One approver of the route, in order. */
    @Table("approval_request_step")
    record Step(Role role) {
    }

    /** One approver's decision at one step (its position in the list). */
    @Table("approval_decision")
    record Decision(Role role, Outcome outcome, String conditions, String reason, String decidedBy,
                    Instant decidedAt) {
    }

    enum Outcome {
        APPROVED, DENIED
    }

    /** The person deciding, as far as the request needs to know: who, the roles held, and whom they supervise. */
    record Approver(String username, String name, Long staffId, Set<Role> roles, boolean supervisesRequester) {

        boolean has(Role role) {
            return role == Role.SUPERVISOR ? supervisesRequester : roles.contains(role);
        }
    }

    /** What an approver says: approve or deny, with conditions, and a reason a denial needs. */
    record Verdict(boolean approve, String conditions, String reason) {

        static Verdict approve(String conditions) {
            return new Verdict(true, conditions, "");
        }

        static Verdict deny(String reason) {
            return new Verdict(false, "", reason);
        }
    }

    /** The app a NEW_APP request put on the list, as technology services' step needs to see it. */
    record AppOnList(String name, boolean approved, String standing, String conditions) {
    }

    /** What deciding came to: a recorded decision (and whether it ended the request), or a refusal to show. */
    sealed interface Decided permits Recorded, Refused {
    }

    record Recorded(Decision decision, int step, Status status) implements Decided {

        boolean last() {
            return status != Status.PENDING;
        }
    }

    record Refused(String reason) implements Decided {
    }

    @Id
    private Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final Kind kind;
    private final long requesterStaffId;
    private final String requester;
    private final String title;
    @MappedCollection(idColumn = "request_id", keyColumn = "name")
    private final Map<String, Answer> answers;
    @MappedCollection(idColumn = "request_id", keyColumn = "position")
    private final List<Step> route;
    private int step;
    private Status status;
    private final String clause;
    private final Long clauseVersionId;
    private String conditions;
    private final LocalDate expiresOn;
    private Integer usesLeft;
    private final Long appId;
    private final Instant createdAt;
    private Instant decidedAt;
    @MappedCollection(idColumn = "request_id", keyColumn = "step")
    private final List<Decision> decisions;

    @PersistenceCreator
    ApprovalRequest(Long id, Integer version, long districtId, Kind kind, long requesterStaffId, String requester,
                    String title, Map<String, Answer> answers, List<Step> route, int step, Status status,
                    String clause, Long clauseVersionId, String conditions, LocalDate expiresOn, Integer usesLeft,
                    Long appId,
                    Instant createdAt, Instant decidedAt, List<Decision> decisions) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.kind = kind;
        this.requesterStaffId = requesterStaffId;
        this.requester = requester;
        this.title = title;
        this.answers = new LinkedHashMap<>(answers);
        this.route = List.copyOf(route);
        this.step = step;
        this.status = status;
        this.clause = clause;
        this.clauseVersionId = clauseVersionId;
        this.conditions = conditions;
        this.expiresOn = expiresOn;
        this.usesLeft = usesLeft;
        this.appId = appId;
        this.createdAt = createdAt;
        this.decidedAt = decidedAt;
        this.decisions = new ArrayList<>(decisions);
    }

    /**
     * A new request, pending at its route's first step. The route is the district's for the kind; without a
     * supervisor to ask, the next approver decides, and with nobody left the district administrator does.
     */
    static ApprovalRequest ask(long districtId, Kind kind, long requesterStaffId, String requester,
                               Map<String, String> fields, List<Role> route, boolean hasSupervisor, String clause,
                               ClauseReference citation, LocalDate expiresOn, Long appId, Instant at) {
        if (citation != null && !citation.clauseKey().equals(clause)) {
            throw new IllegalArgumentException("The citation is of " + citation.clauseKey() + ", not " + clause);
        }
        List<Role> steps = new ArrayList<>(route);
        if (!hasSupervisor) {
            steps.remove(Role.SUPERVISOR);
        }
        if (steps.isEmpty()) {
            steps.add(Role.DISTRICT_ADMIN);
        }
        Map<String, Answer> answers = new LinkedHashMap<>();
        fields.forEach((name, value) -> answers.put(name, new Answer(value)));
        String title = kind.title() + ": " + fields.getOrDefault(kind.fields().get(0).name(), "");
        return new ApprovalRequest(null, null, districtId, kind, requesterStaffId, requester, title, answers,
                steps.stream().map(Step::new).toList(), 0, Status.PENDING, clause,
                citation == null ? null : citation.policyVersionId(), "", expiresOn,
                kind.expiry() == Kind.Expiry.ONE_USE ? 1 : null, appId, at, null, List.of());
    }

    /**
     * Records the approver's decision of the current step, or says why not: the request is decided already, the
     * approver is its requester or not the step's approver, a denial gives no reason, or technology services
     * would approve a new app whose privacy review has not approved it. An approval of the last step approves the
     * request; a denial at any step denies it. Conditions add up along the route.
     */
    Decided decide(Approver approver, Verdict verdict, AppOnList app, Instant at) {
        String notTheirs = refusalFor(approver);
        if (notTheirs != null) {
            return new Refused(notTheirs);
        }
        Role role = waitingFor();
        String reason = verdict.reason() == null ? "" : verdict.reason().strip();
        String words = verdict.conditions() == null ? "" : verdict.conditions().strip();
        if (!verdict.approve() && reason.isEmpty()) {
            return new Refused("Say why it is denied: the requester reads it.");
        }
        if (verdict.approve() && kind == Kind.NEW_APP && role == Role.TECHNOLOGY) {
            if (app == null || !app.approved()) {
                return new Refused((app == null ? "The app" : app.name() + " is " + app.standing() + " on the app "
                        + "list:") + " complete its privacy review and approve it there first.");
            }
            if (words.isEmpty()) {
                words = app.conditions();
            }
        }
        Decision decision = new Decision(role, verdict.approve() ? Outcome.APPROVED : Outcome.DENIED, words,
                verdict.approve() ? "" : reason, approver.username(), at);
        int decided = step;
        decisions.add(decision);
        if (!words.isEmpty()) {
            conditions = conditions.isEmpty() ? words : conditions + " " + words;
        }
        if (!verdict.approve()) {
            moveTo(Status.DENIED, at);
        } else if (step == route.size() - 1) {
            moveTo(Status.APPROVED, at);
        } else {
            step++;
        }
        return new Recorded(decision, decided, status);
    }

    /** Whether the request waits for this approver's decision. */
    boolean awaits(Approver approver) {
        return refusalFor(approver) == null;
    }

    private String refusalFor(Approver approver) {
        if (status != Status.PENDING) {
            return "This request was already " + status.name().toLowerCase(Locale.ROOT) + ".";
        }
        if (approver.staffId() != null && approver.staffId() == requesterStaffId) {
            return "Nobody approves their own request.";
        }
        return approver.has(waitingFor()) ? null : "This step waits for " + waitingForInWords() + ".";
    }

    /** Uses an approval that covers one use (one message); false when it is not in force or nothing is left. */
    boolean useOnce(LocalDate day) {
        if (!inForce(day) || usesLeft == null) {
            return false;
        }
        usesLeft--;
        return true;
    }

    boolean inForce(LocalDate day) {
        return view().inForce(day);
    }

    /** The role whose decision the request waits for, while pending. */
    Role waitingFor() {
        return status == Status.PENDING ? route.get(step).role() : null;
    }

    String waitingForInWords() {
        Role role = waitingFor();
        return role == null ? "nobody" : role == Role.SUPERVISOR ? "your supervisor"
                : role.title().toLowerCase(Locale.ROOT);
    }

    private void moveTo(Status next, Instant at) {
        if (!status.mayBecome(next)) {
            throw new IllegalStateException("A request " + status + " cannot become " + next + ".");
        }
        status = next;
        decidedAt = at;
    }

    Long id() {
        return id;
    }

    long districtId() {
        return districtId;
    }

    long requesterStaffId() {
        return requesterStaffId;
    }

    Kind kind() {
        return kind;
    }

    String title() {
        return title;
    }

    String clause() {
        return clause;
    }

    Status status() {
        return status;
    }

    /** What other modules and the pages see. */
    Request view() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Kind.Field field : kind.fields()) {
            Answer answer = answers.get(field.name());
            fields.put(field.name(), answer == null ? "" : answer.value());
        }
        List<Request.Decision> made = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            made.add(new Request.Decision(i, d.role(), d.outcome().name(), d.conditions(), d.reason(), d.decidedBy(),
                    d.decidedAt()));
        }
        ClauseReference citation = clauseVersionId == null ? null : new ClauseReference(clauseVersionId, clause);
        return new Request(id == null ? 0 : id /* not saved yet */, districtId, kind, requesterStaffId, requester,
                title, Collections.unmodifiableMap(fields), route.stream().map(Step::role).toList(), step, status,
                clause, citation, conditions, expiresOn, usesLeft, appId, createdAt, decidedAt, made);
    }
}
