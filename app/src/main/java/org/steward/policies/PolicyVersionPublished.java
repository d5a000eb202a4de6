package org.steward.policies;

/** A version of a district's policy became final: acknowledgments can now be asked for it. */
public record PolicyVersionPublished(long districtId, long policyId, int number, String sha256) {
}
