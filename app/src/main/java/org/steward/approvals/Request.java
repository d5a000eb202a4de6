package org.steward.approvals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.steward.accounts.Role;
import org.steward.policies.ClauseReference;

/**
 * A request for prior approval and where it stands. {@code clause} is the key of the clause that requires it, as the
 * district names it; {@code citation} that clause in the district's policy in force when it was asked, if the
 * district had published one with that clause.
 */
public record Request(long id, long districtId, Kind kind, long requesterStaffId, String requester, String title,
                      Map<String, String> fields, List<Role> route, int step, Status status, String clause,
                      ClauseReference citation, String conditions, LocalDate expiresOn, Integer usesLeft, Long appId,
                      Instant createdAt, Instant decidedAt, List<Decision> decisions) {

    /** Where a request stands, and where it may go from there: a decided request stays decided. */
    public enum Status {
        PENDING, APPROVED, DENIED;

        public boolean mayBecome(Status next) {
            return this == PENDING && next != PENDING;
        }
    }

    /** One approver's decision at one step. */
    public record Decision(int step, Role role, String outcome, String conditions, String reason, String decidedBy,
                           Instant decidedAt) {
    }

    /** The role whose decision the request waits for, while pending. */
    public Role waitingFor() {
        return status == Status.PENDING ? route.get(step) : null;
    }

    /** Approved, not expired and not used up, on {@code day}. */
    public boolean inForce(LocalDate day) {
        return status == Status.APPROVED && (expiresOn == null || !day.isAfter(expiresOn))
                && (usesLeft == null || usesLeft > 0);
    }
}
