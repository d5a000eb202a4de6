package org.steward.devices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * Inventory audits per site: staff at the site confirm by asset tag what is present; what is not confirmed is
 * flagged missing (Clovis K.7: documented equipment).
 */
@Service
public class DeviceAudits {

    public record Audit(long id, long siteId, String site, String openedBy, Instant openedAt, Instant closedAt,
                        int confirmed, int expected) {

        public boolean open() {
            return closedAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final AuditLog audit;
    private final Clock clock;

    DeviceAudits(JdbcClient jdbc, Inventory inventory, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Audit open(long districtId, long siteId, String by) {
        long id = jdbc.sql("""
                        insert into device_audit (district_id, site_id, opened_by, opened_at)
                        select ?, id, ?, ? from site where id = ? and district_id = ? returning id""")
                .params(districtId, by, Timestamp.from(clock.instant()), siteId, districtId)
                .query(Long.class).optional().orElseThrow(() -> new Custody.Refused("There is no such site."));
        audit.record(districtId, "DEVICE_AUDIT_OPENED", "device_audit", id, "site " + siteId);
        return find(districtId, id).orElseThrow();
    }

    /** Someone at the site confirms a device is present, by its asset tag. */
    @Transactional
    public Device confirm(long districtId, long auditId, String assetTag, String by) {
        Audit a = find(districtId, auditId).orElseThrow(() -> new Custody.Refused("There is no such audit."));
        if (!a.open()) {
            throw new Custody.Refused("This audit is closed.");
        }
        Device device = inventory.findByTag(districtId, assetTag == null ? "" : assetTag)
                .orElseThrow(() -> new Custody.Refused("No device has asset tag " + assetTag + "."));
        if (device.siteId() == null || device.siteId() != a.siteId()) {
            throw new Custody.Refused(device.assetTag() + " belongs to another site; tell technology services "
                    + "where it is.");
        }
        jdbc.sql("""
                        insert into device_audit_seen (audit_id, device_id, confirmed_by, confirmed_at)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(auditId, device.id(), by, Timestamp.from(clock.instant())).update();
        return device;
    }

    /** The site's devices that should be there and have not been confirmed. */
    public List<Inventory.Listing> missing(long districtId, long auditId) {
        Audit a = find(districtId, auditId).orElseThrow(() -> new Custody.Refused("There is no such audit."));
        java.util.Set<Long> seen = new java.util.HashSet<>(jdbc.sql(
                "select device_id from device_audit_seen where audit_id = ?").param(auditId).query(Long.class).list());
        return inventory.search(districtId, "", a.siteId(), null, null, 0, Integer.MAX_VALUE).stream()
                .filter(d -> d.status() == Device.Status.IN_STOCK || d.status() == Device.Status.ASSIGNED
                        || d.status() == Device.Status.DAMAGED)
                .filter(d -> !seen.contains(d.id()))
                .toList();
    }

    @Transactional
    public void close(long districtId, long auditId) {
        List<Inventory.Listing> missing = missing(districtId, auditId);
        jdbc.sql("update device_audit set closed_at = ? where id = ? and district_id = ? and closed_at is null")
                .params(Timestamp.from(clock.instant()), auditId, districtId).update();
        audit.record(districtId, "DEVICE_AUDIT_CLOSED", "device_audit", auditId,
                missing.size() + " missing: " + missing.stream().map(Inventory.Listing::assetTag).toList());
    }

    /** What the list of audits is asked for: a site, and open or closed ones; null means any. */
    public record Filter(Long siteId, Boolean open) {
    }

    /** The columns the audits may be sorted by: the latest opened first. */
    public static final SortColumns COLUMNS = SortColumns.of("list of audits", "a.id")
            .byDescending("opened", "a.opened_at")
            .by("site", "s.name", "a.opened_at")
            .byDescending("open", "(a.closed_at is null)", "a.opened_at");

    /** A page of the district's audits: one count and one query (each row counts its devices in it). */
    public Paged<Audit> page(long districtId, Filter filter, Paging paging) {
        String where = """
                 where a.district_id = :district and (:site = -1 or a.site_id = :site)
                   and (cast(:open as boolean) is null or (a.closed_at is null) = :open)
                """;
        long site = filter.siteId() == null ? -1L : filter.siteId();
        return Paged.of(paging, () -> jdbc.sql("select count(*) from device_audit a" + where)
                        .param("district", districtId).param("site", site).param("open", filter.open())
                        .query(Long.class).single(),
                page -> jdbc.sql(SELECT + where + page.orderBy() + " offset :offset limit :limit")
                        .param("district", districtId).param("site", site).param("open", filter.open())
                        .param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> audit(rs)).list());
    }

    public List<Audit> all(long districtId) {
        return jdbc.sql(SELECT + " where a.district_id = ? order by a.opened_at desc").param(districtId)
                .query((rs, n) -> audit(rs)).list();
    }

    public Optional<Audit> find(long districtId, long auditId) {
        return jdbc.sql(SELECT + " where a.district_id = ? and a.id = ?").params(districtId, auditId)
                .query((rs, n) -> audit(rs)).optional();
    }

    private static final String SELECT = """
            select a.id, a.site_id, s.name, a.opened_by, a.opened_at, a.closed_at,
                   (select count(*) from device_audit_seen x where x.audit_id = a.id) as confirmed,
                   (select count(*) from device d where d.site_id = a.site_id
                       and d.status in ('IN_STOCK', 'ASSIGNED', 'DAMAGED')) as expected
              from device_audit a join site s on s.id = a.site_id""";

    private static Audit audit(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Audit(rs.getLong("id"), rs.getLong("site_id"), rs.getString("name"), rs.getString("opened_by"),
                rs.getTimestamp("opened_at").toInstant(), closed == null ? null : closed.toInstant(),
                rs.getInt("confirmed"), rs.getInt("expected"));
    }
}
