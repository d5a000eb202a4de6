package org.steward.investigations;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.districts.DistrictTime;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffDirectory;

/**
 * Employees' reports: sent by anyone signed in (at a kiosk too, and while suspended pending acknowledgment), each
 * with a receipt; read and moved by investigators, who take a report into a new or an open case or close it without
 * one. The reporter reads only what they sent and where it stands, and is told by e-mail when it is received and when
 * it is closed. Another district's report, or another person's for a reporter, is not found.
 */
@Service
class Reports {

    /** A refusal a person can read: nothing was changed. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A file as the form sent it. */
    record Upload(String name, byte[] bytes) {
    }

    /** An attachment as kept: no bytes, for a page to list. */
    record Attachment(int position, String name, String type, long size, String sha256) {
    }

    /** A row of the investigators' list. */
    record Listed(long id, int number, Report.Kind kind, String reporter, Instant receivedAt, Report.Status status,
                  Integer caseNumber, int attachments) {
    }

    /** A file to hand over, with its stored type. */
    record Download(String name, String type, byte[] bytes) {
    }

    /** Those still to read first, the oldest first; or by number, kind or the newest. */
    static final SortColumns COLUMNS = SortColumns.of("list of reports", "r.id")
            .by("waiting", "(r.status <> 'RECEIVED')", "r.received_at")
            .byDescending("number")
            .byDescending("received", "r.received_at")
            .by("kind", "r.kind");

    private final ReportRecords reports;
    private final Cases cases;
    private final CaseAccess access;
    private final EvidenceLocker evidence;
    private final StaffDirectory staff;
    private final AccountDirectory accounts;
    private final Mailer mailer;
    private final AuditLog audit;
    private final DistrictTime time;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;

