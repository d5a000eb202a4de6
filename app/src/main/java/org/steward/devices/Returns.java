package org.steward.devices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.districts.DistrictTime;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffSeparated;

/**
 * When employment ends, everything the person holds is to come back (Clovis R; Stanislaus 7.c): a checklist with a
 * due date, the devices still out on it until each is returned, and the supervisor told once when it is overdue.
 */
@Service
public class Returns {

    /** A separated employee's checklist: the devices still out are listed live from custody. */
    public record Checklist(long id, long staffId, String employee, String employeeId, LocalDate separatedOn,
                            LocalDate dueOn, String supervisor, String supervisorEmail, List<Device> stillOut,
                            boolean escalated) {

        public boolean overdue(LocalDate today) {
            return !stillOut.isEmpty() && today.isAfter(dueOn);
        }
    }

    private final DeviceSettings deviceSettings;
    private final DistrictTime time;
    private final JdbcClient jdbc;
    private final Custody custody;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Clock clock;
    private final String baseUrl;

    Returns(JdbcClient jdbc, Custody custody, Mailer mailer, AuditLog audit, Clock clock,
            @Value("${steward.base-url:http://localhost:8080}") String baseUrl, DistrictTime time,
            DeviceSettings deviceSettings) {
        this.deviceSettings = deviceSettings;
        this.time = time;
        this.jdbc = jdbc;
        this.custody = custody;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @ApplicationModuleListener
    void on(StaffSeparated separated) {
        open(separated.districtId(), separated.staffId(), separated.separatedOn());
    }

    /** Opens the return checklist of a separated employee; nothing when they hold nothing. */
    @Transactional
    public void open(long districtId, long staffId, LocalDate separatedOn) {
        List<Device> held = custody.heldBy(districtId, staffId);
        if (held.isEmpty()) {
            return;
        }
        LocalDate due = separatedOn.plusDays(deviceSettings.of(districtId).returnDays());
        int created = jdbc.sql("""
                        insert into device_return_checklist (district_id, staff_id, separated_on, due_on, created_at)
                        values (?, ?, ?, ?, ?) on conflict (staff_id) do nothing""")
                .params(districtId, staffId, separatedOn, due, Timestamp.from(clock.instant())).update();
        if (created == 1) {
            audit.record(districtId, "DEVICE_RETURNS_DUE", "staff", staffId, "%d devices due back by %s: %s"
                    .formatted(held.size(), due, held.stream().map(Device::assetTag).toList()));
        }
    }

    /** The checklists of the district, overdue first; those with everything back are left out unless asked. */
    public List<Checklist> checklists(long districtId, boolean includeComplete) {
        List<Checklist> all = withStillOut(districtId, jdbc.sql(SELECT + """
                          from device_return_checklist r join staff s on s.id = r.staff_id
                          left join staff sup on sup.id = s.supervisor_id
                         where r.district_id = ? order by r.due_on, s.last_name""")
                .param(districtId).query((rs, n) -> checklist(rs)).list());
        return all.stream().filter(c -> includeComplete || !c.stillOut().isEmpty()).toList();
    }

    /** What the list of returns due is asked for: a text in the employee's name or id, and only the overdue. */
    public record Filter(String text, boolean overdueOnly) {
    }

    /** The columns the returns due may be sorted by: the soonest due (or longest overdue) first. */
    public static final SortColumns COLUMNS = SortColumns.of("list of returns due", "r.id")
            .by("due", "r.due_on", "lower(s.last_name)", "lower(s.first_name)")
            .by("employee", "lower(s.last_name)", "lower(s.first_name)")
            .byDescending("separated", "r.separated_on")
            .by("supervisor", "lower(sup.last_name)", "lower(sup.first_name)");

    private static final String SELECT = """
            select r.id, r.staff_id, s.first_name || ' ' || s.last_name, s.employee_id, r.separated_on,
                   r.due_on, sup.first_name || ' ' || sup.last_name, sup.email, r.escalated_at is not null
            """;

    /** The checklists with a device still out, matching the filter. */
    private static final String DUE = """
              from device_return_checklist r join staff s on s.id = r.staff_id
              left join staff sup on sup.id = s.supervisor_id
             where r.district_id = :district
               and exists (select 1 from device_custody c join device d on d.id = c.device_id
                            where c.staff_id = r.staff_id and c.until_at is null and d.district_id = :district)
               and (:text = '' or lower(s.first_name || ' ' || s.last_name) like :text
                    or lower(s.employee_id) like :text)
               and (not :overdue or r.due_on < :today)
            """;

    /**
     * A page of the checklists with a device still out, with those devices: one count, one query for the page and
     * one for what its people still hold.
     */
    public Paged<Checklist> page(long districtId, Filter filter, Paging paging) {
        String text = filter.text() == null || filter.text().isBlank() ? "" : Like.containing(filter.text());
        LocalDate today = time.today(districtId);
        return Paged.of(paging, () -> jdbc.sql("select count(*)" + DUE).param("district", districtId)
                        .param("text", text).param("overdue", filter.overdueOnly()).param("today", today)
                        .query(Long.class).single(),
                page -> withStillOut(districtId, jdbc.sql(SELECT + DUE + page.orderBy() + " offset :offset limit :limit")
                        .param("district", districtId).param("text", text).param("overdue", filter.overdueOnly())
                        .param("today", today).param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> checklist(rs)).list()));
    }

