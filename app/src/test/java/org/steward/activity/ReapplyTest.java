package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.steward.activity.ActivityTest.line;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;

/**
 * The lists and rules re-applied to kept logs: with nothing changed it counts exactly what ingestion did; with new
 * lists it replaces the weeks' usage and findings (an open finding no longer raised is dismissed by Steward with the
 * reason, and reopened when the old lists come back) but never touches a confirmed finding; it refuses, changing
 * nothing, when a file is gone or no reason is given; and only those who keep monitoring open it, each district its
 * own.
 */
@StewardTest
class ReapplyTest {

    static final LocalDate MONDAY = LocalDate.parse("2026-11-16");

    static final String MON = String.join("\n", List.of(
            line("2026-11-16T10:00:00", 2_000, "10.0.0.5", "ana", "http://games.example/play"),
            line("2026-11-16T10:02:00", 1_000, "10.0.0.5", "ana", "http://games.example/level2"),
            line("2026-11-16T10:30:00", 3_000, "10.0.0.5", "ana", "http://www.example.org/lesson"),
            line("2026-11-16T12:15:00", 1_000, "10.0.0.6", "ben", "http://casino.example/"))) + "\n";
    static final String TUE = String.join("\n", List.of(
            line("2026-11-17T08:30:00", 1_000, "10.0.0.6", "ben", "http://www.example.org/"),
            line("2026-11-17T10:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/again"))) + "\n";
    static final String NEXT_WEEK = line("2026-11-24T10:00:00", 1_000, "10.0.0.5", "ana",
            "http://games.example/later") + "\n";

    @Autowired Reapplications reapplications;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Findings findings;
    @Autowired MonitoringSettings settings;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    District district;
    StewardUser carl;
    Sources.Source proxy;
    Path lists;

    @BeforeEach
    void district() throws IOException {
        district = fixtures.district("Reapply");
        fixtures.roster(district, ActivityTest.ROSTER);
        fixtures.modelPolicy(district);
        carl = fixtures.account(district, "C1", Role.TECHNOLOGY);
        lists = lists("lists", Map.of("games", "games.example", "gambling", "casino.example"));
        categories.installFolder(district.id(), lists, "carl");
        proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
    }

