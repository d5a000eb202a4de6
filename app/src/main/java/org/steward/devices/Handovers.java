package org.steward.devices;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.acknowledgments.AcknowledgmentSigned;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.Signature;
import org.steward.acknowledgments.Signing;
import org.steward.audit.AuditLog;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.policies.ClauseReference;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;
import org.steward.staff.StaffSeparated;

/**
 * Hand-overs: technology services prepares one for an employee's devices, and the employee signs it once for all
 * of them, from their own page; from then on they are the devices' possessor (Oak Park statements 4 to 6). The
 * rules of a hand-over are its own ({@link DeviceHandover}); this service finds the devices, asks custody which are
 * available, saves the hand-over whole and moves the devices.
 */
@Service
public class Handovers {

    /** A hand-over as pages and other modules see it. */
    public record Handover(long id, long districtId, long staffId, List<Long> deviceIds, String preparedBy,
                           Instant preparedAt, ClauseReference citation, String status, List<String> statements,
                           String typedName, Instant signedAt, String policyTitle, Integer policyVersion, String policySha256) {

        public boolean awaitingSignature() {
            return "AWAITING_SIGNATURE".equals(status);
        }

        public boolean awaitingAcknowledgment() {
            return "AWAITING_ACKNOWLEDGMENT".equals(status);
        }
    }

    private final DeviceHandovers handovers;
    private final Custody custody;
    private final Inventory inventory;
    private final DeviceSettings settings;
    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final Campaigns campaigns;
    private final Signing signing;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;
    private final String baseUrl;

