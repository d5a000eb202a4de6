package org.steward.approvals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.policies.PolicyLibrary;
import org.steward.accounts.Role;
import org.steward.audit.AuditLog;

/**
 * Each district's settings for its approvals: the route of approvers for each kind and the clause of its own
 * policy that requires it, or the kind's defaults. A request copies both when it is asked, so a later change of
 * route or clause does not change requests already made.
 */
@Service
public class ApprovalRoutes {

    private final PolicyLibrary policies;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ApprovalRoutes(JdbcClient jdbc, AuditLog audit, PolicyLibrary policies) {
        this.policies = policies;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Each kind's route of approvers in the district: its own, or the kind's default. */
    public Map<Kind, List<Role>> routes(long districtId) {
        Map<Kind, List<Role>> own = new EnumMap<>(Kind.class);
        jdbc.sql("select kind, role from approval_route_step where district_id = ? order by kind, position")
                .param(districtId)
                .query((rs, n) -> Map.entry(Kind.valueOf(rs.getString(1)), Role.valueOf(rs.getString(2)))).list()
                .forEach(e -> own.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<Kind, List<Role>> routes = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            routes.put(kind, List.copyOf(own.getOrDefault(kind, kind.defaultRoute())));
        }
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
        policies.clauseKeyProblem(districtId, key).ifPresent(problem -> {
            throw new Approvals.Refused(problem);
        });
        jdbc.sql("""
                        insert into approval_route (district_id, kind, clause) values (?, ?, ?)
                        on conflict (district_id, kind) do update set clause = excluded.clause""")
                .params(districtId, kind.name(), key).update();
        audit.record(districtId, "APPROVAL_CLAUSE_CHANGED", "approval_route", kind.name(), key);
    }

    @Transactional
    public void saveRoute(long districtId, Kind kind, List<Role> steps) {
        if (steps.isEmpty()) {
            throw new Approvals.Refused("A route needs at least one approver.");
        }
        if (steps.contains(Role.EMPLOYEE)) {
            throw new Approvals.Refused("Every employee cannot be an approver; choose a role that decides.");
        }
        jdbc.sql("delete from approval_route_step where district_id = ? and kind = ?")
                .params(districtId, kind.name()).update();
        for (int i = 0; i < steps.size(); i++) {
            jdbc.sql("insert into approval_route_step (district_id, kind, position, role) values (?, ?, ?, ?)")
                    .params(districtId, kind.name(), i, steps.get(i).name()).update();
        }
        audit.record(districtId, "APPROVAL_ROUTE_CHANGED", "approval_route", kind.name(), steps.toString());
    }
}
