package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.activity.Findings.Status;
import org.steward.activity.RaisedFinding.Recorded;
import org.steward.activity.RaisedFinding.Refused;
import org.steward.activity.RaisedFinding.Triaged;

/** The rules of triaging a finding, every transition and refusal, without Spring. */
class RaisedFindingTest {

    static final Instant MONDAY = Instant.parse("2026-11-16T18:00:00Z");

    @Test
    void confirmingMakesItEvidenceForGoodAndEachStepIsKeptInOrder() {
        RaisedFinding finding = open();
        assertThat(finding.isEvidence()).isFalse();
        Recorded confirmed = recorded(finding.triage(Status.CONFIRMED, "", "carl", MONDAY));
        assertThat(confirmed.decided()).isTrue();
        assertThat(finding.isEvidence()).isTrue();
        recorded(finding.triage(Status.OPEN, "The principal asked to look again", "carl", MONDAY.plusSeconds(60)));
        assertThat(finding.isEvidence()).as("reopening does not undo it").isTrue();
        Recorded investigation = recorded(finding.triage(Status.INVESTIGATION, "", "ivy", MONDAY.plusSeconds(120)));
        assertThat(investigation.decided()).isTrue();
        assertThat(finding.steps()).extracting(RaisedFinding.Step::status)
                .containsExactly(Status.OPEN, Status.CONFIRMED, Status.OPEN, Status.INVESTIGATION);
        assertThat(finding.status()).isEqualTo(Status.INVESTIGATION);
    }

    @Test
    void aDismissalAndAReopeningSayWhyAndNothingIsDecidedTwice() {
        RaisedFinding finding = open();
        assertThat(refused(finding.triage(Status.DISMISSED, " ok ", "carl", MONDAY)))
                .isEqualTo("Say why the finding is dismissed (at least five characters).");
        assertThat(refused(finding.triage(Status.OPEN, "again", "carl", MONDAY)))
                .isEqualTo("The finding is already open.");
        Recorded dismissed = recorded(finding.triage(Status.DISMISSED, "A lesson on game design", "carl", MONDAY));
        assertThat(dismissed.decided()).isFalse();
        assertThat(finding.isEvidence()).isFalse();
        assertThat(refused(finding.triage(Status.OPEN, "", "carl", MONDAY)))
                .isEqualTo("Say why the finding is reopened (at least five characters).");
        assertThat(finding.steps()).hasSize(2);
    }

    @Test
    void anyStatusMayBecomeAnyOther() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                assertThat(from.mayBecome(to)).isEqualTo(from != to);
            }
        }
    }

    static RaisedFinding open() {
        return new RaisedFinding(7L, 0, 1, "games-during-duty", "ana", null, Status.OPEN, null,
                List.of(new RaisedFinding.Step(Status.OPEN, "raised by run 3", "Steward", MONDAY)));
    }

    static Recorded recorded(Triaged triaged) {
        assertThat(triaged).isInstanceOf(Recorded.class);
        return (Recorded) triaged;
    }

    static String refused(Triaged triaged) {
        assertThat(triaged).isInstanceOf(Refused.class);
        return ((Refused) triaged).reason();
    }
}
