package org.steward.devices;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.districts.Site;
import org.steward.districts.Sites;
import org.steward.holds.HeldKind;
import org.steward.holds.RecordHolds;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.steward.staff.ImportProblem;

/** The district's devices: import (all or nothing), search, and one device with its custody. */
@Service
public class Inventory {

    /** A device in the list, with its site and who holds it. */
    public record Listing(long id, String assetTag, String serialNumber, Device.Type type, String model,
                          String site, Device.Status status, String holder, Long holderStaffId, boolean managed,
                          boolean encrypted) {
    }

    private static final String DEVICE_COLUMNS = """
            id, district_id, asset_tag, serial_number, type, model, funding_source, purchase_date, purchase_cost,
            site_id, status, mac_addresses, managed, last_patched_on, encrypted""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Sites sites;
    private final AuditLog audit;
    private final Clock clock;

    private final RecordHolds holds;

    Inventory(JdbcClient jdbc, JdbcTemplate template, Sites sites, AuditLog audit, Clock clock, RecordHolds holds) {
        this.holds = holds;
        this.jdbc = jdbc;
        this.template = template;
        this.sites = sites;
        this.audit = audit;
        this.clock = clock;
    }

    /** Reads, checks and applies a device file, all or nothing: new devices start in the district's hands. */
    @Transactional
    public DeviceImport importFile(long districtId, String fileName, byte[] bytes) {
        DeviceFiles.Reading reading = DeviceFiles.read(fileName, bytes);
        if (reading.rows().isEmpty()) {
            return DeviceImport.refused(reading.format(), 0, reading.problems().isEmpty()
                    ? List.of(new ImportProblem(fileName, 0, "no devices in the file")) : reading.problems());
        }
        Map<String, Site> siteByKey = new HashMap<>();
        for (Site site : sites.findByDistrictIdOrderByName(districtId)) {
            siteByKey.put(site.code().toLowerCase(Locale.ROOT), site);
            siteByKey.put(site.name().toLowerCase(Locale.ROOT), site);
        }
        List<ImportProblem> problems = new ArrayList<>(reading.problems());
        Map<String, DeviceRow> byTag = new HashMap<>();
        for (DeviceRow row : reading.rows()) {
            DeviceRow earlier = row.assetTag().isEmpty() ? null
                    : byTag.putIfAbsent(row.assetTag().toLowerCase(Locale.ROOT), row);
            if (earlier != null) {
                problems.add(new ImportProblem(row.file(), row.line(), "asset tag " + row.assetTag()
                        + " is also on line " + earlier.line()));
            }
            if (!row.site().isEmpty() && !siteByKey.containsKey(row.site().toLowerCase(Locale.ROOT))) {
                problems.add(new ImportProblem(row.file(), row.line(), "unknown site '" + row.site() + "'"));
            }
        }
        Map<String, Device> existing = new HashMap<>();
        jdbc.sql("select " + DEVICE_COLUMNS + " from device where district_id = ?").param(districtId)
                .query((rs, n) -> device(rs)).list()
                .forEach(d -> existing.put(d.assetTag().toLowerCase(Locale.ROOT), d));
        problems.addAll(held(districtId, reading, existing, siteByKey));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(ImportProblem::file).thenComparingLong(ImportProblem::line));
            return DeviceImport.refused(reading.format(), reading.rows().size(), problems);
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        int unchanged = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (DeviceRow row : reading.rows()) {
            Site site = row.site().isEmpty() ? null : siteByKey.get(row.site().toLowerCase(Locale.ROOT));
            Long siteId = site == null ? null : site.id();
            Device before = existing.get(row.assetTag().toLowerCase(Locale.ROOT));
            String[] macs = row.macAddresses().toArray(String[]::new);
            if (before == null) {
                inserts.add(new Object[] {districtId, row.assetTag(), row.serialNumber(), row.type().name(),
                        row.model(), row.fundingSource(), sqlDate(row.purchaseDate()), row.purchaseCost(), siteId,
                        row.status().name(), macs, row.managed(), sqlDate(row.lastPatchedOn()), row.encrypted(), now});
            } else if (same(before, row, siteId)) {
                unchanged++;
            } else {
                updates.add(new Object[] {row.serialNumber(), row.type().name(), row.model(), row.fundingSource(),
                        sqlDate(row.purchaseDate()), row.purchaseCost(), siteId, macs, row.managed(),
                        sqlDate(row.lastPatchedOn()), row.encrypted(), before.id()});
            }
        }
        template.batchUpdate("""
                insert into device (district_id, asset_tag, serial_number, type, model, funding_source,
                                    purchase_date, purchase_cost, site_id, status, mac_addresses, managed,
                                    last_patched_on, encrypted, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        template.batchUpdate("""
                update device set serial_number = ?, type = ?, model = ?, funding_source = ?, purchase_date = ?,
                                  purchase_cost = ?, site_id = ?, mac_addresses = ?, managed = ?,
                                  last_patched_on = ?, encrypted = ?
                 where id = ?""", updates);
        // a new device is in the district's hands until it is handed over
        jdbc.sql("""
                insert into device_custody (district_id, device_id, staff_id, from_at, began_with, recorded_by)
                select d.district_id, d.id, null, ?, 'INVENTORY', ?
                  from device d
                 where d.district_id = ?
                   and not exists (select 1 from device_custody c where c.device_id = d.id)""")
                .params(now, actor(), districtId).update();
        audit.record(districtId, "DEVICES_IMPORTED", "device_import", fileName,
                "%s: %d rows, %d created, %d updated, %d unchanged".formatted(reading.format(),
                        reading.rows().size(), inserts.size(), updates.size(), unchanged));
        return new DeviceImport(reading.format(), reading.rows().size(), inserts.size(), updates.size(), unchanged,
                List.of());
    }

