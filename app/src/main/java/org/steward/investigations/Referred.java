package org.steward.investigations;

import java.time.Instant;

/**
 * A referral as pages read it: the finding, who it is about, where the referral stands, and its last step (who sent
 * the finding, or took it back and why, and when).
 */
public record Referred(Long id, long findingId, String rule, String title, String severity, String subject,
                       String status, String by, String reason, Instant at) {

    static Referred of(Referral referral) {
        Referral.Step last = referral.steps().get(referral.steps().size() - 1);
        return new Referred(referral.id(), referral.findingId(), referral.rule(), referral.title(),
                referral.severity(), referral.subject(), referral.status().title(), last.byName(), last.reason(),
                last.at());
    }
}
