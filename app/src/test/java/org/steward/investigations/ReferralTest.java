package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A referral's rules, without Spring: it waits, is taken back with a reason, and may be sent again. */
class ReferralTest {

    static final Instant MONDAY = Instant.parse("2026-11-16T17:00:00Z");
    static final Referral.Finding GAMES = new Referral.Finding(1, 12, "games-during-duty", "Online games on duty",
            "medium", "Ana Alvarez", 7L);

    @Test
    void aFindingSentForInvestigationWaitsForAnInvestigator() {
        Referral referral = Referral.of(GAMES, "carl", MONDAY);

        assertThat(referral.status()).isEqualTo(Referral.Status.WAITING);
        assertThat(referral.referredAt()).isEqualTo(MONDAY);
        assertThat(Referred.of(referral)).satisfies(r -> {
            assertThat(r.status()).isEqualTo("Waiting for an investigator");
            assertThat(r.by()).isEqualTo("carl");
            assertThat(r.subject()).isEqualTo("Ana Alvarez");
        });
    }

    @Test
    void takenBackItSaysWhyAndCannotBeTakenBackTwice() {
        Referral referral = Referral.of(GAMES, "carl", MONDAY);

        assertThat(referral.withdraw("carl", " reopened: the wrong person ", MONDAY.plusSeconds(60)))
                .isInstanceOf(Referral.Recorded.class);
        assertThat(referral.status()).isEqualTo(Referral.Status.WITHDRAWN);
        assertThat(Referred.of(referral).reason()).isEqualTo("reopened: the wrong person");

        assertThat(referral.withdraw("dana", "dismissed", MONDAY.plusSeconds(120)))
                .isEqualTo(new Referral.Unmoved("The referral is already withdrawn."));
        assertThat(referral.steps()).extracting(Referral.Step::status)
                .containsExactly(Referral.Status.WAITING, Referral.Status.WITHDRAWN);
    }

    @Test
    void sentAgainItWaitsAgainFromThatDayAndASecondDeliveryChangesNothing() {
        Referral referral = Referral.of(GAMES, "carl", MONDAY);
        referral.withdraw("carl", "reopened", MONDAY.plusSeconds(60));

        assertThat(referral.referAgain("dana", MONDAY.plusSeconds(3600))).isInstanceOf(Referral.Recorded.class);
        assertThat(referral.referAgain("dana", MONDAY.plusSeconds(3601)))
                .isEqualTo(new Referral.Unmoved("The referral is already waiting for an investigator."));

        assertThat(referral.status()).isEqualTo(Referral.Status.WAITING);
        assertThat(referral.referredAt()).isEqualTo(MONDAY.plusSeconds(3600));
        assertThat(referral.steps()).hasSize(3);
    }

    @Test
    void takenIntoACaseItLeavesTheWaitingListAndASecondDeliveryLeavesItThere() {
        Referral referral = Referral.of(GAMES, "carl", MONDAY);

        assertThat(referral.takeInto(4, "Ivy Vance", MONDAY.plusSeconds(60))).isInstanceOf(Referral.Recorded.class);
        assertThat(referral.status()).isEqualTo(Referral.Status.TAKEN);
        assertThat(Referred.of(referral).reason()).isEqualTo("taken into case 4");

        assertThat(referral.referAgain("carl", MONDAY.plusSeconds(120)))
                .isEqualTo(new Referral.Unmoved("The referral is taken into a case, so it stays so."));
        assertThat(referral.takeInto(5, "Ivy Vance", MONDAY.plusSeconds(180))).isInstanceOf(Referral.Unmoved.class);
        assertThat(referral.status()).isEqualTo(Referral.Status.TAKEN);

        assertThat(referral.withdraw("carl", "reopened", MONDAY.plusSeconds(240))).isInstanceOf(Referral.Recorded.class);
        assertThat(referral.status()).isEqualTo(Referral.Status.WITHDRAWN);
        assertThat(referral.takeInto(6, "Ivy Vance", MONDAY.plusSeconds(300))).isEqualTo(new Referral.Unmoved(
                "The referral no longer waits for an investigator: it is withdrawn."));
    }
}
