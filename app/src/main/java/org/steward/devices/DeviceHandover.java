package org.steward.devices;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import org.steward.acknowledgments.Signature;
import org.steward.policies.ClauseReference;
import org.steward.staff.StaffMember;

/**
 * A hand-over of devices to one employee, the aggregate: prepared by technology services, then signed once by the
 * employee for all its devices, or refused with the reason. Saved whole with optimistic locking, so two signatures
 * at once record one; once signed the database keeps it exactly as it was.
 */
@Table("device_handover")
class DeviceHandover {

    /**
     * Where a hand-over stands, and where it may go from there: one prepared before the employee acknowledged the
     * acceptable-use policy (when the district requires that first) waits for the acknowledgment, then for the
     * employee's signature.
     */
    enum Status {
        AWAITING_ACKNOWLEDGMENT, AWAITING_SIGNATURE, SIGNED, CANCELLED;

        boolean mayBecome(Status next) {
            return switch (this) {
                case AWAITING_ACKNOWLEDGMENT -> next == AWAITING_SIGNATURE || next == CANCELLED;
                case AWAITING_SIGNATURE -> next == SIGNED || next == CANCELLED;
                case SIGNED, CANCELLED -> false;
            };
        }
    }

    /** What the employee signs with: the statements ticked and the name typed, where they signed from. */
    record Signing(Set<Integer> ticked, String typedName, String ipAddress, String userAgent) {
    }

    /** What signing came to: signed, or a refusal a person can read. */
    sealed interface Signed permits Done, Refused {
    }

    record Done(Instant at) implements Signed {
    }

    record Refused(String reason) implements Signed {
    }

    @Id
    private Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final long staffId;
    private final List<Long> devices;
    private final String preparedBy;
    private final Instant preparedAt;
    private final String clauseKey;
    private final Long clauseVersionId;
    private final boolean transfer;
    private Status status;
    private String cancelledBecause;
    private List<String> statements;
    private String agreement;
    private String typedName;
    private Instant signedAt;
    private String ipAddress;
    private String userAgent;
    private Long acknowledgmentId;
    private String policyTitle;
    private Integer policyVersion;
    private String policySha256;

