package org.steward.acknowledgments;

import java.time.Instant;
import java.time.LocalDate;

/** One employee asked to sign in one campaign, by a due date; with the signature once they sign. */
public record Assignment(long id, long districtId, long campaignId, long staffId, LocalDate dueOn, Reason reason,
                         Instant assignedAt, Instant suspendedAt, Instant liftedAt, Long signatureId,
                         Instant signedAt) {

    public enum Reason {
        AUDIENCE, NEW_HIRE
    }

    public boolean isSigned() {
        return signatureId != null;
    }

    /** Privileges suspended pending acknowledgment, and not yet lifted. */
    public boolean isSuspended() {
        return suspendedAt != null && liftedAt == null;
    }

    public boolean isOverdue(LocalDate today) {
        return !isSigned() && today.isAfter(dueOn);
    }
}
