package org.steward.investigations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An employee's report, the aggregate: what they saw, as they sent it, which never changes, and where it stands:
 * received, taken into a case, closed once (with the case, or by an investigator without one). The reporter is told
 * it was received and that it was closed, nothing more. A confidential report's reporter is known to investigators
 * alone. Its attachments are rows of their own, written once when it is sent.
 */
@Table("investigation_report")
class Report {

    /** What the policies ask employees to report, with the clause that asks it and what the reporter should do. */
    enum Kind {
        SECURITY("A possible security problem", "Clovis K.2 and M; Stanislaus 15",
                "Do not go looking for more, test it or show it to others: that may be taken for an attempt to gain"
                        + " access (Clovis K.2). Tell what you saw, and stop there."),
        STAFF_MISUSE("Misuse of district technology by an employee", "Clovis M; Stanislaus 15", ""),
        STUDENT_VIOLATION("A student's violation of the rules", "Employee Electronic Services",
                "If it is still going on, stop the activity as you would in class; then report it here."),
        ILLEGAL_CONTENT("Inappropriate or illegal content", "Oak Park 11",
                "Do not copy, forward or download the content: say where it is. If anyone is in danger, call 911"
                        + " first.");

        private final String title;
        private final String askedBy;
        private final String advice;

        Kind(String title, String askedBy, String advice) {
            this.title = title;
            this.askedBy = askedBy;
            this.advice = advice;
        }

        public String title() {
            return title;
        }

        public String askedBy() {
            return askedBy;
        }

        public String advice() {
            return advice;
        }

