package org.steward.investigations;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.steward.documents.PrintedDocument;

/**
 * A case's file for HR, counsel or a court: its summary, its timeline, its evidence with each item's SHA-256 and
 * chain of custody, and its outcome with the clause's words. Every page's foot says whose file it is, who made it and
 * why, as a person's internet use report does.
 */
final class CaseFilePdf {

    /** Who made the file, why and when, as its pages say. */
    record Made(String district, String viewer, String reason, String madeAt, ZoneId zone) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private CaseFilePdf() {
    }

    static byte[] of(CaseFileContents file, Made made) {
        CaseFileContents.Summary s = file.summary();
        String footer = "Case " + s.number() + ", " + s.title() + ". Made for " + made.viewer() + ": "
                + made.reason();
        return PrintedDocument.write(new PrintedDocument.Properties("Case " + s.number() + ": " + s.title(),
                made.viewer()), footer, pages -> {
            pages.text(16, "Case " + s.number() + ": " + s.title());
            pages.text(11, made.district());
            pages.text(10, "Subject: " + s.subject() + ". Status: " + s.status() + ".");
            pages.gap(6);
            pages.text(9, "Made " + made.madeAt() + " for " + made.viewer() + ", who gave the reason: "
                    + made.reason() + ". The export is recorded in each item's chain of custody and in the "
                    + "district's audit log. Times in " + made.zone().getId() + ".");
            if (!file.timeline().isEmpty()) {
                pages.gap(10);
                pages.text(12, "Timeline");
                for (CaseFileContents.TimelineEntry e : file.timeline()) {
                    pages.text(9, when(e.at(), made) + "  " + e.what() + " (" + e.by() + ")");
                }
            }
            pages.gap(10);
            pages.text(12, "Evidence (" + file.evidence().size() + " items)");
            if (file.evidence().isEmpty()) {
                pages.text(9, "None.");
            }
            for (EvidenceLocker.Listed item : file.evidence()) {
                pages.gap(6);
                pages.text(10, "Item " + item.id() + ". " + item.kind().title() + ": " + item.description());
                pages.text(9, 12, "Added by " + item.addedBy() + " on " + when(item.addedAt(), made)
                        + (item.reason().isEmpty() ? "" : ", for the reason: " + item.reason()));
                pages.text(9, 12, "SHA-256 " + item.sha256());
                for (CustodyChain.Entry e : file.custody().getOrDefault(item.id(), List.of())) {
                    pages.text(8, 24, when(e.at(), made) + "  " + e.action().words() + " by " + e.by()
                            + (e.reason().isEmpty() ? "" : ": " + e.reason()));
                }
            }
            if (file.outcome() != null) {
                CaseFileContents.Outcome o = file.outcome();
                pages.gap(10);
                pages.text(12, "Outcome");
                pages.text(10, o.decision() + (o.clause() == null ? "" : ", under " + o.clause()) + " ("
                        + o.decidedBy() + ", " + when(o.at(), made) + ")");
                if (o.clauseText() != null) {
                    pages.text(9, 12, o.clauseText());
                }
                if (o.summary() != null && !o.summary().isBlank()) {
                    pages.text(9, 12, "Summary: " + o.summary());
                }
            }
        });
    }

    private static String when(java.time.Instant at, Made made) {
        return WHEN.format(at.atZone(made.zone()));
    }
}
