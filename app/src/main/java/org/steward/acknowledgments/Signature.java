package org.steward.acknowledgments;

import java.time.Instant;
import java.util.List;

/**
 * A signed acknowledgment, final: the staff member, the campaign and school year, the policy version with the
 * SHA-256 of its text, each statement as shown, the name as typed, the server time, the address and browser it came
 * from, and the receipt's SHA-256. One recorded from an earlier record (a paper signature page) says what from, by
 * whom and when it was recorded; its {@code signedAt} is when it was given.
 */
public record Signature(long id, long districtId, long campaignId, long staffId, String schoolYear,
                        long policyVersionId, String policyTitle, int policyVersion, String policySha256,
                        List<String> statements, String typedName, Instant signedAt, String ipAddress,
                        String userAgent, Long kioskId, String receiptSha256, String recordedFrom,
                        String recordedBy, Instant recordedAt) {

    public boolean isRecordedFromEarlier() {
        return recordedFrom != null;
    }
}
