package org.steward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.steward.accounts.Role;
import org.steward.approvals.ApprovalRequest.Approver;
import org.steward.approvals.ApprovalRequest.AppOnList;
import org.steward.approvals.ApprovalRequest.Decided;
import org.steward.approvals.ApprovalRequest.Recorded;
import org.steward.approvals.ApprovalRequest.Refused;
import org.steward.approvals.ApprovalRequest.Verdict;
import org.steward.approvals.Request.Status;

/** The rules an approval request keeps by itself, every transition and every refusal, without Spring. */
class ApprovalRequestTest {

    static final long ANA = 1;
    static final long PAT = 2;
    static final Instant MONDAY = Instant.parse("2026-09-14T16:00:00Z");

    final Approver pat = new Approver("pat", "Pat Principal", PAT, Set.of(Role.SUPERVISOR), true);
    final Approver otherSupervisor = new Approver("sam", "Sam Other", 9L, Set.of(Role.SUPERVISOR), false);
    final Approver carl = new Approver("carl", "Carl Tech", 3L, Set.of(Role.TECHNOLOGY), false);
    final Approver sue = new Approver("sue", "Sue Super", 4L, Set.of(Role.DISTRICT_ADMIN), false);
    final Approver ana = new Approver("ana", "Ana Alvarez", ANA, Set.of(Role.EMPLOYEE, Role.TECHNOLOGY), false);