    /** The rows that would rewrite a device an open case keeps: the import is refused, naming the case. */
    private List<ImportProblem> held(long districtId, DeviceFiles.Reading reading, Map<String, Device> existing,
                                     Map<String, Site> siteByKey) {
        Map<Long, DeviceRow> changing = new HashMap<>();
        for (DeviceRow row : reading.rows()) {
            Device before = existing.get(row.assetTag().toLowerCase(Locale.ROOT));
            if (before != null) {
                changing.put(before.id(), row);
            }
        }
        List<ImportProblem> problems = new ArrayList<>();
        holds.heldAmong(HeldKind.DEVICE, districtId, changing.keySet()).forEach((deviceId, hold) -> {
            DeviceRow row = changing.get(deviceId);
            Device before = existing.get(row.assetTag().toLowerCase(Locale.ROOT));
            Site site = row.site().isEmpty() ? null : siteByKey.get(row.site().toLowerCase(Locale.ROOT));
            if (!same(before, row, site == null ? null : site.id())) {
                problems.add(new ImportProblem(row.file(), row.line(), "device " + row.assetTag() + " is "
                        + hold.reason() + ": it stays as it is until the case is closed"));
            }
        });
        return problems;
    }

    private static boolean same(Device d, DeviceRow r, Long siteId) {
        return d.serialNumber().equals(r.serialNumber()) && d.type() == r.type() && d.model().equals(r.model())
                && d.fundingSource().equals(r.fundingSource()) && Objects.equals(d.purchaseDate(), r.purchaseDate())
                && (d.purchaseCost() == null ? r.purchaseCost() == null
                : r.purchaseCost() != null && d.purchaseCost().compareTo(r.purchaseCost()) == 0)
                && Objects.equals(d.siteId(), siteId) && d.macAddresses().equals(r.macAddresses())
                && d.managed() == r.managed() && Objects.equals(d.lastPatchedOn(), r.lastPatchedOn())
                && d.encrypted() == r.encrypted();
    }

