package org.steward.approvals;

import java.time.Instant;

/** An approver decided a step of a request; {@code status} is where the request stands after it. */
public record ApprovalDecided(long districtId, long requestId, Kind kind, long requesterStaffId, int step,
                              Request.Status status, String decidedBy, Instant decidedAt) {
}
