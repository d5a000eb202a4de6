package org.steward.devices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/**
 * The custody ledger: who possesses each device. A device always has exactly one possessor: the district, or the
 * one employee it was handed to (Oak Park statements 4 to 6; the database holds one open custody period per
 * device). Devices go to an employee in a hand-over ({@link Handovers}), come back in a return whose condition is
 * recorded, and can be confiscated, after which the district is the possessor.
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

    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final AuditLog audit;
    private final Clock clock;

    Custody(JdbcClient jdbc, Inventory inventory, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.audit = audit;
        this.clock = clock;
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
    static boolean transferable(Device device, Optional<Period> held, boolean transfer) {
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
    void move(long districtId, long deviceId, Long toStaff, String endedWith, String beganWith,
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
                        select m.mac, c.staff_id, c.from_at, c.until_at
                          from device_custody c join device d on d.id = c.device_id
                               cross join unnest(d.mac_addresses) as m(mac)
                         where c.district_id = ? and c.staff_id is not null""")
                .param(districtId)
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp(4);
                    return new MacHolding(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                            until == null ? null : until.toInstant());
                })
                .list();
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final String PERIOD_SELECT = """
            select c.id, c.device_id, c.staff_id, coalesce(s.first_name || ' ' || s.last_name, 'District') as holder,
                   c.from_at, c.until_at, c.began_with, c.ended_with, c.recorded_by, c.note, c.handover_id
              from device_custody c left join staff s on s.id = c.staff_id""";

    private static Period period(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp until = rs.getTimestamp("until_at");
        return new Period(rs.getLong("id"), rs.getLong("device_id"), rs.getObject("staff_id", Long.class),
                rs.getString("holder"), rs.getTimestamp("from_at").toInstant(),
                until == null ? null : until.toInstant(), rs.getString("began_with"), rs.getString("ended_with"),
                rs.getString("recorded_by"), rs.getString("note"), rs.getObject("handover_id", Long.class));
    }
}
