package org.steward.activity;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;
import org.steward.districts.District;
import org.steward.districts.DistrictTime;
import org.steward.districts.Districts;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;

/**
 * The reports e-mailed each Monday from 07:00 in the district's time zone, about the week before (Monday to
 * Sunday), to the people allowed to read them: the district's totals, which name nobody, to technology services;
 * to each supervisor, the findings about their own staff confirmed that week, if any. Each goes once per week and
 * recipient, also when the server was down at its hour.
 */
@Service
public class WeeklyReports {

    static final LocalTime SENT_FROM = LocalTime.of(7, 0);
    private static final int TOP_SITES = 10;

    private final Districts districts;
    private final DistrictTime time;
    private final InternetUse use;
    private final Findings findings;
    private final AccountDirectory accounts;
    private final Mailer mailer;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;
    private final TransactionTemplate transaction;

    WeeklyReports(Districts districts, DistrictTime time, InternetUse use, Findings findings,
                  AccountDirectory accounts, Mailer mailer, JdbcClient jdbc, Clock clock,
                  TransactionTemplate transaction, @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
        this.transaction = transaction;
        this.districts = districts;
        this.time = time;
        this.use = use;
        this.findings = findings;
        this.accounts = accounts;
        this.mailer = mailer;
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Scheduled(initialDelayString = "${steward.weekly-reports.initial-delay:PT2M}",
            fixedDelayString = "${steward.weekly-reports.every:PT30M}")
    void scheduled() {
        // each district in a transaction of its own (a call to this bean's own send would bypass its proxy)
        districts.findAll().forEach(d -> transaction.executeWithoutResult(status -> send(d.id())));
    }

    /** Sends the district's reports of last week that are due and not yet sent; the number of messages. */
    @Transactional
    public int send(long districtId) {
        ZoneId zone = time.zone(districtId);
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalDate thisMonday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate weekStarts = now.toLocalTime().isBefore(SENT_FROM) && now.getDayOfWeek() == DayOfWeek.MONDAY
                ? thisMonday.minusWeeks(2) : thisMonday.minusWeeks(1);
        LocalDate weekEnds = weekStarts.plusDays(6);
        Instant from = weekStarts.atStartOfDay(zone).toInstant();
        Instant to = weekEnds.plusDays(1).atStartOfDay(zone).toInstant();
        String district = districts.findById(districtId).map(District::name).orElseThrow();
        String week = "week of Monday " + weekStarts + " to Sunday " + weekEnds;
        int sent = 0;

        String totals = null;
        for (AccountDirectory.Addressee person : accounts.addresseesIn(districtId, Role.TECHNOLOGY)) {
            if (once(districtId, "DISTRICT_TOTALS", weekStarts, person.email())) {
                totals = totals != null ? totals : totals(districtId, weekStarts, weekEnds, from, to);
                mailer.send(new Mail(districtId, person.email(), "Internet use in " + district + ", " + week,
                        "Dear " + person.name() + ",\n\n" + totals));
                sent++;
            }
        }
        for (AccountDirectory.Addressee supervisor : accounts.addresseesIn(districtId, Role.SUPERVISOR)) {
            if (supervisor.staffId() == null) {
                continue;
            }
            List<Findings.Finding> confirmed = findings.confirmedAboutReportsOf(districtId, supervisor.staffId(),
                    from, to);
            if (!confirmed.isEmpty() && once(districtId, "STAFF_FINDINGS", weekStarts, supervisor.email())) {
                mailer.send(new Mail(districtId, supervisor.email(), "Confirmed findings about your staff, " + week,
                        "Dear " + supervisor.name() + ",\n\nTechnology services confirmed these findings about "
                                + "your staff in the " + week + ":\n\n" + confirmed.stream()
                                .map(f -> "- " + f.who() + ": " + f.title() + ", " + f.first().atZone(zone)
                                        .toLocalDate() + " (" + f.status().title().toLowerCase(java.util.Locale.ROOT)
                                        + ")\n  " + baseUrl + "/activity/findings/" + f.id())
                                .collect(Collectors.joining("\n"))
                                + "\n\nEach finding's page names the clause of the policy it enforces."));
                sent++;
            }
        }
        return sent;
    }

    /** The district's week in figures: nobody is named. */
    private String totals(long districtId, LocalDate weekStarts, LocalDate weekEnds, Instant from, Instant to) {
        InternetUse.Report report = use.district(districtId, weekStarts, weekEnds, TOP_SITES);
        InternetUse.Totals t = report.totals();
        StringBuilder body = new StringBuilder("The district's internet use in the week of Monday " + weekStarts
                + " to Sunday " + weekEnds + " (" + time.zone(districtId).getId() + "):\n\n");
        body.append(count(t.visits(), "visit") + ", " + t.connected() + " connected, " + count(t.sites(), "site")
                + ", " + count(t.requests(), "request") + ", " + count(t.blocked(), "blocked attempt") + ".\n\n");
        if (!report.sites().isEmpty()) {
            body.append("Top sites by time connected:\n");
            int rank = 1;
            for (InternetUse.SiteLine site : report.sites()) {
                body.append("%2d. %s, %s (%s)%n".formatted(rank++, site.site(), site.connected(),
                        count(site.visits(), "visit")));
            }
            body.append('\n');
        }
        Map<String, Long> raised = findings.raisedBySeverity(districtId, from, to);
        long count = raised.values().stream().mapToLong(Long::longValue).sum();
        body.append("Findings raised: ").append(count);
        if (count > 0) {
            body.append(" (").append(raised.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "))).append(')');
        }
        body.append("; waiting for triage now: ").append(findings.openCount(districtId)).append(".\n\n");
        body.append("The report: ").append(baseUrl).append("/activity?from=").append(weekStarts).append("&to=")
                .append(weekEnds).append('\n');
        return body.toString();
    }

    private static String count(long n, String thing) {
        return "%,d %s%s".formatted(n, thing, n == 1 ? "" : "s");
    }

    /** Records that this report of this week goes to this recipient; false when it already went. */
    private boolean once(long districtId, String report, LocalDate weekStarts, String recipient) {
        return jdbc.sql("""
                        insert into activity_report_sent (district_id, report, week_starts, recipient, sent_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(districtId, report, Date.valueOf(weekStarts), recipient, Timestamp.from(clock.instant()))
                .update() == 1;
    }
}