    @Test
    void withNothingChangedItCountsExactlyWhatIngestionDid() {
        Ingestion.Run mon = ingest(MON, "mon.log");
        Ingestion.Run tue = ingest(TUE, "tue.log");
        Ingestion.Run later = ingest(NEXT_WEEK, "next.log");
        List<String> usage = usage();
        List<String> hours = hours();
        List<String> raised = findingsOfTheDistrict();
        assertThat(raised).hasSize(4); // games on Monday, Tuesday and the next Monday; gambling on Monday

        Reapplications.Scope scope = reapplications.scope(district.id(), MONDAY.plusDays(1), MONDAY.plusDays(1));
        assertThat(scope.first()).isEqualTo(MONDAY);
        assertThat(scope.last()).isEqualTo(MONDAY.plusDays(6));
        assertThat(scope.runs()).extracting(Reapplications.CountedRun::id).containsExactly(mon.id(), tue.id());
        assertThat(scope.findings()).isEqualTo(3);

        Reapplications.Reapplication done = reapplications.run(district.id(), MONDAY.plusDays(1), MONDAY.plusDays(1),
                "Checking the counts", "carl");

        assertThat(done.status()).isEqualTo(Reapplications.Status.DONE);
        assertThat(done.runs()).isEqualTo(2);
        assertThat(done.lines()).isEqualTo(6);
        assertThat(done.findingsBefore()).isEqualTo(3);
        assertThat(done.kept()).isEqualTo(3);
        assertThat(done.raised()).isZero();
        assertThat(done.withdrawn()).isZero();
        assertThat(usage()).isEqualTo(usage);
        assertThat(hours()).isEqualTo(hours);
        assertThat(findingsOfTheDistrict()).isEqualTo(raised);
        assertThat(jdbc.sql("select id from activity_run where district_id = ? and reapply_id = ? order by id")
                .params(district.id(), done.id()).query(Long.class).list()).containsExactly(mon.id(), tue.id());
        assertThat(later.id()).isNotIn(mon.id(), tue.id());
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'ACTIVITY_REAPPLIED'")
                .param(district.id()).query(String.class).single())
                .contains("2026-11-16 to 2026-11-22 counted again from 2 runs by carl");
    }

    @Test
    void newListsReplaceTheWeeksUsageAndFindingsButNeverAConfirmedFinding() throws IOException {
        ingest(MON, "mon.log");
        ingest(TUE, "tue.log");
        long gambling = findingId("gambling", "ben");
        findings.triage(district.id(), gambling, Findings.Status.CONFIRMED, "", "carl");
        String confirmed = finding(gambling);
        long monday = findingId("games-during-duty", "ana", MONDAY);
        long tuesday = findingId("games-during-duty", "ana", MONDAY.plusDays(1));

        // the new lists: games.example is no longer a game, www.example.org is; casino.example is no longer gambling
        categories.installFolder(district.id(), lists("new-lists", Map.of("games", "www.example.org",
                "gambling", "other-casino.example")), "carl");
        Reapplications.Reapplication done = reapplications.run(district.id(), MONDAY, MONDAY.plusDays(6),
                "UT1 lists of December 1", "carl");

        // Ana's Monday is still games in duty time (www.example.org now), her Tuesday no longer; Ben's Tuesday is
        assertThat(done.kept()).isEqualTo(1);
        assertThat(done.withdrawn()).isEqualTo(1);
        assertThat(done.raised()).isEqualTo(1);
        assertThat(done.evidence()).isEqualTo(1);
        assertThat(statusOf(monday)).isEqualTo("OPEN");
        assertThat(finding(monday)).contains("www.example.org/lesson").doesNotContain("games.example");
        assertThat(statusOf(tuesday)).isEqualTo("DISMISSED");
        assertThat(lastStep(tuesday)).startsWith("Steward: Not found again when re-apply " + done.id())
                .contains("UT1 lists of December 1");
        long ben = findingId("games-during-duty", "ben", MONDAY.plusDays(1));
        assertThat(statusOf(ben)).isEqualTo("OPEN");
        assertThat(lastStep(ben)).contains("raised when re-apply " + done.id() + " counted run");
        assertThat(jdbc.sql("select array_to_string(categories, ',') from activity_usage where district_id = ? "
                        + "and site = 'games.example' and day = ?").params(district.id(), MONDAY)
                .query(String.class).single()).isEmpty();
        assertThat(jdbc.sql("select array_to_string(categories, ',') from activity_usage where district_id = ? "
                        + "and site = 'example.org' and day = ? and person = 'ana'").params(district.id(), MONDAY)
                .query(String.class).single()).isEqualTo("games");
        // the confirmed finding is evidence: exactly as it was, without an addendum
        assertThat(finding(gambling)).isEqualTo(confirmed);
        assertThat(jdbc.sql("select count(*) from activity_finding_addendum where finding_id = ?").param(gambling)
                .query(Long.class).single()).isZero();

        // the old lists back: Ana's Tuesday is found again and reopened, Ben's dismissed
        categories.installFolder(district.id(), lists, "carl");
        Reapplications.Reapplication back = reapplications.run(district.id(), MONDAY, MONDAY, "Back to the old lists",
                "carl");
        assertThat(back.reopened()).isEqualTo(1);
        assertThat(back.withdrawn()).isEqualTo(1);
        assertThat(statusOf(tuesday)).isEqualTo("OPEN");
        assertThat(lastStep(tuesday)).startsWith("Steward: Found again when re-apply " + back.id());
        assertThat(statusOf(ben)).isEqualTo("DISMISSED");
        assertThat(finding(monday)).contains("games.example");
        assertThat(finding(gambling)).isEqualTo(confirmed);
    }

    @Test
    void eventsWithoutWebRequestsDateTheirRunAndAreCountedAgain() {
        Sources.Source events = sources.create(district.id(),
                Sources.Setup.of("Endpoint agent", Sources.Kind.UPLOAD, Sources.Format.JSON_LINES), "carl");
        // a USB stick on Wednesday, and no web request at all
        Ingestion.Run run = ingestion.ingest(district.id(), events.id(), new ByteArrayInputStream(
                ("{\"kind\":\"device\",\"time\":\"2026-11-18T17:00:00Z\",\"user\":\"ben\","
                        + "\"type\":\"usb_storage\",\"device\":\"LAP-0042\",\"encrypted\":false}\n")
                        .getBytes(StandardCharsets.UTF_8)), "agent.jsonl", "carl");
        assertThat(jdbc.sql("select first_day || ' ' || last_day || ' ' || events_dated from activity_run where id = ?")
                .param(run.id()).query(String.class).single()).isEqualTo("2026-11-18 2026-11-18 true");
        long usb = findingId("unencrypted-portable-storage", "ben");

        Reapplications.Reapplication done = reapplications.run(district.id(), MONDAY, MONDAY, "Checking the counts",
                "carl");

        assertThat(done.runs()).isEqualTo(1);
        assertThat(done.kept()).isEqualTo(1);
        assertThat(done.withdrawn()).isZero();
        assertThat(statusOf(usb)).isEqualTo("OPEN");
    }

    @Test
    void aLineCountedBeforeStaysCountedOnce() {
        ingest(MON, "mon.log");
        Ingestion.Run again = ingest(MON.substring(MON.indexOf('\n') + 1) + TUE, "mon-and-tue.log");
        assertThat(again.countedBefore()).isEqualTo(3);
        List<String> usage = usage();

        reapplications.run(district.id(), MONDAY, MONDAY, "Checking the counts", "carl");

        assertThat(usage()).isEqualTo(usage);
    }

    @Test
    void aRunIngestedDuringAReapplyIsCountedOnceWhicheverStoresFirst() throws Exception {
        ingest(MON, "mon.log");
        ingest(TUE, "tue.log");
        String wednesday = line("2026-11-18T10:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/wed") + "\n";

        List<Object> outcomes = org.steward.AtOnce.both(
                () -> reapplications.run(district.id(), MONDAY, MONDAY, "Checking the counts", "carl"),
                () -> ingest(wednesday, "wed.log"));

        // the re-apply stored first (and the run added to its rows), or saw the run and changed nothing
        assertThat(outcomes.get(0)).satisfiesAnyOf(
                done -> assertThat(done).isInstanceOf(Reapplications.Reapplication.class),
                refused -> assertThat(refused).isInstanceOf(Reapplications.Refused.class)
                        .extracting(e -> ((Exception) e).getMessage()).asString().contains("re-apply again"));
        assertThat(outcomes.get(1)).isInstanceOf(Ingestion.Run.class);
        assertThat(jdbc.sql("select day || ' ' || sum(requests) from activity_usage where district_id = ? "
                        + "group by day order by day").param(district.id()).query(String.class).list())
                .containsExactly("2026-11-16 4", "2026-11-17 2", "2026-11-18 1");
        assertThat(jdbc.sql("select count(*) from activity_finding where district_id = ? and rule = "
                        + "'games-during-duty' and person = 'ana' and status = 'OPEN'").param(district.id())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void itRefusesAndChangesNothingWithoutAReasonOrItsFilesOrRuns() throws IOException {
        Ingestion.Run mon = ingest(MON, "mon.log");
        List<String> usage = usage();

        assertThatThrownBy(() -> reapplications.run(district.id(), MONDAY, MONDAY, " ok ", "carl"))
                .isInstanceOf(Reapplications.Refused.class).hasMessageContaining("Say why");
        assertThatThrownBy(() -> reapplications.run(district.id(), MONDAY.plusDays(1), MONDAY, "Checking", "carl"))
                .isInstanceOf(Reapplications.Refused.class).hasMessageContaining("end before they begin");
        assertThatThrownBy(() -> reapplications.run(district.id(), MONDAY.plusDays(7), MONDAY.plusDays(8),
                "Checking", "carl"))
                .isInstanceOf(Reapplications.Refused.class).hasMessageContaining("nothing to re-apply");
        assertThatThrownBy(() -> reapplications.run(district.id(), MONDAY.minusYears(2), MONDAY, "Checking",
                "carl"))
                .isInstanceOf(Reapplications.Refused.class).hasMessageContaining("at most 10 weeks");
        assertThatThrownBy(() -> reapplications.run(district.id(), MONDAY, LocalDate.MAX, "Checking", "carl"))
                .isInstanceOf(Reapplications.Refused.class).hasMessageContaining("Choose days from 2000-01-01 to today");

        // past the retention the raw file is deleted: the days cannot be counted again
        settings.save(district.id(), new MonitoringSettings.Values(0, 5, "model"), "carl");
        assertThat(ingestion.deleteExpiredRawFiles(district.id())).isEqualTo(1);
        assertThat(jdbc.sql("select raw_deleted_at is not null from activity_run where id = ?").param(mon.id())
                .query(Boolean.class).single()).isTrue();
        assertThatThrownBy(() -> reapplications.run(district.id(), MONDAY, MONDAY, "Checking the counts", "carl"))
                .isInstanceOf(Reapplications.Refused.class)
                .hasMessageContaining("run " + mon.id() + ", mon.log").hasMessageContaining("nothing was re-applied");
        assertThat(usage()).isEqualTo(usage);
        assertThat(reapplications.recent(district.id(), 10)).isEmpty();
    }

    @Test
    void thePageShowsWhatItWouldCountAgainThenFollowsTheReapply() throws Exception {
        Ingestion.Run mon = ingest(MON, "mon.log");
        mvc.perform(get("/activity/reapply?from=2026-11-17&to=2026-11-18").with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("2026-11-16</span> to <span>2026-11-22"),
                        containsString("mon.log"), containsString("Re-apply to these days"))));
        mvc.perform(post("/activity/reapply").param("from", "2026-11-16").param("to", "2026-11-16")
                        .param("reason", "").with(user(carl)).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Say why")));

        String page = mvc.perform(post("/activity/reapply").param("from", "2026-11-16").param("to", "2026-11-16")
                        .param("reason", "UT1 lists of December 1").with(user(carl)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher job = Pattern.compile("/activity/reapply/jobs/([0-9a-f-]+)").matcher(page);
        assertThat(job.find()).as(page).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mvc.perform(
                        get("/activity/reapply/jobs/" + job.group(1)).with(user(carl)))
                .andReturn().getResponse().getContentAsString().contains("Done:"));
        mvc.perform(get("/activity/reapply").with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("UT1 lists of December 1"),
                        containsString("1 runs: 0 new, 2 found again"))));
        long done = reapplications.recent(district.id(), 1).get(0).id();
        mvc.perform(get("/activity/runs/" + mon.id()).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Counted again since, with the lists and rules in use "
                        + "then, by\n        <a href=\"/activity/reapply\">re-apply " + done + "</a>")));

        // another district's technology sees neither the job nor the runs; other roles do not open the page
        District other = fixtures.district("Elsewhere");
        fixtures.roster(other, ActivityTest.ROSTER);
        StewardUser otherTech = fixtures.account(other, "C1", Role.TECHNOLOGY);
        mvc.perform(get("/activity/reapply/jobs/" + job.group(1)).with(user(otherTech)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/activity/reapply?from=2026-11-16&to=2026-11-16").with(user(otherTech)))
                .andExpect(status().isOk()).andExpect(content().string(allOf(not(containsString("mon.log")),
                        not(containsString("UT1 lists of December 1")), containsString("nothing to re-apply"))));
        // a district administrator sees what it would count, but re-applying is technology services'
        StewardUser admin = fixtures.account(district, "A1", Role.DISTRICT_ADMIN);
        mvc.perform(get("/activity/reapply?from=2026-11-16&to=2026-11-16").with(user(admin)))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("mon.log"),
                        containsString("Technology\n        services re-apply them"),
                        not(containsString("Re-apply to these days")))));
        mvc.perform(post("/activity/reapply").param("from", "2026-11-16").param("to", "2026-11-16")
                .param("reason", "UT1 lists").with(user(admin)).with(csrf())).andExpect(status().isForbidden());
        for (Role role : List.of(Role.EMPLOYEE, Role.SUPERVISOR, Role.INVESTIGATOR, Role.HR)) {
            StewardUser someone = fixtures.account(district, role == Role.SUPERVISOR ? "P1" : "T2", role);
            mvc.perform(get("/activity/reapply").with(user(someone))).andExpect(status().isForbidden());
            mvc.perform(post("/activity/reapply").param("from", "2026-11-16").param("to", "2026-11-16")
                    .param("reason", "UT1 lists").with(user(someone)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(post("/activity/reapply").param("from", "2026-11-16").param("to", "2026-11-16")
                .param("reason", "UT1 lists").with(user(carl))).andExpect(status().isForbidden());
        assertThat(reapplications.recent(district.id(), 10)).hasSize(1);
    }

    private Ingestion.Run ingest(String content, String name) {
        return ingestion.ingest(district.id(), proxy.id(),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name, "carl");
    }

    private Path lists(String name, Map<String, String> domains) throws IOException {
        Path folder = Fixtures.serverFolder(district.slug(), name);
        for (Map.Entry<String, String> category : domains.entrySet()) {
            Files.createDirectories(folder.resolve(category.getKey()));
            Files.writeString(folder.resolve(category.getKey()).resolve("domains"), category.getValue() + "\n");
        }
        return folder;
    }

    private List<String> usage() {
        return jdbc.sql("select day || ' ' || person || ' ' || coalesce(staff_id, 0) || ' ' || site || ' ' || visits "
                        + "|| ' ' || millis || ' ' || requests || ' ' || elapsed_ms || ' ' || bytes || ' ' "
                        + "|| array_to_string(categories, ',') || ' ' || blocked from activity_usage "
                        + "where district_id = ? order by day, person, site")
                .param(district.id()).query(String.class).list();
    }

    private List<String> hours() {
        return jdbc.sql("select day || ' ' || person || ' ' || array_to_string(requests, ',') from activity_hours "
                        + "where district_id = ? order by day, person")
                .param(district.id()).query(String.class).list();
    }

    private List<String> findingsOfTheDistrict() {
        return jdbc.sql("select id || ' ' || rule || ' ' || person || ' ' || window_start || ' ' || count || ' ' "
                        + "|| measured || ' ' || status || ' ' || evidence from activity_finding where district_id = ? "
                        + "order by id")
                .param(district.id()).query(String.class).list();
    }

    private long findingId(String rule, String person) {
        return jdbc.sql("select min(id) from activity_finding where district_id = ? and rule = ? and person = ?")
                .params(district.id(), rule, person).query(Long.class).single();
    }

    private long findingId(String rule, String person, LocalDate day) {
        return jdbc.sql("select id from activity_finding where district_id = ? and rule = ? and person = ? "
                        + "and window_start = ?")
                .params(district.id(), rule, person, java.sql.Timestamp.from(day.atStartOfDay(ActivityTest.LA)
                        .toInstant())).query(Long.class).single();
    }

    private String finding(long id) {
        return jdbc.sql("select rule || ' ' || person || ' ' || count || ' ' || measured || ' ' || first_at || ' ' "
                        + "|| last_at || ' ' || evidence || ' ' || status || ' ' || version from activity_finding "
                        + "where id = ?")
                .param(id).query(String.class).single();
    }

    private String statusOf(long id) {
        return jdbc.sql("select status from activity_finding where id = ?").param(id).query(String.class).single();
    }

    private String lastStep(long id) {
        return jdbc.sql("select by_name || ': ' || reason from activity_finding_step where finding_id = ? "
                + "order by position desc limit 1").param(id).query(String.class).single();
    }
}
