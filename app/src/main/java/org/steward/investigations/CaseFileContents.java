package org.steward.investigations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a case file prints: the case's summary, its evidence with each item's chain of custody, and, when the case
 * has them, its timeline and its outcome with the words of the clause it names. The evidence is filled here; the
 * timeline and the outcome come from the case itself (empty and null until it gives them).
 */
record CaseFileContents(Summary summary, List<EvidenceLocker.Listed> evidence,
                        Map<Long, List<CustodyChain.Entry>> custody, List<TimelineEntry> timeline, Outcome outcome) {

    record Summary(int number, String title, String subject, String status) {
    }

    /** One thing that happened in the case: opened, a task done, a note, a merge. */
    record TimelineEntry(Instant at, String what, String by) {
    }

    /** The decision, the clause it was made under (as cited, null for "no violation"), its words and the summary. */
    record Outcome(String decision, String clause, String clauseText, String summary, String decidedBy, Instant at) {
    }

    CaseFileContents withTimeline(List<TimelineEntry> entries) {
        return new CaseFileContents(summary, evidence, custody, List.copyOf(entries), outcome);
    }

    CaseFileContents withOutcome(Outcome decided) {
        return new CaseFileContents(summary, evidence, custody, timeline, decided);
    }
}
