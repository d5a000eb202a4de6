package org.steward.audit;

import java.time.Instant;

/** One line of the audit trail, as stored. */
public record AuditEntry(long id, long districtId, long sequence, Instant at, String actor, String sourceIp,
                         String action, String recordType, String recordId, String reason, String details,
                         String prevHash, String hash) {

    /** The text whose SHA-256 is the entry's hash; any change to a stored field changes it. */
    String canonical() {
        return String.join("\n", "district=" + districtId, "sequence=" + sequence, "at=" + at, "actor=" + actor,
                "ip=" + sourceIp, "action=" + action, "type=" + recordType, "id=" + recordId,
                "reason=" + reason, "details=" + details, "prev=" + prevHash);
    }
}
