package org.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.activity.Findings;
import org.steward.activity.Ingestion;
import org.steward.activity.Sources;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;
import org.steward.devices.Inventory;
import org.steward.districts.District;

/**
 * A list page makes as many queries for fifty rows as for five: nothing is looked up row by row (issue 18). Each
 * list is opened with a page of 5 rows and of 50 (or its page size) over the same district, and the queries each
 * request made are counted on the application's data source. So does the start page, whatever waits for a
 * decision; and the first morning's pages hold one connection at a time (issue 18's load benchmark).
 */
@StewardTest
class ListQueriesTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired Inventory inventory;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired org.steward.activity.CategoryLists categories;
    @Autowired Approvals approvals;
    @Autowired AccountDirectory accounts;
    @Autowired Findings findings;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired org.steward.publishing.Students students;

    District district;
    StewardUser hr;
    StewardUser tech;

    @BeforeEach
    void aDistrictWithManyRows() {
        district = fixtures.district("Many Rows");
        StringBuilder roster = new StringBuilder(
                "employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status\n");
        roster.append("P0,Pat,Principal,pat@rows.org,LES,Principal,,2010-08-01,active\n");
        for (int i = 1; i <= 70; i++) {
            roster.append("R%02d,Person%02d,Surname%02d,r%d@rows.org,%s,Teacher,P0,2015-08-01,active\n"
                    .formatted(i, i, i, i, i % 2 == 0 ? "LES" : "RHS"));
        }
        fixtures.roster(district, roster.toString());
        fixtures.modelPolicy(district);
        StringBuilder devices = new StringBuilder("asset_tag,serial_number,type,model,site\n");
        for (int i = 1; i <= 70; i++) {
            devices.append("L-%03d,SN%d,laptop,Model A,LES\n".formatted(i, i));
        }
        inventory.importFile(district.id(), "devices.csv", devices.toString().getBytes(StandardCharsets.UTF_8));
        hr = fixtures.account(district, "R01", Role.HR);
        tech = fixtures.account(district, "R02", Role.TECHNOLOGY);
        // a finding about each person: a game in duty time
        Sources.Source proxy = sources.create(district.id(),
                Sources.Setup.of("Proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "tech");
        try {
            java.nio.file.Path lists = Fixtures.serverFolder(district.slug(), "lists");
            java.nio.file.Files.createDirectories(lists.resolve("games"));
            java.nio.file.Files.writeString(lists.resolve("games/domains"), "games.example\n");
            categories.installFolder(district.id(), lists, "tech");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long monday = java.time.LocalDateTime.parse("2026-11-16T10:00:00").atZone(java.time.ZoneId.of(
                "America/Los_Angeles")).toEpochSecond();
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 70; i++) {
            log.append("%d.000   1000 10.0.0.%d TCP_MISS/200 2000 GET http://games.example/%d r%d@rows.org "
                    .formatted(monday + i * 60, i, i, i)).append("HIER_DIRECT/1.2.3.4 text/html\n");
        }
        ingestion.ingest(district.id(), proxy.id(), new ByteArrayInputStream(log.toString()
                .getBytes(StandardCharsets.UTF_8)), "access.log", "tech");
    }

    @Test
    void aListPageMakesAsManyQueriesForFiftyRowsAsForFive() throws Exception {
        Map<String, StewardUser> lists = new LinkedHashMap<>();
        lists.put("/staff", hr);
        lists.put("/devices", tech);
        lists.put("/audit", fixtures.user(district, Role.RECORDS));
        lists.put("/activity/findings", tech);
        List<String> counted = new ArrayList<>();
        for (Map.Entry<String, StewardUser> list : lists.entrySet()) {
            List<String> five = statements(list.getKey() + "?size=5", list.getValue());
            List<String> fifty = statements(list.getKey() + "?size=50", list.getValue());
            counted.add(list.getKey() + ": " + five.size() + " statements for 5 rows, " + fifty.size() + " for 50");
            assertThat(five).as(String.join("; ", counted)).isNotEmpty();
            assertThat(fifty).as(String.join("; ", counted) + ": " + five).hasSameSizeAs(five);
        }
    }

    @Test
    void theStartPageMakesAsManyQueriesForFiftyRequestsWaitingAsForFive() throws Exception {
        StewardUser principal = fixtures.account(district, "P0", Role.SUPERVISOR);
        StewardUser teacher = fixtures.account(district, "R03", Role.EMPLOYEE);
        askToTakeHome(teacher, 5);
        long five = queries("/", principal);
        askToTakeHome(teacher, 45);
        long fifty = queries("/", principal);
        assertThat(fifty).as("the principal's start page: %d queries with 5 requests waiting, %d with 50", five, fifty)
                .isEqualTo(five);
        mvc.perform(get("/").with(user(principal)))
                .andExpect(content().string(containsString("50 requests wait")));
    }

    /**
     * What the first morning asks of every person holds one connection at a time: reading an aggregate with its
     * children on a second connection while holding the first is how ten sign-ins at once waited for each other.
     */
    @Test
    void signingInAndThePagesOfTheMorningHoldOneConnectionAtATime() throws Exception {
        StewardUser principal = fixtures.account(district, "P0", Role.SUPERVISOR);
        StewardUser teacher = fixtures.account(district, "R03", Role.EMPLOYEE);
        long asked = askToTakeHome(teacher, 3);
        assertThat(QueryCounts.connectionsAtOnce(() -> accounts.loadUserByUsername(principal.getUsername())))
                .as("the sign-in's look-up of the account and its roles").isEqualTo(1);
        for (String page : List.of("/", "/approvals", "/approvals/" + asked, "/activity/findings", "/staff",
                "/devices", "/acknowledgments")) {
            StewardUser who = page.startsWith("/approvals") || page.equals("/") ? principal
                    : page.equals("/acknowledgments") ? teacher : tech;
            assertThat(QueryCounts.connectionsAtOnce(() -> mvc.perform(get(page).with(user(who)))
                    .andExpect(status().isOk()))).as(page).isEqualTo(1);
        }
    }

    @Test
    void theInvestigatorsListsMakeAsManyQueriesForFiftyRowsAsForFive() throws Exception {
        StewardUser ivy = fixtures.account(district, "R04", Role.INVESTIGATOR);
        List<Findings.Finding> open = findings.queue(district.id(), Findings.Filter.OPEN,
                java.time.ZoneId.of("America/Los_Angeles"), 55);
        assertThat(open).hasSize(55);
        for (Findings.Finding finding : open) {
            findings.triage(district.id(), finding.id(), Findings.Status.INVESTIGATION, "Games during duty", "tech");
        }
        org.awaitility.Awaitility.await().until(() -> jdbc.sql("""
                        select count(*) from investigation_referral where district_id = ? and status = 'WAITING'""")
                .param(district.id()).query(Long.class).single() == 55);
        for (int i = 1; i <= 55; i++) {
            mvc.perform(post("/investigations/cases").param("title", "Games, case " + i)
                            .param("subject", "R%02d".formatted(i)).with(user(ivy)).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        StewardUser reporter = fixtures.account(district, "R05", Role.EMPLOYEE);
        for (int i = 1; i <= 55; i++) {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/report")
                            .param("kind", "SECURITY").param("what", "A strange e-mail, number " + i)
                            .with(user(reporter)).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        for (String list : List.of("/investigations", "/investigations/cases", "/investigations/cases/mine",
                "/investigations/reports")) {
            List<String> five = statements(list + "?size=5", ivy);
            List<String> fifty = statements(list + "?size=50", ivy);
            assertThat(fifty).as(list + ": " + five.size() + " statements for 5 rows, " + fifty.size() + " for 50")
                    .hasSameSizeAs(five);
        }
        mvc.perform(get("/investigations?size=50").with(user(ivy)))
                .andExpect(content().string(containsString("Waiting for an investigator (<span>55</span>)")))
                .andExpect(content().string(containsString("Page 1 of 2: findings 1 to 50 of 55.")));
        mvc.perform(get("/investigations/cases?size=50").with(user(ivy)))
                .andExpect(content().string(containsString("Games, case 55")));
    }

    @Test
    void aClassAndItsCheckMakeAsManyQueriesForThirtyFiveStudentsAsForFive() throws Exception {
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,"
                + "username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
                + "password\n");
        StringBuilder enrollments = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,"
                + "schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n");
        StringBuilder choices = new StringBuilder("student_id,school_year,choice\n");
        String[] kinds = {"limited", "none", "full name", "no photographs"};
        for (int i = 1; i <= 40; i++) {
            String klass = i <= 5 ? "small" : "large";
            users.append("st%d,active,,TRUE,LES,student,st%d,,Kid%d,Family%d,,,,,,,0%d,\n".formatted(i, i, i, i,
                    1 + i % 5));
            enrollments.append("e%d,active,,%s,LES,st%d,student,,,\n".formatted(i, klass, i));
            choices.append("st%d,2026-27,%s\nst%d,2025-26,limited\n".formatted(i, kinds[i % 4], i));
        }
        enrollments.append("t1,active,,small,LES,R03,teacher,,,\nt2,active,,large,LES,R03,teacher,,,\n");
        var report = students.importRoster(district.id(), List.of(
                upload("orgs.csv", "sourcedId,status,dateLastModified,name,type\nLES,active,,Lincoln,school\n"),
                upload("users.csv", users), upload("enrollments.csv", enrollments),
                upload("classes.csv", "sourcedId,status,dateLastModified,title,schoolSourcedId\n"
                        + "small,active,,Small class,LES\nlarge,active,,Large class,LES\n")), "rows.zip", "test");
        assertThat(report.problems()).isEmpty();
        assertThat(students.importChoices(district.id(), upload("choices.csv", choices), "test").problems()).isEmpty();
        StewardUser teacher = fixtures.account(district, "R03", Role.EMPLOYEE);
        long small = jdbc.sql("select id from student_class where district_id = ? and source_id = 'small'")
                .param(district.id()).query(Long.class).single();
        long large = jdbc.sql("select id from student_class where district_id = ? and source_id = 'large'")
                .param(district.id()).query(Long.class).single();
        String check = "?kind=WORK_WITH_NAME&audience=DISTRICT_PAGE&on=2026-12-10&class=";
        for (String page : List.of("/publishing/classes/%d", "/publishing/check" + check + "%d",
                "/api/publishing/check" + check + "%d")) {
            List<String> five = statements(page.formatted(small), teacher);
            List<String> many = statements(page.formatted(large), teacher);
            assertThat(five).as(page).isNotEmpty();
            assertThat(many).as(page + ": " + five.size() + " statements for 5 students, " + many.size() + " for 35")
                    .hasSameSizeAs(five);
            assertThat(QueryCounts.connectionsAtOnce(() -> mvc.perform(get(page.formatted(large))
                    .with(user(teacher))).andExpect(status().isOk()))).as(page).isEqualTo(1);
        }
        mvc.perform(get("/publishing/check" + check + large).with(user(teacher)))
                .andExpect(content().string(containsString("Kid6 F.")));
    }

    private static org.steward.staff.RosterUpload upload(String name, CharSequence csv) {
        return new org.steward.staff.RosterUpload(name, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The teacher asks their principal to take a laptop home, as many times as told; the last request's id. */
    private long askToTakeHome(StewardUser teacher, int times) {
        long last = 0;
        for (int i = 0; i < times; i++) {
            last = approvals.submit(district.id(), teacher, Kind.EQUIPMENT_OFF_SITE, Map.of("equipment", "L-001",
                    "until", java.time.LocalDate.now().plusDays(30).toString(), "why", "Grading at home")).id();
        }
        return last;
    }

    private List<String> statements(String url, StewardUser who) throws Exception {
        return QueryCounts.during(() -> mvc.perform(get(url).with(user(who))).andExpect(status().isOk()));
    }

    private long queries(String url, StewardUser who) throws Exception {
        return statements(url, who).size();
    }
}