    Reports(ReportRecords reports, Cases cases, CaseAccess access, EvidenceLocker evidence, StaffDirectory staff,
            AccountDirectory accounts, Mailer mailer, AuditLog audit, DistrictTime time, JdbcClient jdbc, Clock clock,
            @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
        this.reports = reports;
        this.cases = cases;
        this.access = access;
        this.evidence = evidence;
        this.staff = staff;
        this.accounts = accounts;
        this.mailer = mailer;
        this.audit = audit;
        this.time = time;
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * Receives a report whole, its files judged by their bytes, or refuses it with every reason and keeps nothing.
     * The reporter is sent a receipt.
     */
    @Transactional
    Report send(StewardUser me, Report.Sent sent, List<Upload> uploads) {
        List<String> problems = new ArrayList<>(Report.problems(sent, time.today(me.districtId())));
        List<Upload> given = uploads.stream().filter(u -> u.bytes() != null && u.bytes().length > 0).toList();
        if (given.size() > Report.ATTACHMENTS_MAX) {
            problems.add("attach " + Report.ATTACHMENTS_MAX + " files at most, not " + given.size());
        }
        List<AcceptedFiles.Accepted> files = new ArrayList<>();
        for (Upload upload : given) {
            AcceptedFiles.Judged judged = AcceptedFiles.judge(upload.name(), upload.bytes());
            if (judged instanceof AcceptedFiles.Judged.Ok ok) {
                files.add(ok.file());
            } else {
                problems.add(((AcceptedFiles.Judged.Refused) judged).reason());
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused("Not sent: " + String.join("; ", problems) + ". Nothing was kept; correct it and send"
                    + " the report again.");
        }
        Report.Reporter by = reporter(me);
        jdbc.sql("select pg_advisory_xact_lock(4047, ?::int)").param((int) me.districtId()).query(Object.class)
                .list();
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from investigation_report where district_id = ?")
                .param(me.districtId()).query(Integer.class).single();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Report received = reports.save(Report.received(me.districtId(), number, sent, by, now,
                time.today(me.districtId())));
        for (int i = 0; i < files.size(); i++) {
            AcceptedFiles.Accepted file = files.get(i);
            jdbc.sql("""
                            insert into investigation_report_attachment (report_id, position, name, type, bytes, sha256)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(received.id(), i, file.name(), file.type(), file.bytes(), file.sha256()).update();
        }
        audit.record(me.districtId(), "REPORT_RECEIVED", "investigation_report", received.id(),
                "report %d (%s)%s received with %d attachment(s)".formatted(number, sent.kind().name(),
                        sent.confidential() ? ", confidential," : "", files.size()));
        if (by.email() != null) {
            mailer.send(new Mail(me.districtId(), by.email(), "Received: your report " + number, """
                    Dear %s,

                    Your report %d (%s) was received on %s. The district's investigators read every report; you will\
                     be told when it is closed.%s

                    Your receipt: %s/my/reports/%d
                    """.formatted(by.name(), number, sent.kind().title().toLowerCase(java.util.Locale.ROOT),
                    now.atZone(time.zone(me.districtId())).toLocalDate(),
                    sent.kind().advice().isEmpty() ? "" : "\n\n" + sent.kind().advice(), baseUrl, received.id())));
        }
        // the investigators are told at once, as a security problem asks (Clovis K.2); who sent it is on its page
        for (AccountDirectory.Addressee investigator : accounts.addresseesIn(me.districtId(),
                org.steward.accounts.Role.INVESTIGATOR)) {
            mailer.send(new Mail(me.districtId(), investigator.email(), "A report was received: " + sent.kind().title(),
                    """
                    Dear %s,

                    Report %d (%s) was received on %s. It waits to be read: %s/investigations/reports/%d
                    """.formatted(investigator.name(), number,
                            sent.kind().title().toLowerCase(java.util.Locale.ROOT),
                            now.atZone(time.zone(me.districtId())).toLocalDate(), baseUrl, received.id())));
        }
        return received;
    }

    /** The reports {@code me} sent, the newest first. */
    List<Report> mine(StewardUser me) {
        return reports.findByDistrictIdAndReporterAccountIdOrderByReceivedAtDesc(me.districtId(), me.accountId());
    }

    /** One report {@code me} sent; another's, or another district's, is not found. */
    Report mine(StewardUser me, long id) {
        return reports.findById(id).filter(r -> r.districtId() == me.districtId()
                        && r.reporterAccountId() == me.accountId())
                .orElseThrow(() -> notFound("You sent no report with that number."));
    }

    /** A page of the district's reports for its investigators: one count and one query. */
    @Transactional(readOnly = true)
    Paged<Listed> page(StewardUser me, Report.Status status, Paging paging) {
        investigator(me);
        String where = " where r.district_id = :district and (:status = '' or r.status = :status)";
        String statusName = status == null ? "" : status.name();
        return Paged.of(paging, () -> jdbc.sql("select count(*) from investigation_report r" + where)
                        .param("district", me.districtId()).param("status", statusName).query(Long.class).single(),
                page -> jdbc.sql("""
                                select r.id, r.number, r.kind, r.reporter_name, r.confidential, r.received_at,
                                       r.status, r.case_number,
                                       (select count(*) from investigation_report_attachment a
                                         where a.report_id = r.id) attachments
                                  from investigation_report r""" + where + page.orderBy()
                                + " offset :offset limit :limit")
                        .param("district", me.districtId()).param("status", statusName)
                        .param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> new Listed(rs.getLong("id"), rs.getInt("number"),
                                Report.Kind.valueOf(rs.getString("kind")), rs.getString("reporter_name"),
                                rs.getTimestamp("received_at").toInstant(),
                                Report.Status.valueOf(rs.getString("status")),
                                (Integer) rs.getObject("case_number"), rs.getInt("attachments")))
                        .list());
    }

    /** How many reports of the district wait for an investigator to read them. */
    long waiting(long districtId) {
        return jdbc.sql("select count(*) from investigation_report where district_id = ? and status = 'RECEIVED'")
                .param(districtId).query(Long.class).single();
    }

    /** A report of the district, for an investigator's page again after a refusal: already read, not audited again. */
    Report of(StewardUser me, long id) {
        investigator(me);
        return find(me, id);
    }

    /** A report of the district, for an investigator; reading it is audited. */
    @Transactional
    Report read(StewardUser me, long id) {
        Report report = of(me, id);
        audit.record(me.districtId(), "REPORT_VIEWED", "investigation_report", id,
                "report %d read by %s".formatted(report.number(), me.getUsername()));
        return report;
    }

    List<Attachment> attachments(long reportId) {
        return jdbc.sql("""
                        select position, name, type, length(bytes), sha256 from investigation_report_attachment
                         where report_id = ? order by position""")
                .param(reportId).query((rs, n) -> new Attachment(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5))).list();
    }

    /** An attachment's bytes for an investigator, with the reason they open it: audited. */
    @Transactional
    Download download(StewardUser me, long id, int position, String reason) {
        investigator(me);
        Report report = find(me, id);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new Refused("Say why you open the attachment: the reason is kept in the audit trail.");
        }
        Download file = jdbc.sql("""
                        select name, type, bytes from investigation_report_attachment
                         where report_id = ? and position = ?""")
                .params(report.id(), position).query((rs, n) -> new Download(rs.getString(1), rs.getString(2),
                        rs.getBytes(3))).optional()
                .orElseThrow(() -> notFound("Report " + report.number() + " has no such attachment."));
        audit.record(me.districtId(), "REPORT_ATTACHMENT_DOWNLOADED", "investigation_report", id, why,
                "attachment %d (%s) of report %d by %s".formatted(position, file.name(), report.number(),
                        me.getUsername()));
        return file;
    }

    /**
     * An investigator opens a new case from the report: the case takes it in as its source, and its attachments as
     * evidence, each with the SHA-256 it had on arrival. A report already taken or closed refuses (the report says
     * why), and the case opened for it is rolled back with it.
     */
    @Transactional
    Case openCase(StewardUser me, long id) {
        investigator(me);
        Report report = find(me, id);
        Case opened = cases.openFromReport(me, report.kind().title() + " (report " + report.number() + ")",
                source(me, report));
        take(me, report, opened.id());
        return opened;
    }

    /**
     * An investigator adds the report to an open case of the district, by its number: as a source, and its
     * attachments as evidence.
     */
    @Transactional
    Case addToCase(StewardUser me, long id, int caseNumber) {
        investigator(me);
        Report report = find(me, id);
        long caseId = jdbc.sql("select id from investigation_case where district_id = ? and number = ?")
                .params(me.districtId(), caseNumber).query(Long.class).optional()
                .orElseThrow(() -> new Refused("There is no case " + caseNumber + " in your district."));
        Case into = cases.takeIn(me, caseId, source(me, report));
        take(me, report, into.id());
        return into;
    }

    /** An investigator closes a report that calls for no investigation, saying why; the reporter is told it closed. */
    @Transactional
    Report closeWithoutCase(StewardUser me, long id, String note) {
        investigator(me);
        Report report = find(me, id);
        Report closed = change(me, report, "REPORT_CLOSED",
                r -> r.closeWithoutCase(note, me.displayName(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
        tellClosed(closed);
        return closed;
    }

    /** The reports of a case that closed close with it, or follow it into the case it was merged into. */
    @Transactional
    void caseEnded(long districtId, long caseId) {
        Case ended = cases.byId(districtId, caseId).orElse(null);
        if (ended == null || ended.status() == Case.Status.OPEN) {
            return;
        }
        Case carrying = ended.status() == Case.Status.MERGED ? cases.carriedOnBy(ended) : ended;
        for (Report report : reports.findByDistrictIdAndCaseIdAndStatus(districtId, caseId, Report.Status.IN_CASE)) {
            if (carrying != ended) {
                report.followMerge(carrying.id(), carrying.number());
                audit.record(districtId, "REPORT_MOVED", "investigation_report", report.id(),
                        "report %d follows case %d into case %d".formatted(report.number(), ended.number(),
                                carrying.number()));
            }
            if (carrying.status() == Case.Status.OPEN) {
                reports.save(report);
                continue;
            }
            report.closeWithCase(carrying.closedBy(), carrying.closedAt());
            Report closed = reports.save(report);
            audit.record(districtId, "REPORT_CLOSED", "investigation_report", report.id(),
                    "report %d closed with case %d".formatted(report.number(), carrying.number()));
            tellClosed(closed);
        }
    }

    private void take(StewardUser me, Report report, long caseId) {
        CaseAccess.CaseHeader into = access.check(me, caseId);
        change(me, report, "REPORT_TAKEN_INTO_CASE", r -> r.takeInto(into));
        for (Attachment a : attachments(report.id())) {
            byte[] bytes = jdbc.sql("select bytes from investigation_report_attachment where report_id = ? and"
                    + " position = ?").params(report.id(), a.position()).query(byte[].class).single();
            if (!AcceptedFiles.sha256(bytes).equals(a.sha256())) {
                throw new IllegalStateException("attachment " + a.position() + " of report " + report.number()
                        + " is not the file received");
            }
            evidence.addFromReport(me, caseId, report.number(), new AcceptedFiles.Accepted(a.name(), a.type(), bytes,
                    a.sha256()));
        }
    }

    /** How a case names its source: the reporter too, unless the report is confidential. */
    private Case.Source source(StewardUser me, Report report) {
        return new Case.Source(Case.SourceKind.REPORT, report.id(),
                report.label() + (report.confidential() ? " (confidential)" : ", from " + report.reporterName()),
                me.displayName(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private void tellClosed(Report report) {
        if (report.reporterEmail() == null) {
            return;
        }
        mailer.send(new Mail(report.districtId(), report.reporterEmail(), "Closed: your report " + report.number(),
                """
                Dear %s,

                Your report %d (%s) of %s is closed. Thank you for reporting it.
                """.formatted(report.reporterName(), report.number(),
                        report.kind().title().toLowerCase(java.util.Locale.ROOT),
                        report.receivedAt().atZone(time.zone(report.districtId())).toLocalDate())));
    }

    private Report change(StewardUser me, Report report, String action,
                          java.util.function.Function<Report, Report.Changed> how) {
        Report.Changed changed = how.apply(report);
        if (changed instanceof Report.Refused refused) {
            throw new Refused(refused.reason());
        }
        Report saved;
        try {
            saved = reports.save(report);
        } catch (OptimisticLockingFailureException e) {
            throw new Refused("Someone else moved report " + report.number() + " a moment ago; nothing of yours was"
                    + " recorded. The report shows where it stands now.");
        }
        audit.record(me.districtId(), action, "investigation_report", saved.id(),
                "%s by %s".formatted(((Report.Done) changed).what(), me.getUsername()));
        return saved;
    }

    private Report find(StewardUser me, long id) {
        return reports.findById(id).filter(r -> r.districtId() == me.districtId())
                .orElseThrow(() -> notFound("There is no such report in your district."));
    }

    private Report.Reporter reporter(StewardUser me) {
        String email = me.staffId() == null ? null : staff.find(me.districtId(), me.staffId())
                .map(m -> m.email()).filter(e -> e != null && !e.isBlank()).orElse(null);
        if (email == null) {
            email = accounts.emailOf(me.districtId(), me.accountId()).orElse(null);
        }
        return new Report.Reporter(me.accountId(), me.staffId(), me.displayName(), email);
    }

    private static void investigator(StewardUser me) {
        if (!me.mayInvestigate()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Reports are read by the district's"
                    + " investigators.");
        }
    }

    private static ResponseStatusException notFound(String why) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, why);
    }
}