        /** The kind a form names, if it names one. */
        static Optional<Kind> named(String name) {
            for (Kind kind : values()) {
                if (kind.name().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    enum Status {
        RECEIVED("Received"), IN_CASE("Being looked into"), CLOSED("Closed");

        private final String title;

        Status(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The person sending it, as they are signed in. */
    record Reporter(long accountId, Long staffId, String name, String email) {
    }

    /** What the form said, before it is judged. */
    record Sent(Kind kind, String what, String place, LocalDate happenedOn, String happenedAt, boolean confidential) {
    }

    /** What a change came to: done, or refused with the reason, nothing changed. */
    sealed interface Changed permits Done, Refused {
    }

    record Done(String what) implements Changed {
    }

    record Refused(String reason) implements Changed {
    }

    static final int WHAT_MAX = 8000;
    static final int PLACE_MAX = 500;
    static final int WHEN_MAX = 100;
    static final int NOTE_MAX = 2000;
    static final int ATTACHMENTS_MAX = 5;

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final int number;
    private final Kind kind;
    private final String what;
    private final String place;
    private final LocalDate happenedOn;
    private final String happenedAt;
    private final boolean confidential;
    private final long reporterAccountId;
    private final Long reporterStaffId;
    private final String reporterName;
    private final String reporterEmail;
    private final Instant receivedAt;
    private Status status;
    private Long caseId;
    private Integer caseNumber;
    private String closedBy;
    private Instant closedAt;
    private String closingNote;

    @PersistenceCreator
    Report(Long id, Integer version, long districtId, int number, Kind kind, String what, String place,
           LocalDate happenedOn, String happenedAt, boolean confidential, long reporterAccountId,
           Long reporterStaffId, String reporterName, String reporterEmail, Instant receivedAt, Status status,
           Long caseId, Integer caseNumber, String closedBy, Instant closedAt, String closingNote) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.number = number;
        this.kind = kind;
        this.what = what;
        this.place = place;
        this.happenedOn = happenedOn;
        this.happenedAt = happenedAt;
        this.confidential = confidential;
        this.reporterAccountId = reporterAccountId;
        this.reporterStaffId = reporterStaffId;
        this.reporterName = reporterName;
        this.reporterEmail = reporterEmail;
        this.receivedAt = receivedAt;
        this.status = status;
        this.caseId = caseId;
        this.caseNumber = caseNumber;
        this.closedBy = closedBy;
        this.closedAt = closedAt;
        this.closingNote = closingNote;
    }

    /**
     * Every reason the form cannot be sent as it is, all at once: a report is sent whole or not at all. The day it
     * happened is a day of the district's calendar, not after {@code today}.
     */
    static List<String> problems(Sent sent, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (sent.kind() == null) {
            problems.add("say what kind of problem you are reporting");
        }
        String what = sent.what() == null ? "" : sent.what().strip();
        if (what.isEmpty()) {
            problems.add("say what you saw or what happened");
        } else if (what.length() > WHAT_MAX) {
            problems.add("what happened is " + what.length() + " characters; keep it to " + WHAT_MAX);
        }
        if (sent.place() != null && sent.place().strip().length() > PLACE_MAX) {
            problems.add("where it happened is over " + PLACE_MAX + " characters");
        }
        if (sent.happenedAt() != null && sent.happenedAt().strip().length() > WHEN_MAX) {
            problems.add("the time it happened is over " + WHEN_MAX + " characters");
        }
        if (sent.happenedOn() != null && sent.happenedOn().isAfter(today)) {
            problems.add("the day it happened (" + sent.happenedOn() + ") is after today");
        }
        return problems;
    }

    /** A report as received on {@code today}, the district's day; one with {@link #problems} is never received. */
    static Report received(long districtId, int number, Sent sent, Reporter by, Instant at, LocalDate today) {
        if (!problems(sent, today).isEmpty()) {
            throw new IllegalArgumentException("a report is judged before it is received: " + problems(sent, today));
        }
        return new Report(null, null, districtId, number, sent.kind(), sent.what().strip(), stripped(sent.place()),
                sent.happenedOn(), stripped(sent.happenedAt()), sent.confidential(), by.accountId(), by.staffId(),
                by.name(), by.email(), at, Status.RECEIVED, null, null, null, null, null);
    }

    /** Taken into an open case of the district, which then speaks for it until it closes. */
    Changed takeInto(CaseAccess.CaseHeader into) {
        if (status != Status.RECEIVED) {
            return new Refused("Report " + number + " is already " + (status == Status.CLOSED ? "closed"
                    : "in case " + caseNumber) + ".");
        }
        if (into.districtId() != districtId) {
            return new Refused("A report is taken only into a case of its district.");
        }
        if (!into.open()) {
            return new Refused("Case " + into.number() + " is no longer open.");
        }
        status = Status.IN_CASE;
        caseId = into.id();
        caseNumber = into.number();
        return new Done("report " + number + " taken into case " + into.number());
    }

    /** An investigator closes it without a case: nothing for an investigation, with the reason kept. */
    Changed closeWithoutCase(String note, String by, Instant at) {
        if (status != Status.RECEIVED) {
            return new Refused("Report " + number + " is " + (status == Status.CLOSED ? "already closed."
                    : "in case " + caseNumber + ", and closes with it."));
        }
        String why = note == null ? "" : note.strip();
        if (why.isEmpty()) {
            return new Refused("Say why the report is closed without a case: it is kept with the report.");
        }
        if (why.length() > NOTE_MAX) {
            return new Refused("The reason is " + why.length() + " characters; keep it to " + NOTE_MAX + ".");
        }
        status = Status.CLOSED;
        closedBy = by;
        closedAt = at;
        closingNote = why;
        return new Done("report " + number + " closed without a case");
    }

    /** The case it is in was merged into another: the other case speaks for it now. */
    Changed followMerge(long survivorId, int survivorNumber) {
        if (status != Status.IN_CASE) {
            return new Refused("Report " + number + " is not in a case.");
        }
        caseId = survivorId;
        caseNumber = survivorNumber;
        return new Done("report " + number + " follows into case " + survivorNumber);
    }

    /** The case it is in was closed: so is the report. */
    Changed closeWithCase(String by, Instant at) {
        if (status != Status.IN_CASE) {
            return new Refused("Report " + number + " is not in a case.");
        }
        status = Status.CLOSED;
        closedBy = by;
        closedAt = at;
        return new Done("report " + number + " closed with case " + caseNumber);
    }

    /** How the report is named where the reporter may not be: its number and kind only. */
    String label() {
        return "Report " + number + ": " + kind.title().toLowerCase(java.util.Locale.ROOT);
    }

    private static String stripped(String text) {
        return text == null ? "" : text.strip();
    }

    public Long id() {
        return id;
    }

    public long districtId() {
        return districtId;
    }

    public int number() {
        return number;
    }

    public Kind kind() {
        return kind;
    }

    public String what() {
        return what;
    }

    public String place() {
        return place;
    }

    public LocalDate happenedOn() {
        return happenedOn;
    }

    public String happenedAt() {
        return happenedAt;
    }

    public boolean confidential() {
        return confidential;
    }

    public long reporterAccountId() {
        return reporterAccountId;
    }

    public Long reporterStaffId() {
        return reporterStaffId;
    }

    public String reporterName() {
        return reporterName;
    }

    public String reporterEmail() {
        return reporterEmail;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Status status() {
        return status;
    }

    public Long caseId() {
        return caseId;
    }

    public Integer caseNumber() {
        return caseNumber;
    }

    public String closedBy() {
        return closedBy;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closingNote() {
        return closingNote;
    }
}
