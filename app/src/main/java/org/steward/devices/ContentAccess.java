package org.steward.devices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/**
 * Every time the district looks into a device's content, with its legal basis (CalECPA, Penal Code 1546.1): the
 * possessor's specific consent, a warrant, an emergency, the owner's consent for a device reported lost or stolen,
 * or finding the owner of a found device. Who, when and why are kept; the log is only added to.
 */
@Service
public class ContentAccess {

    public enum Basis {
        POSSESSOR_CONSENT("The possessor's specific consent"),
        WARRANT("A warrant"),
        EMERGENCY("An emergency involving danger of death or serious injury"),
        OWNER_CONSENT_LOST_STOLEN("The District's consent as owner of a device reported lost or stolen"),
        IDENTIFY_FOUND_DEVICE("Identifying the owner of a found device");

        private final String title;

        Basis(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public record Access(long id, long deviceId, Basis basis, String reference, String why, String accessedBy,
                         Instant accessedAt) {
    }

    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final Custody custody;
    private final AuditLog audit;
    private final Clock clock;

    ContentAccess(JdbcClient jdbc, Inventory inventory, Custody custody, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records an access; refused, recording nothing, when the basis does not fit the device or lacks its papers. */
    @Transactional
    public Access record(long districtId, long deviceId, Basis basis, String reference, String why, String by) {
        Device device = inventory.find(districtId, deviceId)
                .orElseThrow(() -> new Custody.Refused("There is no such device."));
        String ref = reference == null ? "" : reference.strip();
        if (basis == null) {
            throw new Custody.Refused("Choose the legal basis of the access.");
        }
        if (why == null || why.isBlank()) {
            throw new Custody.Refused("Say why the content is accessed: it is kept with the record.");
        }
        switch (basis) {
            case POSSESSOR_CONSENT -> {
                if (custody.holder(deviceId).isEmpty()) {
                    throw new Custody.Refused(device.assetTag() + " has no employee possessor whose consent could "
                            + "be the basis.");
                }
                if (ref.isEmpty()) {
                    throw new Custody.Refused("Name the possessor's written consent (where it is kept).");
                }
            }
            case WARRANT -> {
                if (ref.isEmpty()) {
                    throw new Custody.Refused("Give the warrant's number or reference.");
                }
            }
            case OWNER_CONSENT_LOST_STOLEN -> {
                if (device.status() != Device.Status.LOST && device.status() != Device.Status.STOLEN) {
                    throw new Custody.Refused(device.assetTag() + " is not reported lost or stolen ("
                            + device.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ").");
                }
            }
            default -> {
                // an emergency or a found device: the reason says it
            }
        }
        long id = jdbc.sql("""
                        insert into device_access (district_id, device_id, basis, reference, why, accessed_by,
                                                   accessed_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(districtId, deviceId, basis.name(), ref, why.strip(), by, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(districtId, "DEVICE_CONTENT_ACCESSED", "device_access", id,
                "%s, %s %s: %s".formatted(device.assetTag(), basis, ref, why.strip()));
        return log(districtId, deviceId).get(0);
    }

    /** The device's access log, newest first. */
    public List<Access> log(long districtId, long deviceId) {
        return jdbc.sql("""
                        select id, device_id, basis, reference, why, accessed_by, accessed_at from device_access
                         where district_id = ? and device_id = ? order by accessed_at desc, id desc""")
                .params(districtId, deviceId)
                .query((rs, n) -> new Access(rs.getLong(1), rs.getLong(2), Basis.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }
}
