package org.steward.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;
import org.steward.approvals.Request;

/**
 * The rules whose matches the policy allows with a prior approval, and whether approvals covered a window's
 * matches. Mass e-mail needs a district administrator's approval first (model C.10, Clovis C.12), and each approval
 * covers one message: a day's mass messages by a sender are covered when each has an approval of its own, in force
 * by the last of them and not used for another. Covering a window uses its approvals up, once, recorded with the
 * window, in the run's transaction.
 */
@Component
class PriorApprovals {

    static final Map<String, Kind> RULES = Map.of("mass-email", Kind.MASS_EMAIL);

    private final Approvals approvals;
    private final JdbcClient jdbc;

    PriorApprovals(Approvals approvals, JdbcClient jdbc) {
        this.approvals = approvals;
        this.jdbc = jdbc;
    }

    /** Whether approvals cover this window's {@code matches} (up to {@code last}); uses those it takes. */
    boolean covered(long districtId, String rule, String person, Long staffId, Instant windowStart, long matches,
                    Instant last) {
        Kind kind = RULES.get(rule);
        if (kind == null || staffId == null) {
            return false;
        }
        long already = jdbc.sql("""
                        select count(*) from activity_window_approval
                         where district_id = ? and rule = ? and person = ? and window_start = ?""")
                .params(districtId, rule, person, Timestamp.from(windowStart)).query(Long.class).single();
        long needed = matches - already;
        if (needed <= 0) {
            return true;
        }
        List<Request> unused = approvals.inForceAt(districtId, staffId, kind, last);
        if (unused.size() < needed) {
            return false; // not every message had its approval: a finding, and no approval is used
        }
        for (Request approval : unused.subList(0, (int) needed)) {
            if (!approvals.use(districtId, approval.id(), last)) {
                return false;
            }
            jdbc.sql("""
                            insert into activity_window_approval (district_id, rule, person, window_start, request_id,
                                                                  used_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(districtId, rule, person, Timestamp.from(windowStart), approval.id(),
                            Timestamp.from(last)).update();
        }
        return true;
    }
}
