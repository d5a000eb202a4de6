package org.steward.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.steward.devices.DeviceHandover.Done;
import org.steward.devices.DeviceHandover.Refused;
import org.steward.devices.DeviceHandover.Signed;
import org.steward.devices.DeviceHandover.Signing;
import org.steward.devices.DeviceHandover.Status;
import org.steward.staff.StaffMember;
import org.steward.staff.StaffStatus;

/** The rules a hand-over keeps by itself, every transition and refusal, without Spring. */
class DeviceHandoverTest {

    static final Instant MONDAY = Instant.parse("2026-08-10T16:00:00Z");
    static final List<String> STATEMENTS = List.of("I am the possessor.", "I will return them.");

    final StaffMember ana = staff(7, "Ana", "Alvarez");
    final StaffMember ben = staff(8, "Ben", "Brown");

    @Test
    void theEmployeeSignsOnceForAllItsDevicesWithTheStatementsAsShown() {
        DeviceHandover handover = DeviceHandover.prepare(1, ana.id(), List.of(100L, 201L), false, null, true, "tech", MONDAY);
        assertThat(handover.awaitingSignature()).isTrue();
        Signed signed = handover.sign(ana, new Signing(Set.of(0, 1), "  ana   alvarez ", "192.0.2.7", null),
                STATEMENTS, List.of(), null, MONDAY.plusSeconds(60));
        assertThat(signed).isEqualTo(new Done(MONDAY.plusSeconds(60)));
        Handovers.Handover view = handover.view();
        assertThat(view.status()).isEqualTo("SIGNED");
        assertThat(view.statements()).isEqualTo(STATEMENTS);
        assertThat(view.typedName()).isEqualTo("ana alvarez");
        assertThat(view.deviceIds()).containsExactly(100L, 201L);
        assertThat(refused(handover.sign(ana, new Signing(Set.of(0, 1), "Ana Alvarez", "192.0.2.7", ""),
                STATEMENTS, List.of(), null, MONDAY))).isEqualTo("This hand-over was already signed.");
    }

    @Test
    void itRefusesAnotherPersonAMissingTickAWrongNameAndADeviceGoneElsewhere() {
        DeviceHandover handover = DeviceHandover.prepare(1, ana.id(), List.of(100L), false, null, true, "tech", MONDAY);
        assertThat(refused(handover.sign(ben, new Signing(Set.of(0, 1), "Ben Brown", "", ""), STATEMENTS, List.of(),
                null, MONDAY))).isEqualTo("There is no such hand-over for you.");
        assertThat(refused(handover.sign(ana, new Signing(Set.of(0), "Ana Alvarez", "", ""), STATEMENTS, List.of(),
                null, MONDAY))).isEqualTo("Tick each statement to acknowledge it: 1 of 2 is not ticked.");
        assertThat(refused(handover.sign(ana, new Signing(Set.of(0, 1), "Ana", "", ""), STATEMENTS, List.of(),
                null, MONDAY))).isEqualTo("Type your full name as the district has it: Ana Alvarez.");
        assertThat(refused(handover.sign(ana, new Signing(Set.of(0, 1), "Ana Alvarez", "", ""), STATEMENTS,
                List.of("L-100"), null, MONDAY)))
                .isEqualTo("L-100 is no longer available; ask technology services to prepare the hand-over again.");
        assertThat(handover.awaitingSignature()).isTrue();
        assertThatThrownBy(() -> DeviceHandover.prepare(1, ana.id(), List.of(), false, null, true, "tech", MONDAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneWaitingForTheAcknowledgmentCannotBeSignedUntilTheEmployeeHasAcknowledged() {
        DeviceHandover handover = DeviceHandover.prepare(1, ana.id(), List.of(100L), false, null, false, "tech", MONDAY);
        assertThat(handover.awaitingAcknowledgment()).isTrue();
        assertThat(refused(handover.sign(ana, new Signing(Set.of(0, 1), "Ana Alvarez", "", ""), STATEMENTS,
                List.of(), null, MONDAY))).startsWith("First sign the district's acceptable-use policy");
        assertThat(handover.acknowledged()).isTrue();
        assertThat(handover.acknowledged()).as("only once").isFalse();
        assertThat(handover.sign(ana, new Signing(Set.of(0, 1), "Ana Alvarez", "", ""), STATEMENTS, List.of(), null,
                MONDAY)).isInstanceOf(Done.class);
        assertThat(handover.acknowledged()).as("a signed one stays signed").isFalse();
    }

    @Test
    void aCancelledHandOverCanNoLongerBeSignedAndASignedOneNotCancelled() {
        DeviceHandover waiting = DeviceHandover.prepare(1, ana.id(), List.of(100L), false, null, false, "tech", MONDAY);
        assertThat(waiting.cancel("the employee separated")).isTrue();
        assertThat(waiting.acknowledged()).isFalse();
        assertThat(refused(waiting.sign(ana, new Signing(Set.of(0, 1), "Ana Alvarez", "", ""), STATEMENTS, List.of(),
                null, MONDAY))).isEqualTo("This hand-over was already cancelled.");
        DeviceHandover signed = DeviceHandover.prepare(1, ana.id(), List.of(100L), false, null, true, "tech", MONDAY);
        signed.sign(ana, new Signing(Set.of(0, 1), "Ana Alvarez", "", ""), STATEMENTS, List.of(), null, MONDAY);
        assertThat(signed.cancel("too late")).isFalse();
        assertThat(signed.view().status()).isEqualTo("SIGNED");
    }

    @Test
    void aSignedOrCancelledHandOverStaysSo() {
        assertThat(Status.AWAITING_ACKNOWLEDGMENT.mayBecome(Status.AWAITING_SIGNATURE)).isTrue();
        assertThat(Status.AWAITING_ACKNOWLEDGMENT.mayBecome(Status.SIGNED)).as("never skips the signature").isFalse();
        assertThat(Status.AWAITING_ACKNOWLEDGMENT.mayBecome(Status.CANCELLED)).isTrue();
        assertThat(Status.AWAITING_SIGNATURE.mayBecome(Status.SIGNED)).isTrue();
        assertThat(Status.AWAITING_SIGNATURE.mayBecome(Status.CANCELLED)).isTrue();
        assertThat(Status.AWAITING_SIGNATURE.mayBecome(Status.AWAITING_ACKNOWLEDGMENT)).isFalse();
        for (Status to : Status.values()) {
            assertThat(Status.SIGNED.mayBecome(to)).isFalse();
            assertThat(Status.CANCELLED.mayBecome(to)).isFalse();
        }
    }

    static String refused(Signed signed) {
        assertThat(signed).isInstanceOf(Refused.class);
        return ((Refused) signed).reason();
    }

    static StaffMember staff(long id, String first, String last) {
        return new StaffMember(id, 1, "E" + id, first, last, null, null, "Teacher", null,
                LocalDate.parse("2020-08-01"), StaffStatus.ACTIVE, null, "CSV");
    }
}
