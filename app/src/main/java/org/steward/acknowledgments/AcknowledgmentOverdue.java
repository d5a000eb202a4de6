package org.steward.acknowledgments;

import java.time.LocalDate;

/**
 * An employee is past the due date and the grace period: their technology privileges are suspended pending
 * acknowledgment. Other modules act on it; this one never calls them.
 */
public record AcknowledgmentOverdue(long districtId, long staffId, long campaignId, LocalDate dueOn) {
}
