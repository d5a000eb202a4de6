package org.steward.acknowledgments;

/** An employee signed the acknowledgment of a policy version; a suspension pending acknowledgment is lifted. */
public record AcknowledgmentSigned(long districtId, long staffId, long campaignId, long policyVersionId,
                                   long signatureId) {
}
