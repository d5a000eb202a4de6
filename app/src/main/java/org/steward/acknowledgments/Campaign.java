package org.steward.acknowledgments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * HR asks the staff of an audience to sign a published policy version for a school year, between an open and a due
 * date. An empty set of sites or job functions means all of them.
 */
public record Campaign(long id, long districtId, String schoolYear, long policyVersionId, Set<Long> sites,
                       Set<String> jobFunctions, LocalDate opensOn, LocalDate dueOn, Status status, String openedBy,
                       Instant openedAt, Instant closedAt) {

    public enum Status {
        OPEN, CLOSED
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    /** Whether a person at this site with this job function is in the campaign's audience. */
    public boolean includes(Long siteId, String jobFunction) {
        return (sites.isEmpty() || (siteId != null && sites.contains(siteId)))
                && (jobFunctions.isEmpty() || jobFunctions.contains(jobFunction));
    }
}
