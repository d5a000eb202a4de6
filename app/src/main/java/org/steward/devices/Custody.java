package org.steward.devices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.Signature;
import org.steward.acknowledgments.Signing;
import org.steward.audit.AuditLog;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Who possesses each device. A device always has exactly one possessor: the district, or the one employee it was
 * handed to (Oak Park statements 4 to 6; the database holds one open custody period per device). Devices go to an
 * employee in a hand-over they sign once, come back in a return whose condition is recorded, and can be
 * confiscated, after which the district is the possessor.
 */
@Service
public class Custody {

    /** Why a custody change was not made, in words for the person making it. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** One period of possession; {@code staffId} null means the district. */
    public record Period(long id, long deviceId, Long staffId, String holder, Instant from, Instant until,
                         String beganWith, String endedWith, String recordedBy, String note, Long handoverId) {
    }

    /** A hand-over: prepared by technology services, then signed once by the employee for all its devices. */
    public record Handover(long id, long districtId, long staffId, List<Long> deviceIds, String preparedBy,
                           Instant preparedAt, String status, List<String> statements, String typedName,
                           Instant signedAt, String policyTitle, Integer policyVersion, String policySha256) {

        public boolean awaitingSignature() {
            return "AWAITING_SIGNATURE".equals(status);
        }
    }

    /** What the district's hand-over asks the employee to acknowledge, and whether a current acknowledgment of the
     * acceptable-use policy is required first. */
    public record Settings(List<String> statements, boolean requireAcknowledgment, int returnDays, int patchDays) {

        public Settings(List<String> statements, boolean requireAcknowledgment) {
            this(statements, requireAcknowledgment, 3, 30);
        }
    }

    static final List<String> DEFAULT_STATEMENTS = List.of(
            "I am the authorized possessor of these District-owned devices, as CalECPA defines it, and only I may "
                    + "use them.",
            "I have no ownership or possessory right in them beyond that: the District may take them back at any "
                    + "time, and from then on I am not their possessor.",
            "I will keep them safe, report a loss or theft at once, and return them with everything that came "
                    + "with them when asked or when my employment ends.",
            "I may be financially responsible for a device that is lost, stolen or damaged through my negligence.");

    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final StaffDirectory staff;
    private final Campaigns campaigns;
    private final Signing signing;
    private final AuditLog audit;
    private final Clock clock;
    private final Mailer mailer;
    private final String baseUrl;

    Custody(JdbcClient jdbc, Inventory inventory, StaffDirectory staff, Campaigns campaigns, Signing signing,
            AuditLog audit, Clock clock, Mailer mailer,
            @org.springframework.beans.factory.annotation.Value("${steward.base-url:http://localhost:8080}")
            String baseUrl) {
        this.mailer = mailer;
        this.baseUrl = baseUrl;
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.staff = staff;
        this.campaigns = campaigns;
        this.signing = signing;
        this.audit = audit;
        this.clock = clock;
    }

    /** Prepares a hand-over of devices (by asset tag) to an employee, who then signs it from their own page. */
    public Handover prepareHandover(long districtId, long staffId, List<String> assetTags, String by) {
        return prepareHandover(districtId, staffId, assetTags, false, by);
    }

