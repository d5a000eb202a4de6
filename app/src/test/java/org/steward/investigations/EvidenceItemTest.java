package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The rules an item of evidence keeps when it is added, without Spring. */
class EvidenceItemTest {

    static final CaseAccess.CaseHeader OPEN = new CaseAccess.CaseHeader(3, 1, 12, "Games", "OPEN", 40L);
    static final CaseAccess.CaseHeader CLOSED = new CaseAccess.CaseHeader(3, 1, 12, "Games", "CLOSED", 40L);
    static final CaseAccess.CaseHeader MERGED = new CaseAccess.CaseHeader(3, 1, 12, "Games", "MERGED", 40L);
    static final Instant AT = Instant.parse("2026-12-01T18:00:00Z");
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

    @Test
    void aRecordDrawnIntoAnOpenCaseKeepsItsSnapshotAndItsHash() {
        String snapshot = EvidenceSnapshots.of(Map.of("b", 2, "a", 1));
        EvidenceItem.Adding adding = EvidenceItem.drawn(OPEN, EvidenceItem.Kind.FINDING, 5, "Finding 5", snapshot,
                "ivy", AT);
        assertThat(adding).isInstanceOfSatisfying(EvidenceItem.Adding.Added.class, added -> {
            assertThat(added.item().snapshot()).isEqualTo("{\"a\":1,\"b\":2}");
            assertThat(added.item().sha256()).isEqualTo(EvidenceSnapshots.sha256("{\"a\":1,\"b\":2}"))
                    .isEqualTo("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
            assertThat(added.item().caseId()).isEqualTo(3);
            assertThat(added.item().refId()).isEqualTo(5);
        });
    }

    @Test
    void aSnapshotReadsTheSameWhateverTheOrderItWasBuiltIn() {
        record Line(String text, long line) {
        }
        assertThat(EvidenceSnapshots.of(Map.of("z", new Line("x", 1), "a", AT)))
                .isEqualTo("{\"a\":\"2026-12-01T18:00:00Z\",\"z\":{\"line\":1,\"text\":\"x\"}}");
    }

    @Test
    void aClosedOrMergedCaseTakesNoMoreEvidence() {
        assertThat(EvidenceItem.drawn(CLOSED, EvidenceItem.Kind.DEVICE, 5, "Device", "{}", "ivy", AT))
                .isEqualTo(new EvidenceItem.Adding.Refused(
                        "Case 12 is closed: no evidence is added to a case that is no longer open."));
        assertThat(EvidenceItem.usage(MERGED, 40, MONDAY, MONDAY, "Games reported by the principal", "Use", "{}",
                "ivy", AT)).isEqualTo(new EvidenceItem.Adding.Refused(
                "Case 12 is merged: no evidence is added to a case that is no longer open."));
        assertThat(EvidenceItem.file(CLOSED, new AcceptedFiles.Accepted("a.png", "image/png", new byte[] {1}, "ab"),
                "ivy", AT)).isInstanceOf(EvidenceItem.Adding.Refused.class);
    }

    @Test
    void aUsagePeriodRunsForwardForAYearAtMostWithAReason() {
        assertThat(EvidenceItem.usageProblem(OPEN, MONDAY, MONDAY.minusDays(1), "Games reported by the principal"))
                .isEqualTo(new EvidenceItem.Adding.Refused("The period ends (2026-11-15) before it starts (2026-11-16)."));
        assertThat(EvidenceItem.usageProblem(OPEN, null, MONDAY, "Games reported by the principal").reason())
                .isEqualTo("Give the first and the last day of the period of internet use.");
        assertThat(EvidenceItem.usageProblem(OPEN, MONDAY, MONDAY.plusDays(366), "Games reported by the principal")
                .reason()).startsWith("Keep a period of internet use to 366 days at most");
        assertThat(EvidenceItem.usageProblem(OPEN, MONDAY, MONDAY.plusDays(4), "").reason())
                .startsWith("Say in words why you need to see this activity");
        assertThat(EvidenceItem.usageProblem(OPEN, MONDAY, MONDAY.plusDays(365), "Games reported by the principal"))
                .isNull();
        assertThat(EvidenceItem.usage(OPEN, 40, MONDAY, MONDAY.plusDays(4), "  Games reported by the principal ",
                "Use", "{}", "ivy", AT)).isInstanceOfSatisfying(EvidenceItem.Adding.Added.class, added -> {
            assertThat(added.item().reason()).isEqualTo("Games reported by the principal");
            assertThat(added.item().periodTo()).isEqualTo(MONDAY.plusDays(4));
        });
    }

    @Test
    void aFileKeepsTheHashTakenOnArrival() {
        AcceptedFiles.Accepted png = new AcceptedFiles.Accepted("shot.png", "image/png", new byte[] {1, 2, 3},
                AcceptedFiles.sha256(new byte[] {1, 2, 3}));
        assertThat(EvidenceItem.file(OPEN, png, "ivy", AT)).isInstanceOfSatisfying(EvidenceItem.Adding.Added.class,
                added -> {
                    assertThat(added.item().sha256()).isEqualTo(png.sha256());
                    assertThat(added.item().description()).isEqualTo("shot.png (PNG image, 3 bytes)");
                    assertThat(added.item().snapshot()).isNull();
                });
    }

    @Test
    void aDownloadOrExportAsksAReasonInWords() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvidenceLocker.reasonGiven("....", "download it"))
                .hasMessageStartingWith("Say in words why you download it");
        assertThat(EvidenceLocker.reasonGiven("  For the hearing with HR ", "download it"))
                .isEqualTo("For the hearing with HR");
    }
}
