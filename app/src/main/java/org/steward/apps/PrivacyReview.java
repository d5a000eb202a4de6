package org.steward.apps;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A completed review: the answer to each term and the verdict: the required terms the agreement lacks. */
public record PrivacyReview(long id, long appId, Map<PrivacyTerm, Answer> answers, List<PrivacyTerm> missing,
                            String reviewer, Instant reviewedAt) {

    public enum Answer {
        YES, NO, NOT_APPLICABLE
    }

    public boolean meetsRequirements() {
        return missing.isEmpty();
    }

    /** The required terms not answered yes. */
    static List<PrivacyTerm> missing(App app, Map<PrivacyTerm, Answer> answers) {
        Map<PrivacyTerm, Answer> all = new EnumMap<>(PrivacyTerm.class);
        all.putAll(answers);
        return java.util.Arrays.stream(PrivacyTerm.values())
                .filter(t -> t.requiredFor(app) && all.get(t) != Answer.YES)
                .toList();
    }
}
