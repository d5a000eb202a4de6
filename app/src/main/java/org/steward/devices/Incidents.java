package org.steward.devices;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.springframework.transaction.annotation.Transactional;
import org.steward.districts.DistrictTime;
import org.steward.audit.AuditLog;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Loss, theft and damage reports (Oak Park's Tech Equipment Loss Report Form; Stanislaus 17: report a loss at
 * once). The possessor reports from their own page; a theft needs the police report's number and the report itself.
 * Technology services assesses the cost and records the financial-responsibility decision (Clovis R) with who
 * decided. The employee is told each step by e-mail. A lost or stolen device leaves the employee's possession.
 */
@Service
public class Incidents {

    public enum Kind {
        LOSS, THEFT, DAMAGE
    }

    public enum Decision {
        CHARGE, WAIVE, INSURANCE
    }

    /** What the employee reports. */
    public record Report(Kind kind, String whatHappened, LocalDate happenedOn, String place,
                         String policeReportNumber, byte[] policeReport, String policeReportName,
                         String policeReportType) {
    }

    /** A report as kept, with the assessment once made. */
    public record Incident(long id, long deviceId, String assetTag, long staffId, String employee, Kind kind,
                           String whatHappened, LocalDate happenedOn, String place, String policeReportNumber,
                           String policeReportName, Instant reportedAt, BigDecimal assessedCost, Decision decision,
                           String decisionNote, String decidedBy, Instant decidedAt) {

        public boolean decided() {
            return decision != null;
        }
    }

    private static final long MAX_REPORT_BYTES = 10L * 1024 * 1024;
    private static final Set<String> REPORT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");

    private final DistrictTime time;
    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final Custody custody;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Clock clock;

    Incidents(JdbcClient jdbc, Inventory inventory, Custody custody, StaffDirectory staff, Mailer mailer,
              AuditLog audit, Clock clock, DistrictTime time) {
        this.time = time;
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.custody = custody;
        this.staff = staff;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
    }

