package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.staff.StaffDirectory;

/**
 * The findings queue of a district with many findings: paged, sorted and filtered, grouped by person, triaged
 * several at once (all or nothing, each refusal named), and exported as CSV; another district's findings never
 * shown nor triaged.
 */
@StewardTest
@RecordApplicationEvents
class FindingsQueueTest {

    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
            T2,Ben,Brown,ben@example.org,LES,Teacher,P1,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            """;

    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Findings findings;
    @Autowired Fixtures fixtures;
    @Autowired StaffDirectory staff;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired ApplicationEvents events;
    @Autowired PrivacyGuard guard;

    District district;
    District other;
    StewardUser carl;
    StewardUser pat;
    long otherFinding;

    @BeforeEach
    void aDistrictWithFourteenFindingsAndAnotherWithItsOwn() throws IOException {
        district = fixtures.district("Queue");
        other = fixtures.district("Other queue");
        fixtures.roster(district, ROSTER);
        fixtures.roster(other, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                Z1,Zoe,Zimmer,zoe@other.org,LES,Teacher,,2019-08-01,active
                """);
        fixtures.modelPolicy(district);
        carl = fixtures.account(district, "C1", Role.TECHNOLOGY);
        pat = fixtures.account(district, "P1", Role.SUPERVISOR);
        // Ana plays games on ten weekdays (low), Ben gambles on three days (medium), an unknown account visits an
        // adult site once (high)
        List<String> lines = new ArrayList<>();
        List<LocalDate> weekdays = List.of(16, 17, 18, 19, 20, 23, 24, 25, 30).stream()
                .map(d -> LocalDate.of(2026, 11, d)).collect(java.util.stream.Collectors.toList());
        weekdays.add(LocalDate.of(2026, 12, 1));
        for (LocalDate day : weekdays) {
            lines.add(ActivityTest.line(day + "T10:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/play"));
        }
        for (int d = 16; d <= 18; d++) {
            lines.add(ActivityTest.line("2026-11-" + d + "T12:00:00", 1_000, "10.0.0.6", "ben",
                    "http://casino.example/"));
        }
        lines.add(ActivityTest.line("2026-11-19T13:00:00", 1_000, "10.0.0.9", "=1+2", "http://adult.example/"));
        ingest(district, String.join("\n", lines) + "\n");
        ingest(other, ActivityTest.line("2026-11-16T10:00:00", 1_000, "10.0.0.5", "zoe",
                "http://games.example/play") + "\n");
        otherFinding = findings.queue(other.id(), Findings.Filter.OPEN, ActivityTest.LA, 10).get(0).id();
    }

    void ingest(District d, String log) throws IOException {
        Path lists = Fixtures.serverFolder(d.slug(), "lists");
        for (String[] category : List.of(new String[] {"games", "games.example"},
                new String[] {"gambling", "casino.example"}, new String[] {"adult", "adult.example"})) {
            Files.createDirectories(lists.resolve(category[0]));
            Files.writeString(lists.resolve(category[0] + "/domains"), category[1] + "\n");
        }
        categories.installFolder(d.id(), lists, "carl");
        Sources.Source proxy = sources.create(d.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
        ingestion.ingest(d.id(), proxy.id(), new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                "access.log", "carl");
    }

    String page(StewardUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    List<Long> findingsOf(String rule) {
        return findings.queue(district.id(), new Findings.Filter(rule, null, null, null, null, null, null),
                ActivityTest.LA, 50).stream().map(Findings.Finding::id).toList();
    }

    long audited(String action) {
        return jdbc.sql("select count(*) from audit_entry where district_id = ? and action = ?")
                .params(district.id(), action).query(Long.class).single();
    }

    @Test
    void theQueuePagesSortsAndFiltersOnlyItsOwnDistrictsFindings() throws Exception {
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String html = page(carl, "/activity/findings?status=&size=10&page=" + n);
            seen.addAll(all(html, "href=\"/activity/findings/(\\d+)\""));
            assertThat(html).doesNotContain("Zimmer").doesNotContain("zoe");
            if (n == 1) {
                assertThat(html).contains("Page 1 of 2: findings 1 to 10 of 14.")
                        .contains("<th scope=\"col\" aria-sort=\"descending\"><a class=\"sort\" "
                                + "href=\"/activity/findings?status=&amp;sort=when&amp;dir=asc&amp;size=10\">");
            }
        }
        assertThat(seen).hasSize(14).doesNotHaveDuplicates().doesNotContain(String.valueOf(otherFinding));

        // worst first: the one high finding, then the three medium ones; each says its severity in words
        String bySeverity = page(carl, "/activity/findings?status=&sort=severity");
        assertThat(all(bySeverity, "class=\"badge severity (\\w+)\"").subList(0, 5))
                .containsExactly("high", "medium", "medium", "medium", "low");
        assertThat(bySeverity).contains(">high</span>");

        // a filter is kept by the pager, the headers, the view toggle and the CSV link
        String gambling = page(carl, "/activity/findings?status=&rule=gambling&sort=count");
        assertThat(all(gambling, "href=\"/activity/findings/(\\d+)\"")).hasSize(3);
        assertThat(gambling).contains("findings 1 to 3 of 3.")
                .contains("href=\"/activity/findings?status=&amp;rule=gambling&amp;sort=when&amp;dir=desc\"")
                .contains("href=\"/activity/findings?status=&amp;rule=gambling&amp;group=person\"")
                .contains("href=\"/activity/findings.csv?status=&amp;rule=gambling&amp;sort=count&amp;dir=desc\"");
        // the default status is still open
        assertThat(page(carl, "/activity/findings")).contains("findings 1 to 14 of 14.");
    }

    @Test
    void anUnknownSortOrGroupingIsABadRequestAndTheQueueIsForTechnologyAndInvestigatorsOnly() throws Exception {
        mvc.perform(get("/activity/findings").param("sort", "evidence").with(user(carl)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "The findings queue is sorted by when, finding, person, severity, count, status")));
        mvc.perform(get("/activity/findings").param("group", "person").param("sort", "when").with(user(carl)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/activity/findings").param("group", "site").with(user(carl)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/activity/findings.csv").with(user(pat))).andExpect(status().isForbidden());
        mvc.perform(post("/activity/findings/triage").param("ids", String.valueOf(findingsOf("gambling").get(0)))
                .param("status", "DISMISSED").param("reason", "not for you").with(user(pat)).with(csrf()))
                .andExpect(status().isForbidden());
        // another district's person is not found
        long zoe = staff.everyone(other.id()).get(0).id();
        mvc.perform(get("/activity/findings").param("person", "staff:" + zoe).with(user(carl)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theQueueGroupedByPersonShowsEachPersonsCountAndWorstSeverityAndTheirFindings() throws Exception {
        String html = page(carl, "/activity/findings?group=person");
        assertThat(html).contains("Page 1 of 1: people 1 to 3 of 3.").doesNotContain("Zimmer");
        // worst severity first: the unknown account's high, Ben's medium, Ana's low
        assertThat(all(html, "<span class=\"name\">([^<]+)</span>")).containsExactly("=1+2", "Ben Brown",
                "Ana Alvarez");
        assertThat(html).contains("10 findings").contains("3 findings").contains("1 finding<")
                .contains("3 medium").contains("10 low");
        assertThat(all(html, "name=\"ids\" value=\"(\\d+)\"")).hasSize(14);

        String byCount = page(carl, "/activity/findings?group=person&sort=findings");
        assertThat(all(byCount, "<span class=\"name\">([^<]+)</span>")).containsExactly("Ana Alvarez", "Ben Brown",
                "=1+2");

        long ana = staff.everyone(district.id()).stream().filter(m -> m.employeeId().equals("T1")).findFirst()
                .orElseThrow().id();
        String anas = page(carl, "/activity/findings?person=staff:" + ana);
        assertThat(anas).contains("Findings about <strong>Ana Alvarez</strong>").contains("of 10.")
                .doesNotContain("Ben Brown");
    }

    @Test
    void severalFindingsAreTriagedAtOnceEachAuditedAndDecidedOnesAnnounced() throws Exception {
        List<Long> gambling = findingsOf("gambling");
        String back = "/activity/findings?status=&group=person";
        mvc.perform(post("/activity/findings/triage").param("ids", gambling.stream().map(String::valueOf)
                                .toArray(String[]::new)).param("status", "CONFIRMED").param("reason", "")
                        .param("back", back).with(user(carl)).with(csrf()))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("message", "3 findings are now confirmed."));
        assertThat(gambling).allSatisfy(id -> assertThat(findings.find(district.id(), id).orElseThrow().status())
                .isEqualTo(Findings.Status.CONFIRMED));
        assertThat(audited("FINDING_CONFIRMED")).isEqualTo(3);
        assertThat(events.stream(FindingConfirmed.class).map(FindingConfirmed::findingId)).containsExactlyInAnyOrderElementsOf(gambling);
        // back to the queue only, never to another address
        mvc.perform(post("/activity/findings/triage").param("ids", String.valueOf(gambling.get(0)))
                        .param("status", "OPEN").param("reason", "Looked again").param("back", "https://evil.example/")
                        .with(user(carl)).with(csrf()))
                .andExpect(redirectedUrl("/activity/findings"));
    }

    @Test
    void aTriageOfSeveralIsAllOrNothingAndNamesEachFindingRefusedAndWhy() throws Exception {
        List<Long> games = findingsOf("games-during-duty");
        findings.triage(district.id(), games.get(0), Findings.Status.DISMISSED, "Part of a lesson", "carl");
        long auditedBefore = audited("FINDING_DISMISSED");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> findings.triageAll(district.id(),
                List.of(games.get(1), games.get(0), otherFinding, games.get(2)), Findings.Status.DISMISSED,
                "A lesson on game design", "carl")))
                .isInstanceOf(Findings.Refused.class)
                .hasMessage("Nothing was changed. The finding is already dismissed: finding " + games.get(0)
                        + " (games-during-duty about ana). There is no such finding: finding " + otherFinding + ".");
        assertThat(List.of(games.get(1), games.get(2))).allSatisfy(id -> assertThat(findings.find(district.id(), id)
                .orElseThrow().status()).isEqualTo(Findings.Status.OPEN));
        assertThat(findings.find(other.id(), otherFinding).orElseThrow().status()).isEqualTo(Findings.Status.OPEN);
        assertThat(audited("FINDING_DISMISSED")).isEqualTo(auditedBefore);
        assertThat(findings.steps(district.id(), games.get(1))).hasSize(1);

        // through the page: dismissing without a reason refuses every one, each named
        mvc.perform(post("/activity/findings/triage").param("ids", String.valueOf(games.get(1)),
                                String.valueOf(games.get(2))).param("status", "DISMISSED").param("reason", "")
                        .param("back", "/activity/findings?status=OPEN").with(user(carl)).with(csrf()))
                .andExpect(redirectedUrl("/activity/findings?status=OPEN"))
                .andExpect(flash().attribute("problem", "Nothing was changed. Say why the finding is dismissed (at "
                        + "least five characters): finding " + games.get(1) + " (games-during-duty about ana); finding "
                        + games.get(2) + " (games-during-duty about ana)."));
        mvc.perform(post("/activity/findings/triage").param("status", "CONFIRMED").with(user(carl)).with(csrf()))
                .andExpect(flash().attribute("problem", "Choose the findings to triage."));
        assertThat(findings.steps(district.id(), games.get(2))).hasSize(1);
    }

    @Test
    void aSupervisorsConfirmedFindingsAboutTheirStaffPageSortAndFilterAndHoldNothingElse() throws Exception {
        List<Long> games = findingsOf("games-during-duty");
        findings.triageAll(district.id(), games.subList(0, 9), Findings.Status.CONFIRMED, "", "carl");
        findings.triageAll(district.id(), findingsOf("gambling"), Findings.Status.INVESTIGATION, "", "carl");
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String html = page(pat, "/activity/findings?size=10&page=" + n);
            seen.addAll(all(html, "href=\"/activity/findings/(\\d+)\""));
            assertThat(html).doesNotContain("games.example/play"); // never the log lines
            if (n == 1) {
                assertThat(html).contains("Findings about my staff").contains("Page 1 of 2: findings 1 to 10 of 12.")
                        .contains("href=\"/activity/findings?sort=when&amp;dir=desc&amp;page=2&amp;size=10\"");
            }
        }
        assertThat(seen).hasSize(12).doesNotHaveDuplicates().doesNotContain(String.valueOf(games.get(9)));
        assertThat(page(pat, "/activity/findings?status=INVESTIGATION")).contains("findings 1 to 3 of 3.");
        assertThat(page(pat, "/activity/findings?q=ben")).contains("findings 1 to 3 of 3.");
        assertThat(page(pat, "/activity/findings?status=OPEN")).contains("No findings.");
        assertThat(all(page(pat, "/activity/findings?sort=person&dir=desc"), "<td>([A-Z][a-z]+ [A-Z][a-z]+)</td>")
                .get(0)).isEqualTo("Ben Brown");
        mvc.perform(get("/activity/findings").param("sort", "severity").with(user(pat)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "The list of findings about your staff is sorted by when, finding, person, status")));
        // a supervisor of nobody here, and one of another district, see none of them
        assertThat(page(fixtures.account(district, "T2", Role.SUPERVISOR), "/activity/findings")).contains("No findings.");
        assertThat(page(fixtures.account(other, "Z1", Role.SUPERVISOR), "/activity/findings")).contains("No findings.");

        List<String> ten = org.steward.QueryCounts.during(() -> page(pat, "/activity/findings?size=10"));
        assertThat(ten).isNotEmpty();
        assertThat(org.steward.QueryCounts.during(() -> page(pat, "/activity/findings?size=50"))).hasSameSizeAs(ten);
    }

    @Test
    void aPersonsReportAndASitesVisitorsPageSortAndFilterOnlyUnderAReasonEachPageAudited() throws Exception {
        District reported = fixtures.district("Report lists");
        fixtures.roster(reported, ROSTER);
        StewardUser tech = fixtures.account(reported, "C1", Role.TECHNOLOGY);
        // Ana plays on eleven weekdays, and one day reads eleven other sites and the news, as eleven others do
        List<String> lines = new ArrayList<>();
        for (int d : List.of(13, 16, 17, 18, 19, 20, 23, 24, 25, 30)) {
            lines.add(ActivityTest.line("2026-11-%02dT10:00:00".formatted(d), 1_000, "10.0.0.5", "ana",
                    "http://games.example/play"));
        }
        lines.add(ActivityTest.line("2026-12-01T10:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/play"));
        for (int i = 1; i <= 11; i++) {
            lines.add(ActivityTest.line("2026-11-16T11:%02d:00".formatted(i), 2_000 * i, "10.0.0.5", "ana",
                    "http://site%02d.example/".formatted(i)));
            lines.add(ActivityTest.line("2026-11-16T12:%02d:00".formatted(i), 1_000, "10.0.1." + i,
                    "u%02d".formatted(i), "http://news.example/"));
        }
        lines.add(ActivityTest.line("2026-11-16T12:30:00", 1_000, "10.0.0.5", "ana", "http://news.example/"));
        ingest(reported, String.join("\n", lines) + "\n");
        long ana = staff.everyone(reported.id()).stream().filter(m -> m.employeeId().equals("T1")).findFirst()
                .orElseThrow().id();
        String range = "&from=2026-11-01&to=2026-12-01";
        String report = "/activity/people?person=staff:" + ana + range;

        // without a reason, or with a reason to see someone else, no list of hers is shown
        mvc.perform(get(report + "&days.page=2").with(user(tech))).andExpect(status().isForbidden());
        long otherView = guard.open(tech, "u01", "Checking the account u01 for a complaint", null).id();
        mvc.perform(get(report + "&sites.page=2&view=" + otherView).with(user(tech))).andExpect(status().isForbidden());
        mvc.perform(get(report).with(user(pat))).andExpect(status().isForbidden());

        long view = guard.open(tech, "staff:" + ana, "Complaint about games in class", "HR-7").id();
        long looks = auditedIn(reported, "ACTIVITY_VIEWED");
        String first = page(tech, report + "&view=" + view + "&sites.size=10&days.size=10&findings.size=10");
        assertThat(first).contains("Page 1 of 2: sites 1 to 10 of 13.").contains("Page 1 of 2: days 1 to 10 of 11.")
                .contains("Page 1 of 2: findings 1 to 10 of 11.")
                // each list's links keep the person, the days, the reason, and the other lists' place
                .contains("href=\"/activity/people?person=staff%3A" + ana + "&amp;from=2026-11-01&amp;to=2026-12-01"
                        + "&amp;view=" + view + "&amp;days.sort=day&amp;days.dir=asc&amp;days.size=10"
                        + "&amp;findings.sort=when&amp;findings.dir=desc&amp;findings.size=10&amp;sites.sort=time"
                        + "&amp;sites.dir=desc&amp;sites.page=2&amp;sites.size=10\"");
        String second = page(tech, report + "&view=" + view + "&sites.size=10&days.size=10&findings.size=10"
                + "&sites.page=2&days.page=2&findings.page=2");
        assertThat(second).contains("sites 11 to 13 of 13.").contains("days 11 to 11 of 11.")
                .contains("findings 11 to 11 of 11.");
        List<String> sites = new ArrayList<>(all(first, "<td>([a-z0-9.]+\\.example)</td>"));
        sites.addAll(all(second, "<td>([a-z0-9.]+\\.example)</td>"));
        assertThat(sites).hasSize(13).doesNotHaveDuplicates().startsWith("site11.example", "site10.example");
        assertThat(auditedIn(reported, "ACTIVITY_VIEWED")).isEqualTo(looks + 2); // every page of it
        assertThat(page(tech, report + "&view=" + view + "&q=site0")).contains("sites 1 to 9 of 9.");
        assertThat(all(page(tech, report + "&view=" + view + "&days.sort=time&days.dir=desc"),
                "aria-label=\"The report of ([^\"]+)\"").get(0)).isEqualTo("Monday 16 November 2026");
        mvc.perform(get(report + "&view=" + view + "&days.sort=bytes").with(user(tech)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "The list of days is sorted by day, time, visits, requests, blocked; not by 'bytes'")));

        // a site's visitors, under a reason to see them
        String visitors = "/activity/sites?site=news.example" + range;
        assertThat(page(tech, visitors)).doesNotContain("u01").contains("Show who visited it");
        long siteView = guard.open(tech, "site:news.example", "Who read the news during class", null).id();
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String html = page(tech, visitors + "&view=" + siteView + "&size=10&sort=person&page=" + n);
            seen.addAll(all(html, "<tr><td>([^<]+)</td>"));
            if (n == 1) {
                assertThat(html).contains("Page 1 of 2: people 1 to 10 of 12.");
            }
        }
        assertThat(seen).hasSize(12).doesNotHaveDuplicates().startsWith("Ana Alvarez", "u01");
        assertThat(page(tech, visitors + "&view=" + siteView + "&q=u0")).contains("people 1 to 9 of 9.");
        mvc.perform(get(visitors + "&view=" + siteView + "&sort=bytes").with(user(tech)))
                .andExpect(status().isBadRequest());
        // a reason to see Ana's report is not one to see who visited the site: refused, as it always was
        mvc.perform(get(visitors + "&view=" + view).with(user(tech))).andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Give a reason to see this activity")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("u01"))));

        // as many statements for ten rows a list as for fifty
        List<String> ten = org.steward.QueryCounts.during(() -> page(tech, report + "&view=" + view
                + "&sites.size=10&days.size=10&findings.size=10"));
        assertThat(ten).isNotEmpty();
        assertThat(org.steward.QueryCounts.during(() -> page(tech, report + "&view=" + view))).hasSameSizeAs(ten);
        List<String> tenVisitors = org.steward.QueryCounts.during(() -> page(tech, visitors + "&view=" + siteView
                + "&size=10"));
        assertThat(org.steward.QueryCounts.during(() -> page(tech, visitors + "&view=" + siteView)))
                .hasSameSizeAs(tenVisitors);
    }

    long auditedIn(District d, String action) {
        return jdbc.sql("select count(*) from audit_entry where district_id = ? and action = ?")
                .params(d.id(), action).query(Long.class).single();
    }

    @Test
    void theFilteredQueueIsExportedAsCsvWithFormulasNeutralizedAndTheExportAudited() throws Exception {
        byte[] csv = mvc.perform(get("/activity/findings.csv").param("status", "").param("sort", "severity")
                        .with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string(
                        "Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"findings-")))
                .andReturn().getResponse().getContentAsByteArray();
        List<String> rows = new String(csv, StandardCharsets.UTF_8).lines().toList();
        assertThat(rows.get(0)).isEqualTo("id,first,last,rule,finding,severity,person,account_or_address,clause,count,status");
        assertThat(rows).hasSize(15);
        // the account "=1+2" is shown in a spreadsheet, never run
        assertThat(rows.get(1)).contains(",adult-content,").contains(",high,,'=1+2,C.2,1,Open");
        assertThat(rows.get(2)).contains(",gambling,Gambling sites,medium,Ben Brown,ben,C.3,1,Open");
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'FINDINGS_EXPORTED'")
                .param(district.id()).query(String.class).single()).isEqualTo("14 findings as CSV: status any");

        String gambling = new String(mvc.perform(get("/activity/findings.csv").param("rule", "gambling")
                .with(user(carl))).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(gambling.lines()).hasSize(4).allSatisfy(l -> assertThat(l).doesNotContain("games"));
        // the findings at a site name who visited it: no file of them without a reason
        mvc.perform(get("/activity/findings.csv").param("site", "casino.example").with(user(carl)))
                .andExpect(status().isForbidden());
        assertThat(audited("FINDINGS_EXPORTED")).isEqualTo(2);
    }
}