    /** A page of the district's devices matching the filters, by asset tag (docs/benchmarks.md measures it). */
    public List<Listing> search(long districtId, String text, Long siteId, Device.Type type, Device.Status status,
                                int offset, int limit) {
        Filter filter = new Filter(text, siteId, type, status);
        return jdbc.sql(LISTING + from(filter) + COLUMNS.first(limit).orderBy() + " offset :offset limit :limit")
                .paramSource(params(districtId, filter).addValue("offset", offset).addValue("limit", limit))
                .query((rs, n) -> listing(rs)).list();
    }

    /** What the device list is asked for; blank or null means any. */
    public record Filter(String text, Long siteId, Device.Type type, Device.Status status) {
    }

    /** The columns the device list may be sorted by: by asset tag first. */
    public static final SortColumns COLUMNS = SortColumns.of("device list", "d.id")
            .by("tag", "d.asset_tag")
            .by("type", "d.type")
            .by("model", "lower(d.model)")
            .by("site", "s.name")
            .by("status", "d.status")
            .by("possessor", "lower(st.last_name)", "lower(st.first_name)");

    private static final String LISTING = """
            select d.id, d.asset_tag, d.serial_number, d.type, d.model, coalesce(s.name, ''), d.status,
                   coalesce(st.first_name || ' ' || st.last_name, 'District'), st.id, d.managed, d.encrypted
            """;

    /**
     * A page of the district's devices matching the filters, with how many match: one count and one query. A text
     * matches the asset tag, serial number, model or the possessor's name; the devices and the people are searched
     * apart and then joined, so a search of 60,000 devices stays quick (docs/benchmarks.md).
     */
    public Paged<Listing> page(long districtId, Filter filter, Paging paging) {
        return Paged.of(paging, () -> jdbc.sql("select count(*) " + from(filter))
                        .paramSource(params(districtId, filter)).query(Long.class).single(),
                page -> jdbc.sql(LISTING + from(filter) + page.orderBy() + " offset :offset limit :limit")
                        .paramSource(params(districtId, filter).addValue("offset", page.offset())
                                .addValue("limit", page.limit()))
                        .query((rs, n) -> listing(rs)).list());
    }

    private static String from(Filter filter) {
        String matching = blank(filter.text()) ? "" : """
                join (select d.id from device d
                       where d.district_id = :district
                         and (lower(d.asset_tag) like :text or lower(d.serial_number) like :text
                              or lower(d.model) like :text)
                      union
                      select c.device_id from staff p
                        join device_custody c on c.staff_id = p.id and c.until_at is null
                       where p.district_id = :district and lower(p.first_name || ' ' || p.last_name) like :text
                     ) m on m.id = d.id
                """;
        return """
                  from device d
                %s
                  left join site s on s.id = d.site_id
                  left join device_custody c on c.device_id = d.id and c.until_at is null
                  left join staff st on st.id = c.staff_id
                 where d.district_id = :district
                   and (:site = -1 or d.site_id = :site)
                   and (:type = '' or d.type = :type)
                   and (:status = '' or d.status = :status)
                """.formatted(matching);
    }

