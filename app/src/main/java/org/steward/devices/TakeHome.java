package org.steward.devices;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.districts.DistrictTime;
import org.steward.accounts.StewardUser;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;
import org.steward.approvals.Request;

/**
 * Taking a device home needs prior written permission (Stanislaus 9.c; model policy G.3). The possessor asks
 * through the approvals workflow (kind "equipment off site", decided by their supervisor with an end date); this
 * module asks that workflow, through its API only, which devices are out without a current permission.
 */
@Service
public class TakeHome {

    /** A device taken home by its possessor, with the permission asked for it. */
    public record OffSite(Device device, String holder, long holderStaffId, Request request) {
    }

    private final DistrictTime time;
    private final Approvals approvals;
    private final Custody custody;
    private final Inventory inventory;
    private final JdbcClient jdbc;

    TakeHome(Approvals approvals, Custody custody, Inventory inventory, JdbcClient jdbc, DistrictTime time) {
        this.time = time;
        this.approvals = approvals;
        this.custody = custody;
        this.inventory = inventory;
        this.jdbc = jdbc;
    }

    /** The possessor asks to take a device home until a date. */
    public Request request(long districtId, long deviceId, StewardUser me, String reason, LocalDate until) {
        Device device = inventory.find(districtId, deviceId)
                .orElseThrow(() -> new Custody.Refused("There is no such device."));
        if (me.staffId() == null || custody.holder(deviceId).map(p -> !p.staffId().equals(me.staffId())).orElse(true)) {
            throw new Custody.Refused("Only the device's possessor can ask to take it home.");
        }
        try {
            return approvals.submit(districtId, me, Kind.EQUIPMENT_OFF_SITE, Map.of("equipment", device.assetTag(),
                    "until", until == null ? "" : until.toString(), "why", reason == null ? "" : reason));
        } catch (Approvals.Refused refused) {
            throw new Custody.Refused(refused.getMessage());
        }
    }

    /** A person's take-home requests, newest first. */
    public List<Request> of(long districtId, long staffId) {
        return approvals.of(districtId, staffId, Kind.EQUIPMENT_OFF_SITE);
    }

    /**
     * Devices taken home without a current permission: their possessor's latest request for them was denied, or
     * its approval has ended.
     */
    /**
     * Whether a request's equipment field names the asset tag: as one of its words (split at spaces, commas,
     * semicolons and slashes), in any case. "L-100" is not "L-1" or "L-10".
     */
    static boolean names(String equipment, String assetTag) {
        return java.util.Arrays.stream(equipment.split("[\\s,;/]+")).anyMatch(word -> word.equalsIgnoreCase(assetTag));
    }

    public List<OffSite> withoutCurrentPermission(long districtId) {
        LocalDate today = time.today(districtId);
        List<OffSite> out = new ArrayList<>();
        List<Long> holders = jdbc.sql("""
                        select distinct c.staff_id from device_custody c
                         where c.district_id = ? and c.until_at is null and c.staff_id is not null""")
                .param(districtId).query(Long.class).list();
        java.util.Set<Long> asked = approvals.requesters(districtId, Kind.EQUIPMENT_OFF_SITE);
        holders.retainAll(asked);
        for (long staffId : holders) {
            List<Request> requests = of(districtId, staffId);
            if (requests.isEmpty()) {
                continue;
            }
            for (Device device : custody.heldBy(districtId, staffId)) {
                Optional<Request> latest = requests.stream()
                        .filter(r -> names(r.fields().getOrDefault("equipment", ""), device.assetTag()))
                        .filter(r -> r.status() != Request.Status.PENDING).findFirst();
                if (latest.isPresent() && !latest.get().inForce(today)) {
                    out.add(new OffSite(device, custody.holder(device.id()).orElseThrow().holder(), staffId,
                            latest.get()));
                }
            }
        }
        return out;
    }
}
