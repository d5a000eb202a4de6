package org.steward.activity;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.devices.Custody;
import org.steward.devices.Device;
import org.steward.engine.usage.Leases;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Who held a network address when, for log lines that name no user: the district's DHCP leases, uploaded as CSV
 * ({@code address,person,mac,from,until}). A lease names the person, or the MAC address of a district device, whose
 * possessor at the time (from the device custody record) is then the person.
 */
@Service
public class AddressLeases {

    /** Why the leases were not replaced. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    record Lease(String address, String person, String mac, Instant from, Instant until) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Custody custody;
    private final StaffDirectory staff;

    AddressLeases(JdbcClient jdbc, AuditLog audit, Custody custody, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.custody = custody;
        this.staff = staff;
    }

    public int count(long districtId) {
        return jdbc.sql("select count(*) from activity_lease where district_id = ?").param(districtId)
                .query(Integer.class).single();
    }

    /** Replaces the district's leases with the file's, all or nothing: every wrong line is named. */
    @Transactional
    public int replace(long districtId, String csv, String fileName, String by) {
        List<Lease> leases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).get().parse(new StringReader(csv))) {
                long line = row.getRecordNumber() + 1;
                String address = row.isMapped("address") ? row.get("address") : "";
                String person = row.isMapped("person") && row.isSet("person") ? row.get("person") : "";
                String macText = row.isMapped("mac") && row.isSet("mac") ? row.get("mac") : "";
                String mac = macText.isEmpty() ? "" : Device.mac(macText).orElse(null);
                if (mac == null) {
                    problems.add("line " + line + ": MAC address '" + macText + "' is not like aa:bb:cc:dd:ee:ff");
                    continue;
                }
                if (address.isEmpty()) {
                    problems.add("line " + line + ": no address");
                    continue;
                }
                if (person.isEmpty() && mac.isEmpty()) {
                    problems.add("line " + line + ": neither a person nor a MAC address");
                    continue;
                }
                try {
                    Instant from = Instant.parse(row.get("from"));
                    String untilText = row.isMapped("until") && row.isSet("until") ? row.get("until") : "";
                    Instant until = untilText.isEmpty() ? null : Instant.parse(untilText);
                    if (until != null && !until.isAfter(from)) {
                        problems.add("line " + line + ": the lease ends before it starts");
                        continue;
                    }
                    leases.add(new Lease(address, person, mac, from, until));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    problems.add("line " + line + ": from and until must be instants like 2026-01-05T15:30:00Z");
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new Refused(fileName + " is not CSV with the header address,person,mac,from,until: "
                    + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new Refused(fileName + " was not loaded; " + problems.size() + " line(s) are wrong: "
                    + String.join("; ", problems.subList(0, Math.min(20, problems.size()))));
        }
        jdbc.sql("delete from activity_lease where district_id = ?").param(districtId).update();
        for (Lease lease : leases) {
            jdbc.sql("insert into activity_lease (district_id, address, person, mac, from_at, until_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(districtId, lease.address(), lease.person(), lease.mac(), Timestamp.from(lease.from()),
                            lease.until() == null ? null : Timestamp.from(lease.until()))
                    .update();
        }
        audit.record(districtId, "ADDRESS_LEASES_REPLACED", "activity_lease", districtId,
                leases.size() + " leases from " + fileName + " by " + by);
        return leases.size();
    }

    /** The engine's leases: named ones as they are, MAC ones through each device's possessors in the lease. */
    Leases of(long districtId) {
        List<Lease> leases = jdbc.sql("select address, person, mac, from_at, until_at from activity_lease "
                        + "where district_id = ?")
                .param(districtId)
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp(5);
                    return new Lease(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            until == null ? null : until.toInstant());
                })
                .list();
        if (leases.isEmpty()) {
            return Leases.NONE;
        }
        Map<String, List<Custody.MacHolding>> byMac = new HashMap<>();
        if (leases.stream().anyMatch(l -> !l.mac().isEmpty())) {
            // the inventory keeps MAC addresses as Device.mac writes them, and so do leases
            custody.macHoldings(districtId).forEach(h -> byMac.computeIfAbsent(h.mac(), m -> new ArrayList<>())
                    .add(h));
        }
        Map<Long, String> names = new HashMap<>();
        for (StaffMember member : staff.everyone(districtId)) {
            names.put(member.id(), People.personOf(member));
        }
        List<Leases.Lease> engine = new ArrayList<>();
        for (Lease lease : leases) {
            long from = lease.from().toEpochMilli();
            long until = lease.until() == null ? Long.MAX_VALUE : lease.until().toEpochMilli();
            if (!lease.person().isEmpty()) {
                engine.add(new Leases.Lease(lease.address(), lease.person(), from, until));
                continue;
            }
            for (Custody.MacHolding holding : byMac.getOrDefault(lease.mac(), List.of())) {
                long heldFrom = Math.max(from, holding.from().toEpochMilli());
                long heldUntil = Math.min(until, holding.until() == null ? Long.MAX_VALUE
                        : holding.until().toEpochMilli());
                if (heldFrom < heldUntil && names.containsKey(holding.staffId())) {
                    engine.add(new Leases.Lease(lease.address(), names.get(holding.staffId()), heldFrom, heldUntil));
                }
            }
        }
        return new Leases(engine);
    }
}
