package org.steward.investigations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;
import org.steward.activity.PrivacyGuard;

/**
 * One item of a case's evidence: a record of Steward's own drawn by reference (its kind and id) with the snapshot of
 * it taken when it was added, or a file uploaded with its bytes; either with the SHA-256 of what is kept. An item is
 * its own aggregate, never loaded with its case (a case may have thousands), and never changes once added: it has no
 * version and no method that changes it, and the database refuses to update or delete it.
 */
@Table("investigation_evidence")
record EvidenceItem(@Id Long id, long districtId, long caseId, Kind kind, Long refId, String description,
                    String reason, LocalDate periodFrom, LocalDate periodTo, String snapshot, String fileName,
                    String fileType, byte[] fileBytes, String sha256, String addedBy, Instant addedAt) {

    /** The longest period of a person's internet use one item keeps. */
    static final int MAX_USAGE_DAYS = 366;

    /** The longest description kept (the schema's bound): a long device model or log user name is cut, not refused. */
    static final int DESCRIPTION_MAX = 500;

    /** The earliest day of internet use a case asks for: Steward keeps none older. */
    static final LocalDate FIRST_USAGE_DAY = LocalDate.of(2000, 1, 1);

    EvidenceItem {
        if (description != null && description.length() > DESCRIPTION_MAX) {
            description = description.substring(0, DESCRIPTION_MAX - 1) + "\u2026";
        }
    }

    enum Kind {
        FINDING("Finding"), USAGE("Internet use"), DEVICE("Device custody and content access"),
        APPROVAL("Prior approval"), ACKNOWLEDGMENT("Signed acknowledgment"), FILE("Uploaded file");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** What came of adding an item: the item, or why not (nothing was added). */
    sealed interface Adding permits Adding.Added, Adding.Refused {

        record Added(EvidenceItem item) implements Adding {
        }

        record Refused(String reason) implements Adding {
        }
    }

    /** A record drawn by reference, with its snapshot (canonical JSON) and the snapshot's SHA-256. */
    static Adding drawn(CaseAccess.CaseHeader into, Kind kind, long refId, String description, String snapshot,
                        String by, Instant at) {
        if (kind == Kind.FILE || kind == Kind.USAGE) {
            throw new IllegalArgumentException(kind + " is added with its own factory");
        }
        return closed(into) != null ? closed(into) : new Adding.Added(new EvidenceItem(null, into.districtId(),
                into.id(), kind, refId, description, "", null, null, snapshot, null, null, null,
                EvidenceSnapshots.sha256(snapshot), by, at));
    }

    /**
     * A staff member's internet use from {@code from} to {@code to}, seen for the reason given: the period must run
     * forward, at most {@link #MAX_USAGE_DAYS} days, and the reason be one the privacy guard accepts.
     */
    static Adding usage(CaseAccess.CaseHeader into, long staffId, LocalDate from, LocalDate to, String reason,
                        String description, String snapshot, String by, Instant at) {
        Adding.Refused refused = usageProblem(into, from, to, reason);
        return refused != null ? refused : new Adding.Added(new EvidenceItem(null, into.districtId(), into.id(),
                Kind.USAGE, staffId, description, reason.strip(), from, to, snapshot, null, null, null,
                EvidenceSnapshots.sha256(snapshot), by, at));
    }

    /** Why a usage period cannot be added, before anyone's activity is looked at; null when it can. */
    static Adding.Refused usageProblem(CaseAccess.CaseHeader into, LocalDate from, LocalDate to, String reason) {
        if (closed(into) != null) {
            return closed(into);
        }
        if (from == null || to == null) {
            return new Adding.Refused("Give the first and the last day of the period of internet use.");
        }
        if (to.isBefore(from)) {
            return new Adding.Refused("The period ends (" + to + ") before it starts (" + from + ").");
        }
        if (from.isBefore(FIRST_USAGE_DAY) || to.getYear() > 2100) {
            return new Adding.Refused("A period of internet use lies between " + FIRST_USAGE_DAY + " and today, not "
                    + from + " to " + to + ".");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_USAGE_DAYS) {
            return new Adding.Refused("Keep a period of internet use to " + MAX_USAGE_DAYS + " days at most; "
                    + from + " to " + to + " is longer.");
        }
        String problem = PrivacyGuard.reasonProblem(reason);
        return problem == null ? null : new Adding.Refused(problem);
    }

    /** A file as accepted, its SHA-256 taken on arrival. */
    static Adding file(CaseAccess.CaseHeader into, AcceptedFiles.Accepted file, String by, Instant at) {
        return closed(into) != null ? closed(into) : new Adding.Added(new EvidenceItem(null, into.districtId(),
                into.id(), Kind.FILE, null, file.name() + " (" + AcceptedFiles.TYPES.get(file.type()) + ", "
                + "%,d bytes)".formatted(file.bytes().length), "", null, null, null, file.name(), file.type(),
                file.bytes(), file.sha256(), by, at));
    }

    /** A file attached to an employee's report, as the report received it. */
    static Adding fromReport(CaseAccess.CaseHeader into, int reportNumber, AcceptedFiles.Accepted file, String by,
                             Instant at) {
        return closed(into) != null ? closed(into) : new Adding.Added(new EvidenceItem(null, into.districtId(),
                into.id(), Kind.FILE, null, file.name() + " (" + AcceptedFiles.TYPES.get(file.type()) + ", "
                + "%,d bytes), attached to report %d".formatted(file.bytes().length, reportNumber),
                "sent with report " + reportNumber, null, null, null, file.name(), file.type(), file.bytes(),
                file.sha256(), by, at));
    }

    private static Adding.Refused closed(CaseAccess.CaseHeader into) {
        return into.open() ? null : new Adding.Refused("Case " + into.number() + " is " + into.status()
                .toLowerCase(java.util.Locale.ROOT) + ": no evidence is added to a case that is no longer open.");
    }
}