    Handovers(DeviceHandovers handovers, Custody custody, Inventory inventory, DeviceSettings settings,
              StaffDirectory staff, Campaigns campaigns, Signing signing, AuditLog audit, Mailer mailer, Clock clock,
              @Value("${steward.base-url:http://localhost:8080}") String baseUrl, PolicyLibrary policies) {
        this.policies = policies;
        this.handovers = handovers;
        this.custody = custody;
        this.inventory = inventory;
        this.settings = settings;
        this.staff = staff;
        this.campaigns = campaigns;
        this.signing = signing;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** Prepares a hand-over of devices (by asset tag) to an employee, who then signs it from their own page. */
    @Transactional // the call below is inside this bean, which a transaction proxy does not see
    public Handover prepare(long districtId, long staffId, List<String> assetTags, String by) {
        return prepare(districtId, staffId, assetTags, false, by);
    }

    /**
     * The same; with {@code transfer}, devices another employee possesses may be named too: they pass straight from
     * that employee to this one when this one signs (possession never lapses and is never shared).
     */
    @Transactional
    public Handover prepare(long districtId, long staffId, List<String> assetTags, boolean transfer, String by) {
        StaffMember member = staff.find(districtId, staffId)
                .orElseThrow(() -> new Custody.Refused("There is no such employee."));
        if (!member.isActive()) {
            throw new Custody.Refused(member.fullName() + " is separated: nothing can be handed to them.");
        }
        List<String> tags = assetTags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        if (tags.isEmpty()) {
            throw new Custody.Refused("Name at least one device by its asset tag.");
        }
        // two technicians preparing the same device at once: the second waits here, then finds it pending
        handovers.lockDevices(districtId, tags.stream().map(t -> inventory.findByTag(districtId, t))
                .flatMap(Optional::stream).map(Device::id).toArray(Long[]::new));
        List<String> problems = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String tag : tags) {
            Optional<Device> found = inventory.findByTag(districtId, tag);
            if (found.isEmpty()) {
                problems.add("no device has asset tag " + tag);
                continue;
            }
            Device device = found.get();
            Optional<Custody.Period> held = custody.holder(device.id());
            if (held.isPresent() && held.get().staffId() == staffId) {
                problems.add(tag + " is already theirs");
            } else if (!Custody.transferable(device, held, transfer)) {
                problems.add(tag + " is not in stock (" + device.status().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ') + (held.isPresent() ? ", possessed by " + held.get().holder()
                        + "; a transfer can move it" : "") + ")");
            } else if (device.isUnencryptedStorage()) {
                problems.add(tag + " is portable storage that is not encrypted (Stanislaus 9.g): encrypt it and "
                        + "mark it encrypted first");
            } else if (handovers.pending(device.id())) {
                problems.add(tag + " is already in a hand-over waiting for a signature");
            } else {
                ids.add(device.id());
            }
        }
        if (!problems.isEmpty()) {
            throw new Custody.Refused("Nothing was prepared: " + String.join("; ", problems) + ".");
        }
        boolean acknowledged = !settings.of(districtId).requireAcknowledgment()
                || currentAcknowledgment(districtId, staffId).isPresent();
        ClauseReference citation = policies.cite(districtId, settings.of(districtId).possessionClause())
                .orElse(null);
        DeviceHandover handover = handovers.save(DeviceHandover.prepare(districtId, staffId, ids, transfer, citation,
                acknowledged, by, now()));
        audit.record(districtId, "DEVICE_HANDOVER_PREPARED", "device_handover", handover.id(),
                "to staff %s: %s%s".formatted(member.employeeId(), String.join(", ", tags), acknowledged ? ""
                        : "; waits for their acknowledgment of the acceptable-use policy"));
        if (acknowledged) {
            tellToSign(member, tags);
        } else {
            tell(member, "Devices waiting for you: " + String.join(", ", tags), """
                    Technology services has %s for you. The district asks you to acknowledge its acceptable-use
                    policy first: sign it on your Acknowledgments page, %s/acknowledgments. You will then be asked to
                    sign for the devices.""".formatted(String.join(", ", tags), baseUrl));
        }
        return handover.view();
    }

    /**
     * The employee signs the hand-over: every statement ticked, their name as on the roster. From then on they are
     * the possessor of its devices. Of two signatures at once, one is recorded.
     */
    @Transactional
    public Handover sign(long districtId, long handoverId, long staffId, Set<Integer> ticked, String typedName,
                         String ipAddress, String userAgent) {
        DeviceHandover handover = handovers.findByDistrictIdAndId(districtId, handoverId)
                .filter(h -> h.staffId() == staffId)
                .orElseThrow(() -> new Custody.Refused("There is no such hand-over for you."));
        StaffMember member = staff.find(districtId, staffId).orElseThrow();
        if (handover.awaitingAcknowledgment() && (!settings.of(districtId).requireAcknowledgment()
                || currentAcknowledgment(districtId, staffId).isPresent())) {
            handover.acknowledged(); // acknowledged since, and the event not heard yet (or the district stopped asking)
        }
        List<String> unavailable = new ArrayList<>();
        for (long deviceId : handover.devices()) {
            Device device = inventory.find(districtId, deviceId).orElseThrow();
            Optional<Custody.Period> held = custody.holder(deviceId);
            if (!Custody.transferable(device, held, handover.transfer())
                    || held.map(p -> p.staffId() == staffId).orElse(false)) {
                unavailable.add(device.assetTag());
            }
        }
        DeviceHandover.Signed signed = handover.sign(member,
                new DeviceHandover.Signing(ticked, typedName, ipAddress, userAgent),
                settings.of(districtId).statements(), handover.awaitingSignature() ? unavailable : List.of(),
                currentAcknowledgment(districtId, staffId).orElse(null), now());
        if (signed instanceof DeviceHandover.Refused refused) {
            throw new Custody.Refused(refused.reason());
        }
        try {
            handovers.save(handover);
        } catch (OptimisticLockingFailureException e) {
            throw new Custody.Refused("This hand-over was signed a moment ago.");
        }
        try {
            for (long deviceId : handover.devices()) {
                custody.move(districtId, deviceId, staffId, "HANDOVER", "HANDOVER", handoverId, member.fullName(),
                        "");
                inventory.setStatus(deviceId, Device.Status.ASSIGNED);
            }
        } catch (DuplicateKeyException e) { // the one-possessor index: another hand-over of a device signed at once
            throw new Custody.Refused("A device of this hand-over was signed for by someone else a moment ago; ask "
                    + "technology services to prepare the hand-over again.");
        }
        audit.record(districtId, "DEVICE_HANDOVER_SIGNED", "device_handover", handoverId,
                "staff %s now possesses devices %s".formatted(member.employeeId(), handover.devices()));
        return handover.view();
    }

    /**
     * The employee acknowledged the acceptable-use policy: hand-overs that waited for it now wait for their
     * signature, and they are told.
     */
    @ApplicationModuleListener
    void on(AcknowledgmentSigned signed) {
        release(signed.districtId(), signed.staffId());
    }

    /** A separated employee signs for nothing more: their hand-overs not yet signed are cancelled. */
    @ApplicationModuleListener
    void on(StaffSeparated separated) {
        for (DeviceHandover.Status waiting : List.of(DeviceHandover.Status.AWAITING_ACKNOWLEDGMENT,
                DeviceHandover.Status.AWAITING_SIGNATURE)) {
            for (DeviceHandover handover : handovers.findByDistrictIdAndStaffIdAndStatus(separated.districtId(),
                    separated.staffId(), waiting)) {
                if (handover.cancel("the employee separated on " + separated.separatedOn())) {
                    handovers.save(handover);
                    audit.record(separated.districtId(), "DEVICE_HANDOVER_CANCELLED", "device_handover",
                            handover.id(), "staff %s separated".formatted(separated.employeeId()));
                }
            }
        }
    }

    @Transactional
    public void release(long districtId, long staffId) {
        if (currentAcknowledgment(districtId, staffId).isEmpty()) {
            return; // signed for a campaign other than their latest one: still not current
        }
        StaffMember member = staff.find(districtId, staffId).orElseThrow();
        for (DeviceHandover handover : handovers.findByDistrictIdAndStaffIdAndStatus(districtId, staffId,
                DeviceHandover.Status.AWAITING_ACKNOWLEDGMENT)) {
            if (handover.acknowledged()) {
                handovers.save(handover);
                List<String> tags = handover.devices().stream()
                        .map(id -> inventory.find(districtId, id).map(Device::assetTag).orElse("#" + id)).toList();
                audit.record(districtId, "DEVICE_HANDOVER_RELEASED", "device_handover", handover.id(),
                        "staff %s acknowledged the policy: %s wait for their signature".formatted(
                                member.employeeId(), String.join(", ", tags)));
                tellToSign(member, tags);
            }
        }
    }

    private void tellToSign(StaffMember member, List<String> tags) {
        tell(member, "Devices to sign for: " + String.join(", ", tags), """
                Technology services hands you %s. Please read what you acknowledge and sign for them on
                your My devices page: %s/my-devices

                Until you sign, the district remains their possessor.""".formatted(String.join(", ", tags),
                baseUrl));
    }

    private void tell(StaffMember member, String subject, String text) {
        if (member.email() != null && !member.email().isBlank()) {
            mailer.send(new Mail(member.districtId(), member.email(), subject,
                    "Dear " + member.fullName() + ",\n\n" + text));
        }
    }

    public List<Handover> of(long districtId, long staffId) {
        return handovers.findByDistrictIdAndStaffIdOrderByPreparedAtDescIdDesc(districtId, staffId).stream()
                .map(DeviceHandover::view).toList();
    }

    public Optional<Handover> find(long districtId, long handoverId) {
        return handovers.findByDistrictIdAndId(districtId, handoverId).map(DeviceHandover::view);
    }

    /** The acknowledgment of the acceptable-use policy from the latest campaign the employee was asked in. */
    public Optional<Signature> currentAcknowledgment(long districtId, long staffId) {
        return campaigns.assignmentsOf(districtId, staffId).stream().findFirst()
                .filter(a -> a.isSigned())
                .flatMap(a -> signing.find(districtId, a.signatureId()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
