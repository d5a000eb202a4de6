package org.steward.holds;

import java.time.LocalDate;

/**
 * A record kept for an open case: which record (or, for usage, whose activity on which days) and the case that keeps
 * it. {@link #reason()} is what a refused deletion says.
 */
public record Hold(HeldKind kind, long recordId, LocalDate from, LocalDate to, long caseId, int caseNumber) {

    public String reason() {
        return "kept for investigation case " + caseNumber;
    }
}
