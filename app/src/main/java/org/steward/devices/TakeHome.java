package org.steward.devices;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.steward.districts.DistrictTime;
import org.steward.accounts.StewardUser;
import org.steward.approvals.ApprovalDecided;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;
import org.steward.approvals.Request;
import org.steward.database.Like;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * Taking a device home needs prior written permission (Stanislaus 9.c; model policy G.3). The possessor asks
 * through the approvals workflow (kind "equipment off site", decided by their supervisor with an end date). The
 * workflow tells this module of each decision ({@link ApprovalDecided}); it keeps each device's latest permission
 * for its possessor, so the devices out without a current one are a single query.
 */
@Service
public class TakeHome {

    /** A device taken home by its possessor, with the latest decided permission asked for it. */
    public record OffSite(long deviceId, String assetTag, String holder, long holderStaffId, long requestId,
                          Request.Status status, LocalDate until) {
    }

    /** The columns the devices out without permission may be sorted by: by asset tag first. */
    public static final SortColumns COLUMNS = SortColumns.of("list of devices off site", "t.device_id")
            .by("tag", "d.asset_tag")
            .by("possessor", "lower(st.last_name)", "lower(st.first_name)")
            .by("permission", "t.status", "t.until");

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
     * Whether a request's equipment field names the asset tag: as one of its words (split at spaces, commas,
     * semicolons and slashes), in any case. "L-100" is not "L-1" or "L-10".
     */
    static boolean names(String equipment, String assetTag) {
        return Arrays.stream(equipment.split("[\\s,;/]+")).anyMatch(word -> word.equalsIgnoreCase(assetTag));
    }

    /** A take-home permission was decided: it becomes the device's latest for its possessor. */
    @ApplicationModuleListener
    void on(ApprovalDecided decided) {
        if (decided.kind() == Kind.EQUIPMENT_OFF_SITE && decided.status() != Request.Status.PENDING) {
            approvals.find(decided.districtId(), decided.requestId()).ifPresent(this::keep);
        }
    }

    void keep(Request request) {
        String equipment = request.fields().getOrDefault("equipment", "");
        for (String word : equipment.split("[\\s,;/]+")) {
            inventory.findByTag(request.districtId(), word).filter(d -> names(equipment, d.assetTag()))
                    .ifPresent(device -> jdbc.sql("""
                                    insert into device_take_home (district_id, device_id, staff_id, request_id, status,
                                                                  until, decided_at)
                                    values (?, ?, ?, ?, ?, ?, ?)
                                    on conflict (device_id, staff_id) do update set request_id = excluded.request_id,
                                        status = excluded.status, until = excluded.until,
                                        decided_at = excluded.decided_at
                                     where excluded.decided_at >= device_take_home.decided_at""")
                            .params(request.districtId(), device.id(), request.requesterStaffId(), request.id(),
                                    request.status().name(), request.expiresOn(),
                                    Timestamp.from(request.decidedAt()))
                            .update());
        }
    }

    /**
     * Devices taken home without a current permission: their possessor's latest decided request for them was
     * denied, or its approval has ended.
     */
    public List<OffSite> withoutCurrentPermission(long districtId) {
        return statement(SELECT + OUT + COLUMNS.first(Paging.MAX_SIZE).orderBy(), districtId,
                time.today(districtId), "").query((rs, n) -> offSite(rs)).list();
    }

    /** A page of them, those whose asset tag or possessor's name has a text: one count and one query. */
    public Paged<OffSite> page(long districtId, String text, Paging paging) {
        LocalDate today = time.today(districtId);
        return Paged.of(paging, () -> statement("select count(*)" + OUT, districtId, today, text).query(Long.class)
                        .single(),
                page -> statement(SELECT + OUT + page.orderBy() + " offset :offset limit :limit", districtId, today,
                        text).param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> offSite(rs)).list());
    }

    private static final String SELECT = """
            select t.device_id, d.asset_tag, st.first_name || ' ' || st.last_name, t.staff_id, t.request_id,
                   t.status, t.until
            """;

    /** The devices whose possessor holds them under a denied or ended permission. */
    private static final String OUT = """
              from device_take_home t
              join device_custody c on c.device_id = t.device_id and c.until_at is null and c.staff_id = t.staff_id
              join device d on d.id = t.device_id
              join staff st on st.id = t.staff_id
             where t.district_id = :district and (t.status = 'DENIED' or t.until < :today)
               and (:text = '' or lower(d.asset_tag) like :text or lower(st.first_name || ' ' || st.last_name) like :text)
            """;

    private JdbcClient.StatementSpec statement(String sql, long districtId, LocalDate today, String text) {
        return jdbc.sql(sql).param("district", districtId).param("today", today)
                .param("text", text == null || text.isBlank() ? "" : Like.containing(text));
    }

    private static OffSite offSite(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OffSite(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                Request.Status.valueOf(rs.getString(6)), rs.getObject(7, LocalDate.class));
    }
}
