package org.steward.approvals;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.apps.App;
import org.steward.apps.AppList;
import org.steward.audit.AuditLog;
import org.steward.districts.Districts;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Requests for prior approval, routed step by step to their approvers (the requester's supervisor, then roles such
 * as technology services), each decision recorded with who, when, the clause that required it and any conditions,
 * and the requester told by e-mail at each step. Nobody decides their own request. Other modules ask
 * {@link #inForce} whether an approval exists.
 */
@Service
public class Approvals {

    /** Why a request or decision was not recorded. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AppList apps;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Districts districts;
    private final Clock clock;

    Approvals(JdbcClient jdbc, StaffDirectory staff, AppList apps, Mailer mailer, AuditLog audit, Districts districts,
              Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.apps = apps;
        this.mailer = mailer;
        this.audit = audit;
        this.districts = districts;
        this.clock = clock;
    }

    /** Each kind's route of approvers in the district: its own, or the kind's default. */
    public Map<Kind, List<Role>> routes(long districtId) {
        Map<Kind, List<Role>> routes = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            routes.put(kind, kind.defaultRoute());
        }
        jdbc.sql("select kind, steps from approval_route where district_id = ? and steps is not null")
                .param(districtId)
                .query((rs, n) -> Map.entry(Kind.valueOf(rs.getString(1)), roles(rs.getString(2)))).list()
                .forEach(e -> routes.put(e.getKey(), e.getValue()));
        return routes;
    }

    /**
     * The clause of the district's own policy that requires each kind of approval: the one it named, or Steward's
     * model policy's.
     */
    public Map<Kind, String> clauses(long districtId) {
        Map<Kind, String> clauses = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            clauses.put(kind, kind.clause());
        }
        jdbc.sql("select kind, clause from approval_route where district_id = ? and clause is not null")
                .param(districtId)
                .query((rs, n) -> Map.entry(Kind.valueOf(rs.getString(1)), rs.getString(2))).list()
                .forEach(e -> clauses.put(e.getKey(), e.getValue()));
        return clauses;
    }

    @Transactional
    public void saveClause(long districtId, Kind kind, String clause) {
        String key = clause == null ? "" : clause.strip();
        if (!key.matches("[A-Za-z0-9.()\\- ]{1,40}")) {
            throw new Refused("Name the clause by its number as the policy writes it, such as C.12 or II.D.5.");
        }
        jdbc.sql("""
                        insert into approval_route (district_id, kind, clause) values (?, ?, ?)
                        on conflict (district_id, kind) do update set clause = excluded.clause""")
                .params(districtId, kind.name(), key).update();
        audit.record(districtId, "APPROVAL_CLAUSE_CHANGED", "approval_route", kind.name(), key);
    }

    @Transactional
    public void saveRoute(long districtId, Kind kind, List<Role> steps) {
        if (steps.isEmpty()) {
            throw new Refused("A route needs at least one approver.");
        }
        if (steps.contains(Role.EMPLOYEE)) {
            throw new Refused("Every employee cannot be an approver; choose a role that decides.");
        }
        jdbc.sql("""
                        insert into approval_route (district_id, kind, steps) values (?, ?, ?)
                        on conflict (district_id, kind) do update set steps = excluded.steps""")
                .params(districtId, kind.name(), steps.stream().map(Role::name).collect(Collectors.joining(",")))
                .update();
        audit.record(districtId, "APPROVAL_ROUTE_CHANGED", "approval_route", kind.name(), steps.toString());
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
        Long appId = null;
        if (kind == Kind.NEW_APP) {
            Optional<App> onList = apps.all(districtId).stream()
                    .filter(a -> a.name().equalsIgnoreCase(fields.get("app"))).findFirst();
            if (onList.isPresent() && onList.get().status().approved()) {
                throw new Refused(onList.get().name() + " is already on the District Approved App List: use it "
                        + "within its conditions.");
            }
            try {
                appId = onList.map(App::id).orElseGet(() -> apps.add(districtId, new AppList.Details(
                        fields.get("app"), fields.get("vendor"), fields.get("url"), fields.get("purpose"),
                        fields.get("students"), fields.get("studentData"), "", false,
                        !fields.get("students").isEmpty(), false, App.Agreement.NONE, null, null, false),
                        requester.getUsername()).id());
            } catch (AppList.Refused refused) {
                throw new Refused("Not sent: " + refused.getMessage());
            }
        }
        List<Role> route = new ArrayList<>(routes(districtId).get(kind));
        if (member.supervisorId() == null) {
            route.remove(Role.SUPERVISOR); // nobody to ask: the next approver decides
            if (route.isEmpty()) {
                route.add(Role.DISTRICT_ADMIN);
            }
        }
        String title = kind.title() + ": " + fields.get(kind.fields().get(0).name());
        long id = jdbc.sql("""
                        insert into approval_request (district_id, kind, requester_staff_id, requester, title, fields,
                            route, status, clause, expires_on, uses_left, app_id, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?) returning id""")
                .params(districtId, kind.name(), member.id(), requester.getUsername(), title,
                        fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace('\n', ' '))
                                .collect(Collectors.joining("\n")),
                        route.stream().map(Role::name).collect(Collectors.joining(",")),
                        clauses(districtId).get(kind), expires,
                        kind.expiry() == Kind.Expiry.ONE_USE ? 1 : null, appId, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(districtId, "APPROVAL_REQUESTED", "approval_request", id, title);
        Request request = find(districtId, id).orElseThrow();
        tell(member, request, "Received: " + title, "Your request is with " + waiting(request) + ".");
        return request;
    }

    /** The approver of the current step decides; a denial needs its reason, which the requester reads. */
    @Transactional
    public Request decide(long districtId, long requestId, StewardUser decider, boolean approve, String conditions,
                          String reason) {
        Request request = find(districtId, requestId).orElseThrow(() -> new Refused("There is no such request."));
        if (request.status() != Request.Status.PENDING) {
            throw new Refused("This request was already " + request.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (!mayDecide(request, decider)) {
            throw new Refused(decider.staffId() != null && decider.staffId() == request.requesterStaffId()
                    ? "Nobody approves their own request." : "This step waits for " + waiting(request) + ".");
        }
        String why = reason == null ? "" : reason.strip();
        String words = conditions == null ? "" : conditions.strip();
        if (!approve && why.isEmpty()) {
            throw new Refused("Say why it is denied: the requester reads it.");
        }
        Role role = request.waitingFor();
        if (approve && request.kind() == Kind.NEW_APP && role == Role.TECHNOLOGY) {
            App app = apps.find(districtId, request.appId()).orElseThrow();
            if (!app.status().approved()) {
                throw new Refused(app.name() + " is " + app.status().title() + " on the app list: complete its "
                        + "privacy review and approve it there first.");
            }
            if (!app.conditions().isEmpty() && words.isEmpty()) {
                words = app.conditions();
            }
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into approval_decision (request_id, step, role, outcome, conditions, reason, decided_by,
                                                       decided_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(requestId, request.step(), role.name(), approve ? "APPROVED" : "DENIED", words, why,
                        decider.getUsername(), Timestamp.from(now))
                .update();
        boolean last = request.step() == request.route().size() - 1;
        String allConditions = String.join(" ", new ArrayList<>(List.of(request.conditions(), words)).stream()
                .filter(s -> !s.isEmpty()).toList());
        if (!approve) {
            jdbc.sql("update approval_request set status = 'DENIED', decided_at = ? where id = ?")
                    .params(Timestamp.from(now), requestId).update();
        } else if (last) {
            jdbc.sql("update approval_request set status = 'APPROVED', conditions = ?, decided_at = ? where id = ?")
                    .params(allConditions, Timestamp.from(now), requestId).update();
        } else {
            jdbc.sql("update approval_request set step = step + 1, conditions = ? where id = ?")
                    .params(allConditions, requestId).update();
        }
        audit.record(districtId, approve ? "APPROVAL_STEP_APPROVED" : "APPROVAL_DENIED", "approval_request",
                requestId, "%s by %s as %s (clause %s)%s%s".formatted(request.title(), decider.getUsername(), role,
                        request.clause(), words.isEmpty() ? "" : "; conditions: " + words,
                        why.isEmpty() ? "" : "; reason: " + why));
        Request after = find(districtId, requestId).orElseThrow();
        StaffMember requester = staff.find(districtId, request.requesterStaffId()).orElseThrow();
        if (!approve) {
            tell(requester, after, "Denied: " + request.title(), "Denied by " + decider.displayName() + ": " + why);
        } else if (last) {
            tell(requester, after, "Approved: " + request.title(), "Approved" + (allConditions.isEmpty() ? "."
                    : ", with these conditions: " + allConditions) + (after.expiresOn() != null
                    ? " It ends on " + after.expiresOn() + "." : "")
                    + (after.usesLeft() != null ? " It covers one message." : ""));
        } else {
            tell(requester, after, "Next step: " + request.title(), "Approved by " + decider.displayName()
                    + "; now with " + waiting(after) + ".");
        }
        return after;
    }

    /** Whether this person decides the request's current step: its role, or the requester's own supervisor. */
    public boolean mayDecide(Request request, StewardUser person) {
        if (request.status() != Request.Status.PENDING || person.districtId() != request.districtId()) {
            return false;
        }
        if (person.staffId() != null && person.staffId() == request.requesterStaffId()) {
            return false;
        }
        Role role = request.waitingFor();
        if (role == Role.SUPERVISOR) {
            return person.staffId() != null && staff.find(request.districtId(), request.requesterStaffId())
                    .map(m -> person.staffId().equals(m.supervisorId())).orElse(false);
        }
        return person.has(role);
    }

    /** What waits for this person's decision. */
    public List<Request> inbox(long districtId, StewardUser person) {
        return pending(districtId).stream().filter(r -> mayDecide(r, person)).toList();
    }

    /** The people who have asked for this kind of approval: for other modules, to look no further than them. */
    public java.util.Set<Long> requesters(long districtId, Kind kind) {
        return new java.util.HashSet<>(jdbc.sql(
                        "select distinct requester_staff_id from approval_request where district_id = ? and kind = ?")
                .params(districtId, kind.name()).query(Long.class).list());
    }

    /** A person's requests of one kind, newest first: for other modules (devices for take-home). */
    public List<Request> of(long districtId, long staffId, Kind kind) {
        return mine(districtId, staffId).stream().filter(r -> r.kind() == kind).toList();
    }

    public List<Request> mine(long districtId, long staffId) {
        return jdbc.sql("select id from approval_request where district_id = ? and requester_staff_id = ? "
                        + "order by created_at desc").params(districtId, staffId).query(Long.class).list()
                .stream().map(id -> find(districtId, id).orElseThrow()).toList();
    }

    private List<Request> pending(long districtId) {
        return jdbc.sql("select id from approval_request where district_id = ? and status = 'PENDING' "
                        + "order by created_at").param(districtId).query(Long.class).list()
                .stream().map(id -> find(districtId, id).orElseThrow()).toList();
    }

    /**
     * The approval in force for this person and kind today, if any: for other modules (mass e-mail for the activity
     * rules, equipment off site for devices). The newest one that is approved, not expired and not used up.
     */
    public Optional<Request> inForce(long districtId, long staffId, Kind kind) {
        LocalDate today = today(districtId);
        return jdbc.sql("""
                        select id from approval_request
                         where district_id = ? and requester_staff_id = ? and kind = ? and status = 'APPROVED'
                         order by decided_at desc""")
                .params(districtId, staffId, kind.name()).query(Long.class).list().stream()
                .map(id -> find(districtId, id).orElseThrow()).filter(r -> r.inForce(today)).findFirst();
    }

    /** Uses an approval that covers one use (one message); false when there is nothing left to use. */
    @Transactional
    public boolean use(long districtId, long requestId) {
        return jdbc.sql("""
                        update approval_request set uses_left = uses_left - 1
                         where id = ? and district_id = ? and status = 'APPROVED' and uses_left > 0""")
                .params(requestId, districtId).update() == 1;
    }

    public Optional<Request> find(long districtId, long id) {
        return jdbc.sql("""
                        select id, district_id, kind, requester_staff_id, requester, title, fields, route, step,
                               status, clause, conditions, expires_on, uses_left, app_id, created_at, decided_at
                          from approval_request where district_id = ? and id = ?""")
                .params(districtId, id)
                .query((rs, n) -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (String line : rs.getString("fields").split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            fields.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                    Timestamp decided = rs.getTimestamp("decided_at");
                    return new Request(rs.getLong("id"), rs.getLong("district_id"), Kind.valueOf(rs.getString("kind")),
                            rs.getLong("requester_staff_id"), rs.getString("requester"), rs.getString("title"), fields,
                            roles(rs.getString("route")), rs.getInt("step"),
                            Request.Status.valueOf(rs.getString("status")), rs.getString("clause"),
                            rs.getString("conditions"), rs.getObject("expires_on", LocalDate.class),
                            rs.getObject("uses_left", Integer.class), rs.getObject("app_id", Long.class),
                            rs.getTimestamp("created_at").toInstant(), decided == null ? null : decided.toInstant(),
                            decisions(rs.getLong("id")));
                })
                .optional();
    }

    private List<Request.Decision> decisions(long requestId) {
        return jdbc.sql("""
                        select step, role, outcome, conditions, reason, decided_by, decided_at from approval_decision
                         where request_id = ? order by decided_at, id""")
                .param(requestId)
                .query((rs, n) -> new Request.Decision(rs.getInt(1), Role.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    private String waiting(Request request) {
        Role role = request.waitingFor();
        return role == null ? "nobody" : role == Role.SUPERVISOR ? "your supervisor" : role.title().toLowerCase(Locale.ROOT);
    }

    private void tell(StaffMember member, Request request, String subject, String body) {
        if (member.email() != null && !member.email().isBlank()) {
            mailer.send(new Mail(request.districtId(), member.email(), subject, "Dear " + member.fullName() + ",\n\n"
                    + body + "\n\nRequest " + request.id() + " (policy clause " + request.clause() + ")."));
        }
    }

    private LocalDate today(long districtId) {
        return LocalDate.now(clock.withZone(districts.findById(districtId).orElseThrow().zone()));
    }

    private static List<Role> roles(String steps) {
        return Arrays.stream(steps.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Role::valueOf)
                .toList();
    }
}
