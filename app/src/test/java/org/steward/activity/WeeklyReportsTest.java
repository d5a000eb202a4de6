package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.TestClock;
import org.steward.accounts.Role;
import org.steward.districts.District;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The Monday reports over SMTP: technology services gets the district's week in figures, naming nobody; a
 * supervisor gets the findings about their own staff confirmed that week, and only if there are any; each once.
 */
@StewardTest
class WeeklyReportsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
            P2,Quinn,Other,quinn@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            """;

    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Findings findings;
    @Autowired WeeklyReports reports;

    District district;

    @BeforeEach
    void aWeekWithAConfirmedFindingAboutAna() throws Exception {
        clock.set(local("2026-11-17T09:00:00"));
        district = fixtures.district("Weekly");
        fixtures.roster(district, ROSTER);
        fixtures.modelPolicy(district);
        fixtures.account(district, "C1", Role.TECHNOLOGY);
        fixtures.account(district, "P1", Role.SUPERVISOR);
        fixtures.account(district, "P2", Role.SUPERVISOR);
        fixtures.account(district, "T1", Role.EMPLOYEE);
        Path lists = Fixtures.serverFolder(district.slug(), "lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        categories.installFolder(district.id(), lists, "carl");
        Sources.Source proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
        String log = String.join("\n", line("2026-11-16T10:00:00", "http://games.example/play"),
                line("2026-11-16T10:02:00", "http://games.example/level2")) + "\n";
        ingestion.ingest(district.id(), proxy.id(), new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                "access.log", "carl");
        Findings.Finding games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        clock.set(local("2026-11-18T15:00:00"));
        findings.triage(district.id(), games.id(), Findings.Status.CONFIRMED, "", "carl");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static java.time.Instant local(String at) {
        return LocalDateTime.parse(at).atZone(LA).toInstant();
    }

    static String line(String end, String url) {
        long millis = LocalDateTime.parse(end).atZone(LA).toInstant().toEpochMilli();
        return "%d.%03d %6d 10.0.0.5 TCP_MISS/200 2000 GET %s ana HIER_DIRECT/1.2.3.4 text/html"
                .formatted(millis / 1000, millis % 1000, 2_000, url);
    }

    @Test
    void onMondayMorningTechnologyGetsTheWeeksFiguresAndAnasSupervisorHerConfirmedFindingOnce() throws Exception {
        clock.set(local("2026-11-23T06:30:00"));
        // before 07:00 on Monday: the week before last, its figures to technology, nothing confirmed for Pat
        assertThat(reports.send(district.id())).isEqualTo(1);
        assertThat(await(1)).singleElement().satisfies(m -> assertThat(m.getSubject()).endsWith("2026-11-09 to "
                + "Sunday 2026-11-15"));
        smtp.reset();

        clock.set(local("2026-11-23T07:05:00"));
        assertThat(reports.send(district.id())).isEqualTo(2);
        List<MimeMessage> received = await(2);
        assertThat(received).hasSize(2);

        MimeMessage totals = to(received, "carl@example.org");
        assertThat(totals.getSubject()).isEqualTo("Internet use in Weekly, week of Monday 2026-11-16 to Sunday "
                + "2026-11-22");
        assertThat(GreenMailUtil.getBody(totals).replace("=\r\n", "").replace("\r\n", "\n"))
                .contains("Dear Carl Tech,").contains("1 visit, 2 min 02 s connected, 1 site, 2 requests, 0 blocked attempts.")
                .contains(" 1. games.example, 2 min 02 s (1 visit)").contains("Findings raised: 1 (1 low); waiting for triage now: 0.")
                .contains("/activity?from=2026-11-16&to=2026-11-22")
                .doesNotContain("Ana").doesNotContain("Alvarez");

        MimeMessage staff = to(received, "pat@example.org");
        assertThat(staff.getSubject()).isEqualTo("Confirmed findings about your staff, week of Monday 2026-11-16 to "
                + "Sunday 2026-11-22");
        assertThat(GreenMailUtil.getBody(staff).replace("=\r\n", "").replace("\r\n", "\n"))
                .contains("- Ana Alvarez: Online games during duty time, 2026-11-16 (confirmed)")
                .contains("/activity/findings/");

        assertThat(reports.send(district.id())).as("each report goes once").isZero();
        clock.set(local("2026-11-24T12:00:00"));
        assertThat(reports.send(district.id())).as("still the same week").isZero();
    }

    @Test
    void anotherDistrictsTechnologyHearsNothingOfThisOne() throws Exception {
        District other = fixtures.district("Elsewhere");
        fixtures.roster(other, ROSTER.replace("@example.org", "@elsewhere.org"));
        fixtures.account(other, "C1", Role.TECHNOLOGY);
        clock.set(local("2026-11-23T08:00:00"));

        assertThat(reports.send(other.id())).isEqualTo(1);
        MimeMessage totals = to(await(1), "carl@elsewhere.org");
        assertThat(GreenMailUtil.getBody(totals)).contains("0 visits").doesNotContain("games.example");
    }

    private List<MimeMessage> await(int count) {
        org.awaitility.Awaitility.await().until(() -> smtp.getReceivedMessages().length >= count);
        return Arrays.asList(smtp.getReceivedMessages());
    }

    private static MimeMessage to(List<MimeMessage> messages, String address) {
        return messages.stream().filter(m -> {
            try {
                return GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("nothing to " + address));
    }
}