    @PersistenceCreator
    DeviceHandover(Long id, Integer version, long districtId, long staffId, List<Long> devices, String preparedBy,
                   Instant preparedAt, String clauseKey, Long clauseVersionId, boolean transfer, Status status,
                   String cancelledBecause, List<String> statements, String agreement, String typedName,
                   Instant signedAt, String ipAddress, String userAgent, Long acknowledgmentId, String policyTitle,
                   Integer policyVersion, String policySha256) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.staffId = staffId;
        this.devices = List.copyOf(devices);
        this.preparedBy = preparedBy;
        this.preparedAt = preparedAt;
        this.clauseKey = clauseKey;
        this.clauseVersionId = clauseVersionId;
        this.transfer = transfer;
        this.status = status;
        this.cancelledBecause = cancelledBecause;
        this.statements = statements == null ? null : List.copyOf(statements);
        this.agreement = agreement;
        this.typedName = typedName;
        this.signedAt = signedAt;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
        this.acknowledgmentId = acknowledgmentId;
        this.policyTitle = policyTitle;
        this.policyVersion = policyVersion;
        this.policySha256 = policySha256;
    }

    /**
     * A new hand-over citing the clause that makes its employee the devices' possessor (none when the district's
     * policy in force has no such clause); {@code acknowledged} false makes it wait for their acknowledgment first.
     */
    static DeviceHandover prepare(long districtId, long staffId, List<Long> devices, boolean transfer,
                                  ClauseReference citation, boolean acknowledged, String by, Instant at) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("A hand-over names at least one device.");
        }
        return new DeviceHandover(null, null, districtId, staffId, devices, by, at,
                citation == null ? null : citation.clauseKey(),
                citation == null ? null : citation.policyVersionId(), transfer,
                acknowledged ? Status.AWAITING_SIGNATURE : Status.AWAITING_ACKNOWLEDGMENT, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** The employee has acknowledged the policy: the hand-over now waits for their signature. */
    boolean acknowledged() {
        if (status != Status.AWAITING_ACKNOWLEDGMENT) {
            return false;
        }
        moveTo(Status.AWAITING_SIGNATURE);
        return true;
    }

    /**
     * The employee signs, or is told why not: it is not theirs, it was signed already, a statement is not ticked,
     * the name is not theirs as the district has it, or a device is no longer available ({@code unavailable},
     * which custody knows). The record keeps the statements as shown and the acknowledgment of the acceptable-use
     * policy current when signing.
     */
    Signed sign(StaffMember signer, Signing signing, List<String> shown, List<String> unavailable,
                Signature acknowledgment, Instant at) {
        if (signer.id() != staffId) {
            return new Refused("There is no such hand-over for you.");
        }
        if (status == Status.AWAITING_ACKNOWLEDGMENT) {
            return new Refused("First sign the district's acceptable-use policy (Acknowledgments); then these devices "
                    + "wait for your signature here.");
        }
        if (status != Status.AWAITING_SIGNATURE) {
            return new Refused("This hand-over was already " + status.name().toLowerCase(Locale.ROOT) + ".");
        }
        long missing = IntStream.range(0, shown.size()).filter(i -> !signing.ticked().contains(i)).count();
        if (missing > 0) {
            return new Refused("Tick each statement to acknowledge it: " + missing + " of " + shown.size()
                    + (missing == 1 ? " is" : " are") + " not ticked.");
        }
        if (!signer.isNamed(signing.typedName())) {
            return new Refused("Type your full name as the district has it: " + signer.fullName() + ".");
        }
        if (!unavailable.isEmpty()) {
            return new Refused(String.join(", ", unavailable) + (unavailable.size() == 1 ? " is" : " are")
                    + " no longer available; ask technology services to prepare the hand-over again.");
        }
        moveTo(Status.SIGNED);
        statements = List.copyOf(shown);
        agreement = String.join("\n", shown);
        typedName = signing.typedName().strip().replaceAll("\\s+", " ");
        signedAt = at;
        ipAddress = signing.ipAddress();
        userAgent = signing.userAgent() == null ? "" : signing.userAgent();
        if (acknowledgment != null) {
            acknowledgmentId = acknowledgment.id();
            policyTitle = acknowledgment.policyTitle();
            policyVersion = acknowledgment.policyVersion();
            policySha256 = acknowledgment.policySha256();
        }
        return new Done(at);
    }

    /** It can no longer be signed (its employee separated, say): its devices are free for another hand-over. */
    boolean cancel(String because) {
        if (!status.mayBecome(Status.CANCELLED)) {
            return false;
        }
        moveTo(Status.CANCELLED);
        cancelledBecause = because;
        return true;
    }

    /** Whether signing may take a device from the employee who possesses it now. */
    boolean transfer() {
        return transfer;
    }

    private void moveTo(Status next) {
        if (!status.mayBecome(next)) {
            throw new IllegalStateException("A hand-over " + status + " cannot become " + next + ".");
        }
        status = next;
    }

    Long id() {
        return id;
    }

    long staffId() {
        return staffId;
    }

    List<Long> devices() {
        return devices;
    }

    boolean awaitingSignature() {
        return status == Status.AWAITING_SIGNATURE;
    }

    boolean awaitingAcknowledgment() {
        return status == Status.AWAITING_ACKNOWLEDGMENT;
    }

    Handovers.Handover view() {
        return new Handovers.Handover(id == null ? 0 : id, districtId, staffId, devices, preparedBy, preparedAt,
                clauseVersionId == null ? null : new ClauseReference(clauseVersionId, clauseKey), status.name(),
                statements == null ? List.of() : statements, typedName, signedAt, policyTitle, policyVersion,
                policySha256);
    }
}
