package org.steward.investigations;

import java.time.Instant;

/** A case closed with its outcome, or merged into another: the reports in it are closed and their reporters told. */
public record CaseClosed(long districtId, long caseId, Instant at) {
}
