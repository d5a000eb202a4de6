package org.steward.activity;

/**
 * Technology services took back a decision on a finding: a confirmed finding, or one sent for investigation, was
 * reopened or dismissed ({@code to}), with the reason given. What the finding found stays evidence.
 */
public record FindingReconsidered(long districtId, long findingId, Findings.Status to, String reason, String by) {
}