    /** The possessor reports what happened to a device they hold; refused with every reason, recording nothing. */
    @Transactional
    public Incident report(long districtId, long deviceId, long staffId, Report report) {
        Device device = inventory.find(districtId, deviceId)
                .orElseThrow(() -> new Custody.Refused("There is no such device."));
        if (custody.holder(deviceId).map(p -> p.staffId() != staffId).orElse(true)) {
            throw new Custody.Refused("Only the possessor of " + device.assetTag() + " can report it.");
        }
        List<String> problems = new java.util.ArrayList<>();
        if (report.kind() == null) {
            problems.add("say whether it was lost, stolen or damaged");
        }
        if (report.whatHappened() == null || report.whatHappened().isBlank()) {
            problems.add("say what happened");
        }
        if (report.happenedOn() == null) {
            problems.add("give the date it happened");
        } else if (report.happenedOn().isAfter(time.today(districtId).plusDays(1))) {
            problems.add("the date it happened is in the future");
        }
        if (report.place() == null || report.place().isBlank()) {
            problems.add("say where it happened");
        }
        boolean hasFile = report.policeReport() != null && report.policeReport().length > 0;
        if (report.kind() == Kind.THEFT) {
            if (report.policeReportNumber() == null || report.policeReportNumber().isBlank()) {
                problems.add("a theft needs the police report's number");
            }
            if (!hasFile) {
                problems.add("a theft needs the police report attached");
            }
        }
        if (hasFile && report.policeReport().length > MAX_REPORT_BYTES) {
            problems.add("the police report is larger than 10 MB");
        }
        if (hasFile && !REPORT_TYPES.contains(String.valueOf(report.policeReportType()).toLowerCase(Locale.ROOT))) {
            problems.add("the police report must be a PDF, JPEG or PNG file");
        }
        if (!problems.isEmpty()) {
            throw new Custody.Refused("Not reported: " + String.join("; ", problems) + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = jdbc.sql("""
                        insert into device_incident (district_id, device_id, staff_id, kind, what_happened, happened_on,
                            place, police_report_number, police_report, police_report_name, police_report_type,
                            reported_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(districtId, deviceId, staffId, report.kind().name(), report.whatHappened().strip(),
                        report.happenedOn(), report.place().strip(), blankToNull(report.policeReportNumber()),
                        hasFile ? report.policeReport() : null, hasFile ? report.policeReportName() : null,
                        hasFile ? report.policeReportType() : null, Timestamp.from(now))
                .query(Long.class).single();
        if (report.kind() != Kind.DAMAGE) {
            custody.lost(districtId, deviceId, report.kind().name(), "incident " + id);
            inventory.setStatus(deviceId, report.kind() == Kind.THEFT ? Device.Status.STOLEN : Device.Status.LOST);
        }
        audit.record(districtId, "DEVICE_INCIDENT_REPORTED", "device_incident", id,
                "%s of %s by staff %d".formatted(report.kind(), device.assetTag(), staffId));
        StaffMember member = staff.find(districtId, staffId).orElseThrow();
        tell(districtId, member, "Received: your report of the " + report.kind().name().toLowerCase(Locale.ROOT)
                + " of " + device.assetTag(), """
                Dear %s,

                Technology services received your report (number %d) of the %s of %s on %s. They will assess it and
                tell you what was decided.""".formatted(member.fullName(), id,
                report.kind().name().toLowerCase(Locale.ROOT), device.assetTag(), report.happenedOn()));
        return find(districtId, id).orElseThrow();
    }

    /** Technology services assesses the cost and records who bears it. */
    @Transactional
    public Incident decide(long districtId, long incidentId, BigDecimal cost, Decision decision, String note,
                           String by) {
        Incident incident = find(districtId, incidentId)
                .orElseThrow(() -> new Custody.Refused("There is no such report."));
        if (incident.decided()) {
            throw new Custody.Refused("This report was decided on " + incident.decidedAt() + " by "
                    + incident.decidedBy() + ".");
        }
        if (cost == null || cost.signum() < 0) {
            throw new Custody.Refused("Give the assessed cost, 0 or more.");
        }
        if (decision == null) {
            throw new Custody.Refused("Choose who bears the cost: charge the employee, waive it, or insurance.");
        }
        if (decision == Decision.CHARGE && (note == null || note.isBlank())) {
            throw new Custody.Refused("Charging the employee needs the reason, kept with the decision.");
        }
        jdbc.sql("""
                        update device_incident set assessed_cost = ?, decision = ?, decision_note = ?, decided_by = ?,
                               decided_at = ?
                         where id = ? and district_id = ? and decision is null""")
                .params(cost, decision.name(), note == null ? "" : note.strip(), by,
                        Timestamp.from(clock.instant()), incidentId, districtId)
                .update();
        audit.record(districtId, "DEVICE_INCIDENT_DECIDED", "device_incident", incidentId,
                "cost %s, %s: %s".formatted(cost, decision, note == null ? "" : note.strip()));
        StaffMember member = staff.find(districtId, incident.staffId()).orElseThrow();
        tell(districtId, member, "Decided: your report of " + incident.assetTag(), """
                Dear %s,

                Technology services assessed your report (number %d) of the %s of %s: the cost is $%s, and it is %s.
                %s""".formatted(member.fullName(), incidentId, incident.kind().name().toLowerCase(Locale.ROOT),
                incident.assetTag(), cost.setScale(2, java.math.RoundingMode.HALF_UP), switch (decision) {
                    case CHARGE -> "charged to you";
                    case WAIVE -> "waived";
                    case INSURANCE -> "claimed from insurance";
                }, note == null ? "" : note.strip()));
        return find(districtId, incidentId).orElseThrow();
    }

    private void tell(long districtId, StaffMember member, String subject, String body) {
        if (member.email() != null && !member.email().isBlank()) {
            mailer.send(new Mail(districtId, member.email(), subject, body));
        }
    }

    /** The columns the reports may be sorted by: those still to assess first, newest first. */
    public static final SortColumns COLUMNS = SortColumns.of("list of reports", "i.id")
            .byDescending("waiting", "(i.decided_at is null)", "i.reported_at")
            .byDescending("number")
            .byDescending("reported", "i.reported_at")
            .by("device", "d.asset_tag")
            .by("employee", "lower(s.last_name)", "lower(s.first_name)")
            .by("kind", "i.kind");

    /** A page of the district's reports, of one kind or all: one count and one query. */
    public Paged<Incident> page(long districtId, Kind kind, Paging paging) {
        String where = " where i.district_id = :district and (:kind = '' or i.kind = :kind)";
        String kindName = kind == null ? "" : kind.name();
        return Paged.of(paging, () -> jdbc.sql("select count(*) from device_incident i" + where)
                        .param("district", districtId).param("kind", kindName).query(Long.class).single(),
                page -> jdbc.sql(SELECT + where + page.orderBy() + " offset :offset limit :limit")
                        .param("district", districtId).param("kind", kindName).param("offset", page.offset())
                        .param("limit", page.limit()).query((rs, n) -> incident(rs)).list());
    }

    public List<Incident> all(long districtId) {
        return jdbc.sql(SELECT + " where i.district_id = ? order by i.decided_at nulls first, i.reported_at desc")
                .param(districtId).query((rs, n) -> incident(rs)).list();
    }

    public List<Incident> of(long districtId, long staffId) {
        return jdbc.sql(SELECT + " where i.district_id = ? and i.staff_id = ? order by i.reported_at desc")
                .params(districtId, staffId).query((rs, n) -> incident(rs)).list();
    }

    public Optional<Incident> find(long districtId, long incidentId) {
        return jdbc.sql(SELECT + " where i.district_id = ? and i.id = ?").params(districtId, incidentId)
                .query((rs, n) -> incident(rs)).optional();
    }

    /** The attached police report: its bytes, name and type. */
    public Optional<Object[]> policeReport(long districtId, long incidentId) {
        return jdbc.sql("""
                        select police_report, police_report_name, police_report_type from device_incident
                         where district_id = ? and id = ? and police_report is not null""")
                .params(districtId, incidentId)
                .query((rs, n) -> new Object[] {rs.getBytes(1), rs.getString(2), rs.getString(3)}).optional();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static final String SELECT = """
            select i.id, i.device_id, d.asset_tag, i.staff_id, s.first_name || ' ' || s.last_name as employee, i.kind,
                   i.what_happened, i.happened_on, i.place, i.police_report_number, i.police_report_name,
                   i.reported_at, i.assessed_cost, i.decision, i.decision_note, i.decided_by, i.decided_at
              from device_incident i join device d on d.id = i.device_id join staff s on s.id = i.staff_id""";

    private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        String decision = rs.getString("decision");
        return new Incident(rs.getLong("id"), rs.getLong("device_id"), rs.getString("asset_tag"),
                rs.getLong("staff_id"), rs.getString("employee"), Kind.valueOf(rs.getString("kind")),
                rs.getString("what_happened"), rs.getObject("happened_on", LocalDate.class), rs.getString("place"),
                rs.getString("police_report_number"), rs.getString("police_report_name"),
                rs.getTimestamp("reported_at").toInstant(), rs.getBigDecimal("assessed_cost"),
                decision == null ? null : Decision.valueOf(decision), rs.getString("decision_note"),
                rs.getString("decided_by"), decided == null ? null : decided.toInstant());
    }
}