    @Test
    void aRequestMovesAlongItsRouteOneDecisionAStepAndConditionsAddUp() {
        ApprovalRequest request = subscription();
        assertThat(request.waitingFor()).isEqualTo(Role.SUPERVISOR);

        Recorded first = recorded(request.decide(pat, Verdict.approve(""), null, MONDAY));
        assertThat(first.step()).isZero();
        assertThat(first.last()).isFalse();
        assertThat(request.waitingFor()).isEqualTo(Role.TECHNOLOGY);
        assertThat(request.awaits(pat)).isFalse();

        recorded(request.decide(carl, Verdict.approve("Pay through the district account"), null, MONDAY));
        Recorded last = recorded(request.decide(sue, Verdict.approve("Renew only after review"), null, MONDAY));
        assertThat(last.last()).isTrue();
        Request view = request.view();
        assertThat(view.status()).isEqualTo(Status.APPROVED);
        assertThat(view.decidedAt()).isEqualTo(MONDAY);
        assertThat(view.conditions()).isEqualTo("Pay through the district account Renew only after review");
        assertThat(view.decisions()).extracting(Request.Decision::step, Request.Decision::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, Role.SUPERVISOR),
                        org.assertj.core.groups.Tuple.tuple(1, Role.TECHNOLOGY),
                        org.assertj.core.groups.Tuple.tuple(2, Role.DISTRICT_ADMIN));
    }

    @Test
    void theSameStepCannotBeDecidedTwiceNorADecidedRequestAgain() {
        ApprovalRequest request = subscription();
        recorded(request.decide(pat, Verdict.approve(""), null, MONDAY));
        assertThat(refused(request.decide(pat, Verdict.approve(""), null, MONDAY)))
                .isEqualTo("This step waits for technology services.");

        ApprovalRequest denied = subscription();
        Recorded denial = recorded(denied.decide(pat, Verdict.deny("Use the library's copy."), null, MONDAY));
        assertThat(denial.status()).isEqualTo(Status.DENIED);
        assertThat(denied.view().decisions().get(0).reason()).isEqualTo("Use the library's copy.");
        assertThat(refused(denied.decide(carl, Verdict.approve(""), null, MONDAY)))
                .isEqualTo("This request was already denied.");
        assertThat(denied.view().decisions()).hasSize(1);
    }

    @Test
    void onlyTheStepsApproverDecidesAndNeverTheRequester() {
        ApprovalRequest request = subscription();
        assertThat(refused(request.decide(otherSupervisor, Verdict.approve(""), null, MONDAY)))
                .isEqualTo("This step waits for your supervisor.");
        assertThat(refused(request.decide(carl, Verdict.approve(""), null, MONDAY)))
                .isEqualTo("This step waits for your supervisor.");

        ApprovalRequest install = ApprovalRequest.ask(1, Kind.SOFTWARE_INSTALL, ANA, "ana",
                Map.of("software", "Packet tracer", "device", "L-1", "why", "Network class"), Kind.SOFTWARE_INSTALL
                        .defaultRoute(), true, "C.11", null, null, null, MONDAY);
        assertThat(refused(install.decide(ana, Verdict.approve(""), null, MONDAY)))
                .isEqualTo("Nobody approves their own request.");
        assertThat(install.view().status()).isEqualTo(Status.PENDING);
    }

    @Test
    void aDenialSaysWhy() {
        ApprovalRequest request = subscription();
        assertThat(refused(request.decide(pat, Verdict.deny("  "), null, MONDAY)))
                .isEqualTo("Say why it is denied: the requester reads it.");
        assertThat(request.view().decisions()).isEmpty();
    }

    @Test
    void technologyApprovesANewAppOnlyOnceItsPrivacyReviewHasAndTakesItsConditions() {
        ApprovalRequest request = ApprovalRequest.ask(1, Kind.NEW_APP, ANA, "ana",
                Map.of("app", "Reading Log", "purpose", "Journals"), Kind.NEW_APP.defaultRoute(), true, "H.2", null, null,
                77L, MONDAY);
        recorded(request.decide(pat, Verdict.approve(""), null, MONDAY));
        assertThat(refused(request.decide(carl, Verdict.approve(""),
                new AppOnList("Reading Log", false, "under review", ""), MONDAY)))
                .isEqualTo("Reading Log is under review on the app list: complete its privacy review and approve it "
                        + "there first.");
        recorded(request.decide(carl, Verdict.approve(""),
                new AppOnList("Reading Log", true, "approved with conditions", "First names only"), MONDAY));
        assertThat(request.view().conditions()).isEqualTo("First names only");
        assertThat(request.view().status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void withoutASupervisorTheNextApproverDecidesAndWithNobodyLeftTheDistrictAdministrator() {
        ApprovalRequest noSupervisor = ApprovalRequest.ask(1, Kind.SUBSCRIPTION, ANA, "ana", Map.of("service", "x"),
                Kind.SUBSCRIPTION.defaultRoute(), false, "C.14", null, null, null, MONDAY);
        assertThat(noSupervisor.view().route()).containsExactly(Role.TECHNOLOGY, Role.DISTRICT_ADMIN);
        ApprovalRequest offSite = ApprovalRequest.ask(1, Kind.EQUIPMENT_OFF_SITE, ANA, "ana",
                Map.of("equipment", "L-1"), Kind.EQUIPMENT_OFF_SITE.defaultRoute(), false, "G.3", null,
                LocalDate.parse("2026-09-20"), null, MONDAY);
        assertThat(offSite.view().route()).containsExactly(Role.DISTRICT_ADMIN);
    }

    @Test
    void aOneUseApprovalIsUsedOnceAndAnEndedOneNotAtAll() {
        ApprovalRequest email = ApprovalRequest.ask(1, Kind.MASS_EMAIL, ANA, "ana", Map.of("audience", "All staff"),
                Kind.MASS_EMAIL.defaultRoute(), true, "C.10", null, null, null, MONDAY);
        LocalDate day = LocalDate.parse("2026-09-14");
        assertThat(email.useOnce(day)).as("not approved yet").isFalse();
        recorded(email.decide(sue, Verdict.approve(""), null, MONDAY));
        assertThat(email.useOnce(day)).isTrue();
        assertThat(email.useOnce(day)).isFalse();
        assertThat(email.inForce(day)).isFalse();

        ApprovalRequest offSite = ApprovalRequest.ask(1, Kind.EQUIPMENT_OFF_SITE, ANA, "ana",
                Map.of("equipment", "L-1"), Kind.EQUIPMENT_OFF_SITE.defaultRoute(), true, "G.3", null,
                LocalDate.parse("2026-09-20"), null, MONDAY);
        recorded(offSite.decide(pat, Verdict.approve(""), null, MONDAY));
        assertThat(offSite.inForce(LocalDate.parse("2026-09-20"))).isTrue();
        assertThat(offSite.inForce(LocalDate.parse("2026-09-21"))).isFalse();
        assertThat(offSite.useOnce(day)).as("not a one-use approval").isFalse();
    }

    @Test
    void aDecidedStatusNeverChanges() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                assertThat(from.mayBecome(to)).as(from + " to " + to)
                        .isEqualTo(from == Status.PENDING && to != Status.PENDING);
            }
        }
    }

    @Test
    void theRequestKeepsWhatWasAskedInTheKindsOrder() {
        Request view = subscription().view();
        assertThat(view.fields()).containsExactly(Map.entry("service", "Science videos"), Map.entry("cost", "240"),
                Map.entry("why", "Grade 5"));
        assertThat(view.title()).isEqualTo("A fee-based subscription: Science videos");
        assertThatThrownBy(() -> view.fields().put("cost", "0")).isInstanceOf(UnsupportedOperationException.class);
    }

    ApprovalRequest subscription() {
        return ApprovalRequest.ask(1, Kind.SUBSCRIPTION, ANA, "ana",
                Map.of("why", "Grade 5", "cost", "240", "service", "Science videos"),
                Kind.SUBSCRIPTION.defaultRoute(), true, "C.14", null, null, null, MONDAY);
    }

    static Recorded recorded(Decided decided) {
        assertThat(decided).isInstanceOf(Recorded.class);
        return (Recorded) decided;
    }

    static String refused(Decided decided) {
        assertThat(decided).isInstanceOf(Refused.class);
        return ((Refused) decided).reason();
    }
}