    private static MapSqlParameterSource params(long districtId, Filter filter) {
        return new MapSqlParameterSource().addValue("district", districtId)
                .addValue("site", filter.siteId() == null ? -1L : filter.siteId())
                .addValue("type", filter.type() == null ? "" : filter.type().name())
                .addValue("status", filter.status() == null ? "" : filter.status().name())
                .addValue("text", blank(filter.text()) ? "" : Like.containing(filter.text()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Computers that must not be connected (Clovis K.8): not under the district's device management, or not patched
     * within {@code patchDays} of {@code today}; in use or in stock, with who holds them.
     */
    public List<Listing> unsafe(long districtId, int patchDays, LocalDate today) {
        return jdbc.sql("""
                        select d.id, d.asset_tag, d.serial_number, d.type, d.model, coalesce(s.name, ''), d.status,
                               coalesce(st.first_name || ' ' || st.last_name, 'District'), st.id, d.managed,
                               d.encrypted
                          from device d
                          left join site s on s.id = d.site_id
                          left join device_custody c on c.device_id = d.id and c.until_at is null
                          left join staff st on st.id = c.staff_id
                         where d.district_id = ? and d.status in ('IN_STOCK', 'ASSIGNED')
                           and d.type in ('LAPTOP', 'DESKTOP', 'TABLET', 'PHONE')
                           and (not d.managed or d.last_patched_on is null or d.last_patched_on < ?)
                         order by st.id is null, d.asset_tag""")
                .params(districtId, today.minusDays(patchDays))
                .query((rs, n) -> listing(rs))
                .list();
    }

    /** The columns the unsafe devices may be sorted by: those in someone's hands first, by their name. */
    public static final SortColumns UNSAFE = SortColumns.of("list of unsafe devices", "d.id")
            .by("possessor", "(st.id is null)", "lower(st.last_name)", "lower(st.first_name)", "d.asset_tag")
            .by("tag", "d.asset_tag")
            .by("type", "d.type")
            .by("model", "lower(d.model)")
            .by("site", "s.name")
            .by("managed", "d.managed", "d.last_patched_on");

    /**
     * A page of the unsafe devices ({@link #unsafe}) whose asset tag, serial, model or possessor has a text, at a
     * site or any: one count and one query.
     */
    public Paged<Listing> unsafePage(long districtId, int patchDays, LocalDate today, String text, Long siteId,
                                     Paging paging) {
        Filter filter = new Filter(text, siteId, null, null);
        String where = from(filter) + """
                   and d.status in ('IN_STOCK', 'ASSIGNED') and d.type in ('LAPTOP', 'DESKTOP', 'TABLET', 'PHONE')
                   and (not d.managed or d.last_patched_on is null or d.last_patched_on < :patched)
                """;
        MapSqlParameterSource params = params(districtId, filter).addValue("patched", today.minusDays(patchDays));
        return Paged.of(paging, () -> jdbc.sql("select count(*) " + where).paramSource(params).query(Long.class)
                        .single(),
                page -> jdbc.sql(LISTING + where + page.orderBy() + " offset :offset limit :limit")
                        .paramSource(params.addValue("offset", page.offset()).addValue("limit", page.limit()))
                        .query((rs, n) -> listing(rs)).list());
    }

    public long count(long districtId) {
        return jdbc.sql("select count(*) from device where district_id = ?").param(districtId)
                .query(Long.class).single();
    }

    public Optional<Device> find(long districtId, long deviceId) {
        return jdbc.sql("select " + DEVICE_COLUMNS + " from device where id = ? and district_id = ?")
                .params(deviceId, districtId).query((rs, n) -> device(rs)).optional();
    }

    public Optional<Device> findByTag(long districtId, String assetTag) {
        return jdbc.sql("select " + DEVICE_COLUMNS + " from device where district_id = ? and lower(asset_tag) = ?")
                .params(districtId, assetTag.strip().toLowerCase(Locale.ROOT)).query((rs, n) -> device(rs))
                .optional();
    }

    void setStatus(long deviceId, Device.Status status) {
        jdbc.sql("update device set status = ? where id = ?").params(status.name(), deviceId).update();
    }

    private static Listing listing(ResultSet rs) throws SQLException {
        return new Listing(rs.getLong(1), rs.getString(2), rs.getString(3), Device.Type.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), Device.Status.valueOf(rs.getString(7)), rs.getString(8),
                rs.getObject(9, Long.class), rs.getBoolean(10), rs.getBoolean(11));
    }

    static Device device(ResultSet rs) throws SQLException {
        return new Device(rs.getLong("id"), rs.getLong("district_id"), rs.getString("asset_tag"),
                rs.getString("serial_number"), Device.Type.valueOf(rs.getString("type")), rs.getString("model"),
                rs.getString("funding_source"), rs.getObject("purchase_date", LocalDate.class),
                rs.getBigDecimal("purchase_cost"), rs.getObject("site_id", Long.class),
                Device.Status.valueOf(rs.getString("status")),
                List.of((String[]) rs.getArray("mac_addresses").getArray()), rs.getBoolean("managed"),
                rs.getObject("last_patched_on", LocalDate.class), rs.getBoolean("encrypted"));
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    static String actor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