    private static Checklist checklist(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Checklist(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8),
                List.of(), rs.getBoolean(9));
    }

    /** The checklists with the devices their people still hold, read at once for all of them. */
    private List<Checklist> withStillOut(long districtId, List<Checklist> checklists) {
        if (checklists.isEmpty()) {
            return checklists;
        }
        Map<Long, List<Device>> held = new HashMap<>();
        jdbc.sql("""
                        select c.staff_id as holder, d.* from device d
                          join device_custody c on c.device_id = d.id and c.until_at is null
                         where d.district_id = ? and c.staff_id = any(?) order by d.asset_tag""")
                .params(districtId, checklists.stream().map(Checklist::staffId).toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getLong("holder"), Inventory.device(rs))).list()
                .forEach(e -> held.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return checklists.stream().map(c -> new Checklist(c.id(), c.staffId(), c.employee(), c.employeeId(),
                c.separatedOn(), c.dueOn(), c.supervisor(), c.supervisorEmail(),
                held.getOrDefault(c.staffId(), List.of()), c.escalated())).toList();
    }

    @Scheduled(initialDelayString = "${steward.reminders.initial-delay:PT1M}",
            fixedDelayString = "${steward.reminders.every:PT15M}")
    void scheduled() {
        jdbc.sql("select distinct district_id from device_return_checklist where escalated_at is null")
                .query(Long.class).list().forEach(this::escalate);
    }

    /** Tells the supervisor, once, of each overdue checklist; the number of mails sent. */
    @Transactional
    public int escalate(long districtId) {
        LocalDate today = time.today(districtId);
        int sent = 0;
        for (Checklist c : checklists(districtId, false)) {
            if (!c.overdue(today) || c.escalated()) {
                continue;
            }
            jdbc.sql("update device_return_checklist set escalated_at = ? where id = ? and escalated_at is null")
                    .params(Timestamp.from(clock.instant()), c.id()).update();
            audit.record(districtId, "DEVICE_RETURNS_OVERDUE", "staff", c.staffId(),
                    "still out: " + c.stillOut().stream().map(Device::assetTag).toList());
            if (c.supervisorEmail() != null && !c.supervisorEmail().isBlank()) {
                mailer.send(new Mail(districtId, c.supervisorEmail(), "Devices not returned: " + c.employee(), """
                        Dear %s,

                        %s left on %s and was to return these district devices by %s:
                        %s

                        %s/devices/returns-due""".formatted(c.supervisor(), c.employee(), c.separatedOn(), c.dueOn(),
                        String.join("\n", c.stillOut().stream().map(d -> "  " + d.assetTag() + ", " + d.type().title()
                                + " " + d.model()).toList()), baseUrl)));
                sent++;
            }
        }
        return sent;
    }

    public LocalDate today(long districtId) {
        return time.today(districtId);
    }
}
