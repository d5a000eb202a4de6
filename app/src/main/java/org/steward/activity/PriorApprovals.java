package org.steward.activity;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;

/**
 * The rules whose matches the policy allows with a prior approval, and whether approvals covered a window's
 * matches. Mass e-mail needs a district administrator's approval first (model C.10, Clovis C.12): each approval
 * covers one message, so a day's mass messages by a sender are a finding only where they outnumber the approvals
 * that sender had in force by the last of them.
 */
@Component
class PriorApprovals {

    static final Map<String, Kind> RULES = Map.of("mass-email", Kind.MASS_EMAIL);

    private final Approvals approvals;

    PriorApprovals(Approvals approvals) {
        this.approvals = approvals;
    }

    /** Whether a window of this rule, for this person, with this many matches up to {@code last}, was approved. */
    boolean covered(long districtId, String rule, Long staffId, long matches, Instant last) {
        Kind kind = RULES.get(rule);
        if (kind == null || staffId == null) {
            return false;
        }
        return approvals.inForceAt(districtId, staffId, kind, last).size() >= matches;
    }
}
