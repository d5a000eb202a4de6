package org.steward.activity;

/**
 * Technology services confirmed a finding of misuse, or marked it for investigation: what investigations and
 * discipline (a later capability) start from. {@code staffId} is null when nobody on the roster could be named.
 */
public record FindingConfirmed(long districtId, long findingId, String rule, String person, Long staffId,
                               boolean forInvestigation, String by) {
}
