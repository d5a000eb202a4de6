package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A case's rules, without Spring: every transition and every refusal, each refusal changing nothing. */
class CaseTest {

    static final Instant MONDAY = Instant.parse("2026-11-16T17:00:00Z");
    static final Case.Person IVY = new Case.Person(10, "Ivy Vance");
    static final Case.Person HANA = new Case.Person(11, "Hana Reyes");
    static final Case.Subject ANA = new Case.Subject(7, "Ana Alvarez");
    static final Case.SignedVersion SIGNED = new Case.SignedVersion(300, "Staff Acceptable Use Policy", 2,
            Set.of("C.4", "K.2"));

    static Case opened() {
        return Case.open(1, 3, " Games on duty ", ANA, new Case.Source(Case.SourceKind.REFERRAL, 5,
                "Finding 12, Games on duty", "Ivy Vance", MONDAY), IVY, MONDAY);
    }

    /** A saved case, as the repository hands it back: with its id. */
    static Case saved(long id, Case c) {
        return new Case(id, 1, c.districtId(), c.number(), c.title(), c.subjectStaffId(), c.subjectName(),
                c.status(), c.mergedInto(), c.openedBy(), c.openedAt(), c.closedAt(), c.outcome(),
                c.outcomeVersionId(), c.outcomeClauseKey(), c.outcomeSummary(), c.closedBy(), c.sources(),
                Set.copyOf(c.assignees()), c.tasks(), c.links());
    }

    @Test
    void openedItIsOpenWithItsSourceAndTheInvestigatorWhoOpenedItOnIt() {
        Case c = opened();

        assertThat(c.status()).isEqualTo(Case.Status.OPEN);
        assertThat(c.title()).isEqualTo("Games on duty");
        assertThat(c.number()).isEqualTo(3);
        assertThat(c.subjectName()).isEqualTo("Ana Alvarez");
        assertThat(c.sources()).extracting(Case.Source::label).containsExactly("Finding 12, Games on duty");
        assertThat(c.isOn(IVY.accountId())).isTrue();
        assertThat(c.isOn(HANA.accountId())).isFalse();
    }