    /**
     * The same; with {@code transfer}, devices another employee possesses may be named too: they pass straight from
     * that employee to this one when this one signs (possession never lapses and is never shared).
     */
    @Transactional
    public Handover prepareHandover(long districtId, long staffId, List<String> assetTags, boolean transfer,
                                    String by) {
        StaffMember member = staff.find(districtId, staffId)
                .orElseThrow(() -> new Refused("There is no such employee."));
        if (!member.isActive()) {
            throw new Refused(member.fullName() + " is separated: nothing can be handed to them.");
        }
        List<String> tags = assetTags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        if (tags.isEmpty()) {
            throw new Refused("Name at least one device by its asset tag.");
        }
        List<String> problems = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String tag : tags) {
            Optional<Device> found = inventory.findByTag(districtId, tag);
            if (found.isEmpty()) {
                problems.add("no device has asset tag " + tag);
                continue;
            }
            Device device = found.get();
            Optional<Period> held = holder(device.id());
            if (held.isPresent() && held.get().staffId() == staffId) {
                problems.add(tag + " is already theirs");
            } else if (!transferable(device, held, transfer)) {
                problems.add(tag + " is not in stock (" + device.status().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ') + (held.isPresent() ? ", possessed by " + held.get().holder()
                        + "; a transfer can move it" : "") + ")");
            } else if (device.isUnencryptedStorage()) {
                problems.add(tag + " is portable storage that is not encrypted (Stanislaus 9.g): encrypt it and "
                        + "mark it encrypted first");
            } else if (awaitingSignature(device.id())) {
                problems.add(tag + " is already in a hand-over waiting for a signature");
            } else {
                ids.add(device.id());
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused("Nothing was prepared: " + String.join("; ", problems) + ".");
        }
        if (settings(districtId).requireAcknowledgment() && currentAcknowledgment(districtId, staffId).isEmpty()) {
            throw new Refused(member.fullName() + " has no current acknowledgment of the acceptable-use policy, "
                    + "which the district requires before a hand-over.");
        }
        long id = jdbc.sql("""
                        insert into device_handover (district_id, staff_id, device_ids, prepared_by, prepared_at,
                                                     status)
                        values (?, ?, ?, ?, ?, 'AWAITING_SIGNATURE') returning id""")
                .params(districtId, staffId, ids.stream().map(String::valueOf).collect(Collectors.joining(",")), by,
                        Timestamp.from(now()))
                .query(Long.class).single();
        audit.record(districtId, "DEVICE_HANDOVER_PREPARED", "device_handover", id,
                "to staff %s: %s".formatted(member.employeeId(), String.join(", ", tags)));
        if (member.email() != null && !member.email().isBlank()) {
            mailer.send(new Mail(districtId, member.email(), "Devices to sign for: " + String.join(", ", tags), """
                    Dear %s,

                    Technology services hands you %s. Please read what you acknowledge and sign for them on
                    your My devices page: %s/my-devices

                    Until you sign, the district remains their possessor.""".formatted(member.fullName(),
                    String.join(", ", tags), baseUrl)));
        }
        return handover(districtId, id).orElseThrow();
    }

    /**
     * The employee signs the hand-over: every statement ticked, their name as on the roster. From then on they are
     * the possessor of its devices. The record keeps the statements and agreement as shown and the version of the
     * acceptable-use policy they had acknowledged.
     */
    @Transactional
    public Handover signHandover(long districtId, long handoverId, long staffId, Set<Integer> ticked,
                                 String typedName, String ipAddress, String userAgent) {
        Handover handover = handover(districtId, handoverId).filter(h -> h.staffId() == staffId)
                .orElseThrow(() -> new Refused("There is no such hand-over for you."));
        if (!handover.awaitingSignature()) {
            throw new Refused("This hand-over was already " + handover.status().toLowerCase(Locale.ROOT) + ".");
        }
        List<String> statements = settings(districtId).statements();
        long missing = java.util.stream.IntStream.range(0, statements.size()).filter(i -> !ticked.contains(i))
                .count();
        if (missing > 0) {
            throw new Refused("Tick each statement to acknowledge it: " + missing + " of " + statements.size()
                    + (missing == 1 ? " is" : " are") + " not ticked.");
        }
        StaffMember member = staff.find(districtId, staffId).orElseThrow();
        if (!member.isNamed(typedName)) {
            throw new Refused("Type your full name as the district has it: " + member.fullName() + ".");
        }
        for (long deviceId : handover.deviceIds()) {
            Device device = inventory.find(districtId, deviceId).orElseThrow();
            Optional<Period> held = holder(deviceId);
            if (!transferable(device, held, true) || held.map(p -> p.staffId() == staffId).orElse(false)) {
                throw new Refused(device.assetTag() + " is no longer available; ask technology services to prepare "
                        + "the hand-over again.");
            }
        }
        Optional<Signature> acknowledgment = currentAcknowledgment(districtId, staffId);
        Instant at = now();
        String agreement = String.join("\n", statements);
        jdbc.sql("""
                        update device_handover set status = 'SIGNED', statements = ?, agreement = ?, typed_name = ?,
                               signed_at = ?, ip_address = ?, user_agent = ?, acknowledgment_id = ?, policy_title = ?,
                               policy_version = ?, policy_sha256 = ?
                         where id = ? and status = 'AWAITING_SIGNATURE'""")
                .params(String.join("\n", statements), agreement, typedName.strip().replaceAll("\\s+", " "),
                        Timestamp.from(at), ipAddress, userAgent == null ? "" : userAgent,
                        acknowledgment.map(Signature::id).orElse(null),
                        acknowledgment.map(Signature::policyTitle).orElse(null),
                        acknowledgment.map(Signature::policyVersion).orElse(null),
                        acknowledgment.map(Signature::policySha256).orElse(null), handoverId)
                .update();
        for (long deviceId : handover.deviceIds()) {
            move(districtId, deviceId, staffId, "HANDOVER", "HANDOVER", handoverId, member.fullName(), "");
            inventory.setStatus(deviceId, Device.Status.ASSIGNED);
        }
        audit.record(districtId, "DEVICE_HANDOVER_SIGNED", "device_handover", handoverId,
                "staff %s now possesses devices %s".formatted(member.employeeId(), handover.deviceIds()));
        return handover(districtId, handoverId).orElseThrow();
    }

    /** The device comes back to the district; its condition is recorded and the district signs the receipt. */
    @Transactional
    public long recordReturn(long districtId, long deviceId, String condition, String notes, String by) {
        Device device = inventory.find(districtId, deviceId).orElseThrow(() -> new Refused("There is no such device."));
        Period period = holder(deviceId).orElseThrow(() -> new Refused(device.assetTag()
                + " is in the district's hands: there is nothing to return."));
        String checked = condition == null ? "" : condition.strip().toUpperCase(Locale.ROOT);
        if (!Set.of("GOOD", "WORN", "DAMAGED", "MISSING_PARTS").contains(checked)) {
            throw new Refused("Record the condition: good, worn, damaged or missing parts.");
        }
        if (!checked.equals("GOOD") && (notes == null || notes.isBlank())) {
            throw new Refused("Say what is wrong with it: a device that is not in good condition needs notes.");
        }
        move(districtId, deviceId, null, "RETURN", "RETURN", null, by, notes == null ? "" : notes.strip());
        inventory.setStatus(deviceId, checked.equals("DAMAGED") || checked.equals("MISSING_PARTS")
                ? Device.Status.DAMAGED : Device.Status.IN_STOCK);
        long id = jdbc.sql("""
                        insert into device_return (district_id, device_id, staff_id, condition, notes, received_by,
                                                   received_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(districtId, deviceId, period.staffId(), checked, notes == null ? "" : notes.strip(), by,
                        Timestamp.from(now()))
                .query(Long.class).single();
        audit.record(districtId, "DEVICE_RETURNED", "device_return", id,
                "%s from staff %d, condition %s".formatted(device.assetTag(), period.staffId(), checked));
        return id;
    }

    /** The district takes the device back; the employee is no longer its possessor (Oak Park statement 6). */
    @Transactional
    public void confiscate(long districtId, long deviceId, String reason, String by) {
        Device device = inventory.find(districtId, deviceId).orElseThrow(() -> new Refused("There is no such device."));
        Period period = holder(deviceId).orElseThrow(() -> new Refused(device.assetTag()
                + " is already in the district's hands."));
        if (reason == null || reason.isBlank()) {
            throw new Refused("Give the reason for the confiscation: it is kept with the device's history.");
        }
        move(districtId, deviceId, null, "CONFISCATION", "CONFISCATION", null, by, reason.strip());
        inventory.setStatus(deviceId, Device.Status.CONFISCATED);
        audit.record(districtId, "DEVICE_CONFISCATED", "device", deviceId,
                "%s from staff %d: %s".formatted(device.assetTag(), period.staffId(), reason.strip()));
    }

    /** In stock with the district, or (for a transfer) in use by an employee. */
    private static boolean transferable(Device device, Optional<Period> held, boolean transfer) {
        if (device.status() == Device.Status.IN_STOCK && held.isEmpty()) {
            return true;
        }
        return transfer && device.status() == Device.Status.ASSIGNED && held.isPresent();
    }

    /** A lost or stolen device leaves the employee's possession: the district, its owner, is the possessor. */
    void lost(long districtId, long deviceId, String kind, String note) {
        move(districtId, deviceId, null, kind, kind, null, Inventory.actor(), note);
    }

    /** Ends the open period and begins the next: the one-possessor index makes any race fail, not double up. */
    private void move(long districtId, long deviceId, Long toStaff, String endedWith, String beganWith,
                      Long handoverId, String by, String note) {
        Timestamp at = Timestamp.from(now());
        jdbc.sql("update device_custody set until_at = ?, ended_with = ? where device_id = ? and until_at is null")
                .params(at, endedWith, deviceId).update();
        jdbc.sql("""
                        insert into device_custody (district_id, device_id, staff_id, from_at, began_with, handover_id,
                                                    recorded_by, note)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(districtId, deviceId, toStaff, at, beganWith, handoverId, by, note).update();
    }

    /** A return as its receipt shows it. */
    public record ReturnReceipt(long id, Device device, String employee, String employeeId, String condition,
                                String notes, String receivedBy, Instant receivedAt) {
    }

    public Optional<ReturnReceipt> returnReceipt(long districtId, long returnId) {
        return jdbc.sql("""
                        select r.id, r.device_id, s.first_name || ' ' || s.last_name, s.employee_id, r.condition,
                               r.notes, r.received_by, r.received_at
                          from device_return r join staff s on s.id = r.staff_id
                         where r.id = ? and r.district_id = ?""")
                .params(returnId, districtId)
                .query((rs, n) -> new ReturnReceipt(rs.getLong(1), inventory.find(districtId, rs.getLong(2))
                        .orElseThrow(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getTimestamp(8).toInstant()))
                .optional();
    }

    /** The employee possessing the device now, if it is not the district. */
    public Optional<Period> holder(long deviceId) {
        return jdbc.sql(PERIOD_SELECT + " where c.device_id = ? and c.until_at is null and c.staff_id is not null")
                .param(deviceId).query((rs, n) -> period(rs)).optional();
    }

    /** A period in which an employee possessed a device with a network (MAC) address. */
    public record MacHolding(String mac, long staffId, Instant from, Instant until) {
    }

    /**
     * Who possessed each device with a MAC address, when: attribution of network addresses to people (a DHCP lease
     * names the MAC; its possessor at the time is the person).
     */
    public List<MacHolding> macHoldings(long districtId) {
        return jdbc.sql("""
                        select d.mac_addresses, c.staff_id, c.from_at, c.until_at
                          from device_custody c join device d on d.id = c.device_id
                         where c.district_id = ? and c.staff_id is not null and d.mac_addresses <> ''""")
                .param(districtId)
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp(4);
                    long staffId = rs.getLong(2);
                    Instant from = rs.getTimestamp(3).toInstant();
                    return java.util.Arrays.stream(rs.getString(1).split(","))
                            .map(mac -> new MacHolding(mac.strip(), staffId, from,
                                    until == null ? null : until.toInstant())).toList();
                })
                .list().stream().flatMap(List::stream).toList();
    }

    /** Every period of possession of a device, newest first. */
    public List<Period> history(long districtId, long deviceId) {
        return jdbc.sql(PERIOD_SELECT + " where c.district_id = ? and c.device_id = ? order by c.from_at desc, c.id desc")
                .params(districtId, deviceId).query((rs, n) -> period(rs)).list();
    }

    /** The devices an employee possesses now. */
    public List<Device> heldBy(long districtId, long staffId) {
        return jdbc.sql("""
                        select d.* from device d join device_custody c on c.device_id = d.id and c.until_at is null
                         where d.district_id = ? and c.staff_id = ? order by d.asset_tag""")
                .params(districtId, staffId).query((rs, n) -> Inventory.device(rs)).list();
    }

    public List<Handover> handoversOf(long districtId, long staffId) {
        return jdbc.sql(HANDOVER_SELECT + " where district_id = ? and staff_id = ? order by prepared_at desc")
                .params(districtId, staffId).query((rs, n) -> handover(rs)).list();
    }

    public Optional<Handover> handover(long districtId, long handoverId) {
        return jdbc.sql(HANDOVER_SELECT + " where district_id = ? and id = ?").params(districtId, handoverId)
                .query((rs, n) -> handover(rs)).optional();
    }

    public Settings settings(long districtId) {
        return jdbc.sql("""
                        select statements, require_acknowledgment, return_days, patch_days from device_settings
                         where district_id = ?""")
                .param(districtId)
                .query((rs, n) -> new Settings(Arrays.asList(rs.getString(1).split("\n")), rs.getBoolean(2),
                        rs.getInt(3), rs.getInt(4)))
                .optional().orElse(new Settings(DEFAULT_STATEMENTS, true));
    }

    @Transactional
    public Settings save(long districtId, Settings settings) {
        List<String> kept = settings.statements().stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.replaceAll("\\s+", " ")).toList();
        if (kept.isEmpty()) {
            throw new Refused("A hand-over needs at least one statement.");
        }
        if (settings.returnDays() < 0 || settings.returnDays() > 60) {
            throw new Refused("Days to return devices after separation: from 0 to 60.");
        }
        if (settings.patchDays() < 1 || settings.patchDays() > 365) {
            throw new Refused("Days within which a device must have been patched: from 1 to 365.");
        }
        jdbc.sql("""
                        insert into device_settings (district_id, statements, require_acknowledgment, return_days,
                                                     patch_days)
                        values (?, ?, ?, ?, ?)
                        on conflict (district_id) do update set statements = excluded.statements,
                            require_acknowledgment = excluded.require_acknowledgment,
                            return_days = excluded.return_days, patch_days = excluded.patch_days""")
                .params(districtId, String.join("\n", kept), settings.requireAcknowledgment(), settings.returnDays(),
                        settings.patchDays()).update();
        audit.record(districtId, "DEVICE_SETTINGS_CHANGED", "device_settings", districtId,
                "require acknowledgment " + settings.requireAcknowledgment() + "; " + String.join(" | ", kept));
        return settings(districtId);
    }

    /** The acknowledgment of the acceptable-use policy from the latest campaign the employee was asked in. */
    public Optional<Signature> currentAcknowledgment(long districtId, long staffId) {
        return campaigns.assignmentsOf(districtId, staffId).stream().findFirst()
                .filter(a -> a.isSigned())
                .flatMap(a -> signing.find(districtId, a.signatureId()));
    }

    private boolean awaitingSignature(long deviceId) {
        return jdbc.sql("""
                        select count(*) from device_handover
                         where status = 'AWAITING_SIGNATURE' and ? = any(string_to_array(device_ids, ',')::bigint[])""")
                .param(deviceId).query(Long.class).single() > 0;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final String PERIOD_SELECT = """
            select c.id, c.device_id, c.staff_id, coalesce(s.first_name || ' ' || s.last_name, 'District') as holder,
                   c.from_at, c.until_at, c.began_with, c.ended_with, c.recorded_by, c.note, c.handover_id
              from device_custody c left join staff s on s.id = c.staff_id""";

    private static final String HANDOVER_SELECT = """
            select id, district_id, staff_id, device_ids, prepared_by, prepared_at, status, statements, typed_name,
                   signed_at, policy_title, policy_version, policy_sha256
              from device_handover""";

    private static Period period(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp until = rs.getTimestamp("until_at");
        return new Period(rs.getLong("id"), rs.getLong("device_id"), rs.getObject("staff_id", Long.class),
                rs.getString("holder"), rs.getTimestamp("from_at").toInstant(),
                until == null ? null : until.toInstant(), rs.getString("began_with"), rs.getString("ended_with"),
                rs.getString("recorded_by"), rs.getString("note"), rs.getObject("handover_id", Long.class));
    }

    private static Handover handover(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp signed = rs.getTimestamp("signed_at");
        String statements = rs.getString("statements");
        return new Handover(rs.getLong("id"), rs.getLong("district_id"), rs.getLong("staff_id"),
                Arrays.stream(rs.getString("device_ids").split(",")).map(Long::valueOf).toList(),
                rs.getString("prepared_by"), rs.getTimestamp("prepared_at").toInstant(), rs.getString("status"),
                statements == null ? List.of() : Arrays.asList(statements.split("\n")), rs.getString("typed_name"),
                signed == null ? null : signed.toInstant(), rs.getString("policy_title"),
                rs.getObject("policy_version", Integer.class), rs.getString("policy_sha256"));
    }
}
