package org.steward.activity;

import java.util.List;

import org.steward.documents.PrintedDocument;

/**
 * A person's internet use report printed for an investigation's file: whose, which days, who asked and why, the
 * totals, each day, each site, and the findings about them; every page's foot says whose report it is and why it
 * was made.
 */
final class PersonReportPdf {

    /** What the report says besides the figures: whose, for whom and why, when. */
    record Made(String district, String name, String viewer, String reason, String caseRef, String madeAt,
                String zoneName) {
    }

    private static final float[] DAYS = {90, 50, 60, 90, 70, 60, 80};
    private static final float[] SITES = {170, 45, 80, 60, 50, 95};

    private PersonReportPdf() {
    }

    static byte[] of(Made made, InternetUse.Report report, List<InternetUse.DayTotal> days,
                     List<Findings.Finding> findings, java.time.ZoneId zone) {
        String why = made.reason() + (made.caseRef().isEmpty() ? "" : " (case " + made.caseRef() + ")");
        String footer = "Internet use of " + made.name() + ", " + report.from() + " to " + report.to()
                + ". Made for " + made.viewer() + ": " + why;
        return PrintedDocument.write(new PrintedDocument.Properties("Internet use of " + made.name(), made.viewer()),
                footer, pages -> {
                    pages.text(16, "Internet use of " + made.name());
                    pages.text(11, made.district());
                    pages.text(10, "From " + report.from() + " to " + report.to() + ", days and times in "
                            + made.zoneName() + ".");
                    pages.gap(6);
                    pages.text(9, "Made " + made.madeAt() + " for " + made.viewer() + ", who gave the reason: " + why
                            + ". The look and this file are recorded in the district's audit log.");
                    pages.gap(10);
                    InternetUse.Totals t = report.totals();
                    pages.text(11, "%,d visits, %s connected, %,d sites, %,d requests, %,d blocked attempts, %,d bytes."
                            .formatted(t.visits(), t.connected(), t.sites(), t.requests(), t.blocked(), t.bytes()));
                    pages.gap(10);
                    pages.text(12, "Day by day");
                    pages.row(9, DAYS, List.of("Day", "Sites", "Visits", "Connected", "Requests", "Blocked",
                            "Bytes"));
                    for (InternetUse.DayTotal d : days) {
                        pages.row(9, DAYS, List.of(d.day().toString() + " " + d.day().getDayOfWeek().toString()
                                        .substring(0, 3).toLowerCase(java.util.Locale.ROOT), number(d.sites()),
                                number(d.visits()), d.connected(), number(d.requests()), number(d.blocked()),
                                number(d.bytes())));
                    }
                    if (days.isEmpty()) {
                        pages.text(9, "No use on these days.");
                    }
                    pages.gap(10);
                    pages.text(12, "Sites, by time connected");
                    pages.row(9, SITES, List.of("Site", "Visits", "Connected", "Requests", "Blocked",
                            "Categories"));
                    for (InternetUse.SiteLine s : report.sites()) {
                        pages.row(9, SITES, List.of(s.site(), number(s.visits()), s.connected(),
                                number(s.requests()), number(s.blocked()), String.join(", ", s.categories())));
                    }
                    pages.gap(10);
                    pages.text(12, "Findings about " + made.name());
                    for (Findings.Finding f : findings) {
                        pages.text(9, "%s, %s: %s (finding %d)".formatted(f.first().atZone(zone).toLocalDate(),
                                f.title(), f.status().title(), f.id()));
                    }
                    if (findings.isEmpty()) {
                        pages.text(9, "None.");
                    }
                });
    }

    private static String number(long n) {
        return "%,d".formatted(n);
    }
}