    @Test
    void aCaseNeedsATitle() {
        assertThat(Case.titleProblem("  ")).contains("Give the case a title: what it is about, in a few words.");
        assertThat(Case.titleProblem("x".repeat(201))).contains("The title is 201 characters; keep it to 200.");
        assertThatThrownBy(() -> Case.open(1, 1, "", null, null, IVY, MONDAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsStatusOnlyMovesFromOpenOnce() {
        assertThat(Case.Status.OPEN.mayBecome(Case.Status.CLOSED)).isTrue();
        assertThat(Case.Status.OPEN.mayBecome(Case.Status.MERGED)).isTrue();
        assertThat(Case.Status.CLOSED.mayBecome(Case.Status.OPEN)).isFalse();
        assertThat(Case.Status.MERGED.mayBecome(Case.Status.CLOSED)).isFalse();
    }

    @Test
    void aPersonAssignedSeesItOnceAndTheSubjectIsNamedOnce() {
        Case c = opened();

        assertThat(c.assign(HANA, "Ivy Vance", MONDAY)).isEqualTo(new Case.Done("Hana Reyes assigned by Ivy Vance"));
        assertThat(c.assign(HANA, "Ivy Vance", MONDAY)).isEqualTo(new Case.Refused("Hana Reyes is already on the case."));
        assertThat(c.assignees()).extracting(Case.Assignee::name).containsExactlyInAnyOrder("Ivy Vance", "Hana Reyes");

        assertThat(c.nameSubject(ANA, "Ivy")).isEqualTo(new Case.Refused("The case is already about Ana Alvarez."));
        assertThat(c.nameSubject(new Case.Subject(8, "Ben Ortiz"), "Ivy")).isInstanceOf(Case.Done.class);
        assertThat(c.subjectStaffId()).isEqualTo(8L);
    }

    @Test
    void aTaskIsForOneOfTheCasesPeopleAndIsDoneOnce() {
        Case c = opened();
        LocalDate friday = LocalDate.of(2026, 11, 20);

        assertThat(c.addTask("Interview the principal", null, friday, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("Choose who does the task: one of the case's people."));
        assertThat(c.addTask("Interview the principal", HANA.accountId(), friday, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("The task's assignee is not on the case: assign them to the case first."));
        assertThat(c.addTask(" ", IVY.accountId(), friday, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("Say what the task is."));
        assertThat(c.tasks()).isEmpty();

        assertThat(c.addTask("Interview the principal", IVY.accountId(), friday, "Ivy", MONDAY))
                .isEqualTo(new Case.Done("task \"Interview the principal\" for Ivy Vance, due 2026-11-20"));
        assertThat(c.completeTask(1, "Ivy", MONDAY)).isEqualTo(new Case.Refused("The case has no such task."));
        assertThat(c.completeTask(0, "Ivy", MONDAY.plusSeconds(60))).isInstanceOf(Case.Done.class);
        assertThat(c.completeTask(0, "Hana", MONDAY.plusSeconds(120))).isEqualTo(new Case.Refused(
                "The task \"Interview the principal\" is already done, by Ivy."));
        assertThat(c.tasks()).singleElement().satisfies(t -> {
            assertThat(t.doneBy()).isEqualTo("Ivy");
            assertThat(t.doneAt()).isEqualTo(MONDAY.plusSeconds(60));
            assertThat(t.dueOn()).isEqualTo(friday);
        });
    }

    @Test
    void aNoteIsWrittenBeforeItIsAdded() {
        Case c = saved(40, opened());

        assertThat(c.note("Ivy", "  ", MONDAY)).isEqualTo(new Case.NoteRefused("Write the note before adding it."));
        assertThat(c.note("Ivy", " Spoke with the principal. ", MONDAY))
                .isEqualTo(new Case.NoteToAdd(new Case.Note(40, "Ivy", MONDAY, "Spoke with the principal.")));
    }

    @Test
    void aSourceIsTakenInOnce() {
        Case c = opened();
        Case.Source incident = new Case.Source(Case.SourceKind.INCIDENT, 9, "Device incident 9: theft of L-100",
                "Ivy", MONDAY);

        assertThat(c.takeIn(incident)).isInstanceOf(Case.Done.class);
        assertThat(c.takeIn(incident)).isEqualTo(new Case.Refused(
                "Device incident 9: theft of L-100 is already a source of the case."));
        assertThat(c.sources()).hasSize(2);
    }

    @Test
    void linksStayInTheDistrictAndAreNotToItselfNorTwice() {
        Case c = saved(40, opened());

        assertThat(c.link(new Case.Other(41, 2, 1, Case.Status.OPEN), "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("Cases are linked only within a district."));
        assertThat(c.link(new Case.Other(40, 1, 3, Case.Status.OPEN), "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("A case is not linked to itself."));
        assertThat(c.link(new Case.Other(41, 1, 4, Case.Status.CLOSED), "Ivy", MONDAY))
                .isEqualTo(new Case.Done("linked to case 4"));
        assertThat(c.link(new Case.Other(41, 1, 4, Case.Status.CLOSED), "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("The case is already linked to case 4."));
        assertThat(c.links()).extracting(Case.Link::linkedNumber).containsExactly(4);
    }

    @Test
    void mergedItEndsInAnotherOpenCaseOfItsDistrict() {
        Case c = saved(40, opened());

        assertThat(c.mergeInto(new Case.Other(40, 1, 3, Case.Status.OPEN), "Ivy", MONDAY)).isEqualTo(new Case.Refused(
                "A case cannot be merged into itself: choose the case it continues in."));
        assertThat(c.mergeInto(new Case.Other(90, 2, 1, Case.Status.OPEN), "Ivy", MONDAY)).isEqualTo(new Case.Refused(
                "A case is merged only into a case of its own district."));
        assertThat(c.mergeInto(new Case.Other(41, 1, 4, Case.Status.CLOSED), "Ivy", MONDAY)).isEqualTo(
                new Case.Refused("Case 4 is closed: merge only into an open case."));
        assertThat(c.status()).isEqualTo(Case.Status.OPEN);

        assertThat(c.mergeInto(new Case.Other(41, 1, 4, Case.Status.OPEN), "Ivy", MONDAY))
                .isEqualTo(new Case.Done("merged into case 4 by Ivy"));
        assertThat(c.status()).isEqualTo(Case.Status.MERGED);
        assertThat(c.mergedInto()).isEqualTo(41L);
        assertThat(c.closedAt()).isEqualTo(MONDAY);
    }

    @Test
    void anOutcomeCitesAClauseOfTheVersionTheSubjectSignedAndSaysWhatWasFound() {
        Case c = opened();

        assertThat(c.close(new Case.Decision(null, "", "Found"), SIGNED, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("Choose the outcome."));
        assertThat(c.close(new Case.Decision(Case.Outcome.COACHING, "C.4", " "), SIGNED, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("Write the outcome's summary: what the investigation found."));
        assertThat(c.close(new Case.Decision(Case.Outcome.WRITTEN_WARNING, "", "Games daily"), SIGNED, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("\"Written warning\" names the clause violated: choose it in the version"
                        + " of the policy the subject signed."));
        assertThat(c.close(new Case.Decision(Case.Outcome.WRITTEN_WARNING, "Z.9", "Games daily"), SIGNED, "Ivy",
                MONDAY)).isEqualTo(new Case.Refused("Clause Z.9 is not in Staff Acceptable Use Policy, version 2,"
                + " the version the subject signed: cite one of its clauses."));
        assertThat(c.close(new Case.Decision(Case.Outcome.COACHING, "C.4", "Games daily"), null, "Ivy", MONDAY))
                .isInstanceOf(Case.Refused.class).extracting(r -> ((Case.Refused) r).reason()).asString()
                .startsWith("The subject has signed no version of the policy");
        assertThat(c.close(new Case.Decision(Case.Outcome.NO_VIOLATION, "C.4", "Nothing found"), SIGNED, "Ivy",
                MONDAY)).isEqualTo(new Case.Refused("\"No violation\" cites no clause: leave the clause empty."));
        assertThat(c.status()).isEqualTo(Case.Status.OPEN);
        assertThat(c.outcome()).isNull();

        assertThat(c.close(new Case.Decision(Case.Outcome.PRIVILEGES_CANCELLED, " C.4 ", " Games daily "), SIGNED,
                "Ivy", MONDAY)).isEqualTo(new Case.Done("closed as Privileges cancelled, clause C.4 by Ivy"));
        assertThat(c.status()).isEqualTo(Case.Status.CLOSED);
        assertThat(c.outcomeVersionId()).isEqualTo(300L);
        assertThat(c.outcomeClauseKey()).isEqualTo("C.4");
        assertThat(c.outcomeSummary()).isEqualTo("Games daily");
    }

    @Test
    void anOutcomeAboutAPersonNeedsTheSubjectAndNoViolationNeedsNoClause() {
        Case unknown = Case.open(1, 4, "A shared password", null, null, IVY, MONDAY);

        assertThat(unknown.close(new Case.Decision(Case.Outcome.COACHING, "C.4", "Shared"), SIGNED, "Ivy", MONDAY))
                .isEqualTo(new Case.Refused("\"Coaching\" is about a person: name the case's subject first."));
        assertThat(unknown.close(new Case.Decision(Case.Outcome.NO_VIOLATION, "", "Nothing found"), null, "Ivy",
                MONDAY)).isEqualTo(new Case.Done("closed as No violation by Ivy"));
        assertThat(unknown.outcomeVersionId()).isNull();
    }

    @Test
    void aClosedOrMergedCaseChangesNoMore() {
        Case closed = saved(40, opened());
        closed.close(new Case.Decision(Case.Outcome.COACHING, "K.2", "Talked it through"), SIGNED, "Ivy", MONDAY);
        Case merged = saved(41, opened());
        merged.mergeInto(new Case.Other(42, 1, 5, Case.Status.OPEN), "Ivy", MONDAY);

        for (Case c : List.of(closed, merged)) {
            String reason = "Case 3 is " + c.status().title().toLowerCase() + ": nothing about it changes any more.";
            assertThat(c.close(new Case.Decision(Case.Outcome.NO_VIOLATION, "", "Again"), SIGNED, "Hana", MONDAY))
                    .isEqualTo(new Case.Refused(reason));
            assertThat(c.mergeInto(new Case.Other(43, 1, 6, Case.Status.OPEN), "Ivy", MONDAY))
                    .isEqualTo(new Case.Refused(reason));
            assertThat(c.assign(HANA, "Ivy", MONDAY)).isEqualTo(new Case.Refused(reason));
            assertThat(c.addTask("More", IVY.accountId(), null, "Ivy", MONDAY)).isEqualTo(new Case.Refused(reason));
            assertThat(c.note("Ivy", "More", MONDAY)).isEqualTo(new Case.NoteRefused(reason));
            assertThat(c.link(new Case.Other(43, 1, 6, Case.Status.OPEN), "Ivy", MONDAY))
                    .isEqualTo(new Case.Refused(reason));
            assertThat(c.nameSubject(new Case.Subject(8, "Ben"), "Ivy")).isEqualTo(new Case.Refused(reason));
        }
        assertThat(closed.outcome()).isEqualTo(Case.Outcome.COACHING);
        assertThat(closed.closedBy()).isEqualTo("Ivy");
    }
}
