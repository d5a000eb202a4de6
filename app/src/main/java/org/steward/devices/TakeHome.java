package org.steward.devices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.districts.Districts;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Taking a device home needs prior written permission (Stanislaus 9.c): the possessor asks, their supervisor
 * approves with an end date or denies. Devices taken home whose permission has ended, or was denied, are listed.
 */
@Service
public class TakeHome {

    public record Permission(long id, long deviceId, String assetTag, long staffId, String employee, String reason,
                             Instant requestedAt, String status, LocalDate untilOn, String decidedBy,
                             Instant decidedAt) {

        public boolean current(LocalDate today) {
            return "APPROVED".equals(status) && !untilOn.isBefore(today);
        }
    }

    private final JdbcClient jdbc;
    private final Custody custody;
    private final StaffDirectory staff;
    private final Districts districts;
    private final AuditLog audit;
    private final Clock clock;

    TakeHome(JdbcClient jdbc, Custody custody, StaffDirectory staff, Districts districts, AuditLog audit,
             Clock clock) {
        this.jdbc = jdbc;
        this.custody = custody;
        this.staff = staff;
        this.districts = districts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The possessor asks to take a device home. */
    @Transactional
    public Permission request(long districtId, long deviceId, long staffId, String reason) {
        if (custody.holder(deviceId).map(p -> p.staffId() != staffId).orElse(true)) {
            throw new Custody.Refused("Only the device's possessor can ask to take it home.");
        }
        if (reason == null || reason.isBlank()) {
            throw new Custody.Refused("Say why you need it at home.");
        }
        long id = jdbc.sql("""
                        insert into device_take_home (district_id, device_id, staff_id, reason, requested_at, status)
                        values (?, ?, ?, ?, ?, 'REQUESTED') returning id""")
                .params(districtId, deviceId, staffId, reason.strip(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(districtId, "DEVICE_TAKE_HOME_REQUESTED", "device_take_home", id, reason.strip());
        return find(districtId, id).orElseThrow();
    }

    /** The supervisor decides: approved until a date, or denied. {@code deciderStaffId} null for HR or admins. */
    @Transactional
    public Permission decide(long districtId, long permissionId, boolean approve, LocalDate until,
                             Long deciderStaffId, String by) {
        Permission permission = find(districtId, permissionId)
                .orElseThrow(() -> new Custody.Refused("There is no such request."));
        StaffMember member = staff.find(districtId, permission.staffId()).orElseThrow();
        if (deciderStaffId != null && !deciderStaffId.equals(member.supervisorId())) {
            throw new Custody.Refused("Only " + member.fullName() + "'s supervisor decides this request.");
        }
        if (!"REQUESTED".equals(permission.status())) {
            throw new Custody.Refused("This request was already " + permission.status().toLowerCase() + ".");
        }
        if (approve && (until == null || until.isBefore(today(districtId)))) {
            throw new Custody.Refused("An approval needs an end date, today or later.");
        }
        jdbc.sql("""
                        update device_take_home set status = ?, until_on = ?, decided_by = ?, decided_at = ?
                         where id = ? and status = 'REQUESTED'""")
                .params(approve ? "APPROVED" : "DENIED", approve ? until : null, by, Timestamp.from(clock.instant()),
                        permissionId)
                .update();
        audit.record(districtId, approve ? "DEVICE_TAKE_HOME_APPROVED" : "DEVICE_TAKE_HOME_DENIED",
                "device_take_home", permissionId, approve ? "until " + until : "");
        return find(districtId, permissionId).orElseThrow();
    }

    /** Requests waiting for this supervisor (all of the district's for HR and admins: {@code supervisor} null). */
    public List<Permission> waiting(long districtId, Long supervisorStaffId) {
        return jdbc.sql(SELECT + """
                         where t.district_id = ? and t.status = 'REQUESTED' and (? or s.supervisor_id = ?)
                         order by t.requested_at""")
                .params(districtId, supervisorStaffId == null, supervisorStaffId == null ? -1L : supervisorStaffId)
                .query((rs, n) -> permission(rs)).list();
    }

    public List<Permission> of(long districtId, long staffId) {
        return jdbc.sql(SELECT + " where t.district_id = ? and t.staff_id = ? order by t.requested_at desc")
                .params(districtId, staffId).query((rs, n) -> permission(rs)).list();
    }

    /**
     * Devices taken home without a current permission: the possessor's latest take-home request for the device
     * was denied, or its approval has ended, and they still hold it.
     */
    public List<Permission> withoutCurrentPermission(long districtId) {
        return jdbc.sql(SELECT + """
                         join device_custody c on c.device_id = t.device_id and c.until_at is null
                                               and c.staff_id = t.staff_id
                         where t.district_id = ?
                           and t.id = (select max(x.id) from device_take_home x
                                        where x.device_id = t.device_id and x.staff_id = t.staff_id)
                           and (t.status = 'DENIED' or (t.status = 'APPROVED' and t.until_on < ?))
                         order by t.until_on nulls first""")
                .params(districtId, today(districtId)).query((rs, n) -> permission(rs)).list();
    }

    public Optional<Permission> find(long districtId, long id) {
        return jdbc.sql(SELECT + " where t.district_id = ? and t.id = ?").params(districtId, id)
                .query((rs, n) -> permission(rs)).optional();
    }

    public LocalDate today(long districtId) {
        return LocalDate.now(clock.withZone(districts.findById(districtId).orElseThrow().zone()));
    }

    private static final String SELECT = """
            select t.id, t.device_id, d.asset_tag, t.staff_id, s.first_name || ' ' || s.last_name as employee,
                   t.reason, t.requested_at, t.status, t.until_on, t.decided_by, t.decided_at
              from device_take_home t join device d on d.id = t.device_id join staff s on s.id = t.staff_id
            """;

    private static Permission permission(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Permission(rs.getLong("id"), rs.getLong("device_id"), rs.getString("asset_tag"),
                rs.getLong("staff_id"), rs.getString("employee"), rs.getString("reason"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("status"),
                rs.getObject("until_on", LocalDate.class), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant());
    }
}
