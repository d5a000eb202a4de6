package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The roles an account holds and has held, each change with who, when and why. */
class RoleHolderTest {

    static final Instant MADE = Instant.parse("2026-08-01T16:00:00Z");
    static final Instant LATER = Instant.parse("2026-09-01T16:00:00Z");

    static RoleHolder teacher() {
        return RoleHolder.startingFrom(new Account(7L, 1, "ana", null, "Ana Alvarez", "ana@example.org", 3L, true,
                MADE, Set.of(new Account.AccountRole(Role.EMPLOYEE))));
    }

    @Test
    void aRoleIsGivenAndTakenBackWithReasonsAndItsHistoryKept() {
        RoleHolder ana = teacher();
        ana.grant(Role.TECHNOLOGY, "dana", "Joins the network team", LATER);
        assertThat(ana.held()).containsExactlyInAnyOrder(Role.EMPLOYEE, Role.TECHNOLOGY);
        ana.revoke(Role.TECHNOLOGY, 99, "dana", "Left the network team", LATER.plusSeconds(3600));
        assertThat(ana.held()).containsExactly(Role.EMPLOYEE);
        assertThat(ana.history()).extracting(RoleHolder.Grant::role, RoleHolder.Grant::grantReason,
                        RoleHolder.Grant::revokeReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Role.TECHNOLOGY, "Joins the network team",
                                "Left the network team"),
                        org.assertj.core.groups.Tuple.tuple(Role.EMPLOYEE, "given when the account was made", null));
        ana.grant(Role.TECHNOLOGY, "dana", "Back on the network team", LATER.plusSeconds(7200));
        assertThat(ana.history()).hasSize(3);
    }

    @Test
    void itRefusesWhatARoleChangeCannotBe() {
        RoleHolder ana = teacher();
        assertThatThrownBy(() -> ana.grant(Role.HR, "dana", "", LATER)).hasMessageContaining("Say why");
        assertThatThrownBy(() -> ana.grant(Role.HR, "dana", "..........", LATER)).hasMessageContaining("Say why");
        assertThatThrownBy(() -> ana.grant(Role.COUNTY_ADMIN, "dana", "Wants everything", LATER))
                .hasMessageContaining("not a role a district administrator gives");
        assertThatThrownBy(() -> ana.grant(Role.SUPERVISOR, "dana", "Leads a team now", LATER))
                .hasMessageContaining("by the roster");
        assertThatThrownBy(() -> ana.revoke(Role.HR, 99, "dana", "Never had it anyway", LATER))
                .hasMessageContaining("does not hold");
        ana.grant(Role.HR, "dana", "Runs the campaigns", LATER);
        assertThatThrownBy(() -> ana.grant(Role.HR, "dana", "Runs the campaigns", LATER))
                .hasMessageContaining("already");
        ana.grant(Role.DISTRICT_ADMIN, "dana", "Second administrator", LATER);
        assertThatThrownBy(() -> ana.revoke(Role.DISTRICT_ADMIN, 7, "ana", "Stepping down now", LATER))
                .hasMessageContaining("your own");
        assertThat(ana.held()).contains(Role.HR, Role.DISTRICT_ADMIN);
    }
}
