package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.staff.StaffDirectory;

/**
 * Activity through the app: a log ingested once (and refused the second time), usage and hours stored per person,
 * site and day and attributed to the roster, findings tied to clauses and triaged, category lists put in use from a
 * folder or UT1's archive, the events API behind its token, and the privacy guard refusing every look at a named
 * person's activity without the role or a reason.
 */
@StewardTest
@RecordApplicationEvents
class ActivityTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
            T2,Ben,Brown,ben@example.org,LES,Teacher,,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            A1,Sue,Super,sue@example.org,LES,Assistant superintendent,,2010-08-01,active
            """;

    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired AddressLeases leases;
    @Autowired Findings findings;
    @Autowired org.steward.approvals.Approvals approvals;
    @Autowired org.steward.policies.PolicyLibrary policies;
    @Autowired Fixtures fixtures;
    @Autowired StaffDirectory staff;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource data;
    @Autowired ActivityProperties properties;
    @Autowired MockMvc mvc;
    @Autowired ApplicationEvents events;
    @TempDir Path dir;

    District district;
    StewardUser ana;
    StewardUser pat;
    StewardUser carl;
    StewardUser ivy;
    StewardUser sue;
    Sources.Source proxy;

    @BeforeEach
    void district() throws IOException {
        district = fixtures.district("Activity");
        fixtures.roster(district, ROSTER);
        fixtures.modelPolicy(district);
        ana = account("T1", Role.EMPLOYEE);
        pat = account("P1", Role.SUPERVISOR);
        carl = account("C1", Role.TECHNOLOGY);
        ivy = account("I1", Role.INVESTIGATOR);
        sue = account("A1", Role.DISTRICT_ADMIN);
        Path lists = Fixtures.serverFolder(district.slug(), "lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        Files.createDirectories(lists.resolve("gambling"));
        Files.writeString(lists.resolve("gambling/domains"), "casino.example\n");
        categories.installFolder(district.id(), lists, "carl");
        proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
    }

    /** A Squid line for a request that ended at the local time given. */
    static String line(String end, long elapsedMs, String client, String user, String url) {
        long millis = LocalDateTime.parse(end).atZone(LA).toInstant().toEpochMilli();
        return "%d.%03d %6d %s TCP_MISS/200 2000 GET %s %s HIER_DIRECT/1.2.3.4 text/html"
                .formatted(millis / 1000, millis % 1000, elapsedMs, client, url, user);
    }

    static final String LOG = String.join("\n", List.of(
            line("2026-11-16T10:00:00", 2_000, "10.0.0.5", "ana", "http://games.example/play"),
            line("2026-11-16T10:02:00", 1_000, "10.0.0.5", "ana", "http://games.example/level2"),
            line("2026-11-16T10:30:00", 3_000, "10.0.0.5", "ana@example.org", "http://www.example.org/lesson"),
            line("2026-11-16T12:15:00", 1_000, "10.9.9.9", "-", "http://casino.example/"),
            "this is not a squid line",
            line("2026-11-17T08:00:00", 1_000, "10.0.0.6", "ben", "http://www.example.org/"))) + "\n";

    Ingestion.Run ingest(String content, String name) {
        return ingestion.ingest(district.id(), proxy.id(),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name, "carl");
    }

    @Test
    void aLogIsCountedOnceIntoUsageAttributedToTheRosterWithItsBadLinesNamed() {
        Ingestion.Run run = ingest(LOG, "access.log");
        assertThat(run.status()).isEqualTo(Ingestion.Status.DONE);
        assertThat(run.lines()).isEqualTo(6);
        assertThat(run.badLines()).isEqualTo(1);
        assertThat(run.badSamples()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(5);
            assertThat(s.text()).isEqualTo("this is not a squid line");
        });
        long anaId = staffId("T1");
        // "ana" and "ana@example.org" are both Ana on the roster
        assertThat(jdbc.sql("select sum(visits) from activity_usage where district_id = ? and staff_id = ? "
                        + "and site = 'games.example'").params(district.id(), anaId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select categories from activity_usage where district_id = ? and site = 'casino.example'")
                .param(district.id()).query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single())
                .containsExactly("gambling");
        assertThat(jdbc.sql("select staff_id from activity_usage where district_id = ? and person = '10.9.9.9'")
                .param(district.id()).query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1))).single())
                .isEmpty();

        assertThatThrownBy(() -> ingest(LOG, "access.log.1"))
                .isInstanceOf(Ingestion.Refused.class)
                .hasMessageContaining("the same content was ingested as access.log in run " + run.id());
        assertThat(jdbc.sql("select sum(requests) from activity_usage where district_id = ?").param(district.id())
                .query(Long.class).single()).isEqualTo(5);

        // the next file of the same day adds to the day's rows
        Ingestion.Run next = ingest(line("2026-11-16T14:00:00", 1_000, "10.0.0.5", "ana",
                "http://games.example/again") + "\n", "access.log.2");
        assertThat(next.status()).isEqualTo(Ingestion.Status.DONE);
        assertThat(jdbc.sql("select sum(visits) from activity_usage where district_id = ? and staff_id = ? "
                        + "and site = 'games.example'").params(district.id(), anaId).query(Long.class).single())
                .isEqualTo(2);
        long[] hours = jdbc.sql("select requests from activity_hours where district_id = ? and person = 'ana' "
                        + "and day = '2026-11-16'").param(district.id())
                .query((rs, n) -> java.util.Arrays.stream((Long[]) rs.getArray(1).getArray())
                        .mapToLong(Long::longValue).toArray()).single();
        assertThat(hours[10]).isEqualTo(2);
        assertThat(hours[14]).isEqualTo(1);
    }

    @Test
    void blockedAttemptsChallengesAndProxyErrorsAreToldOnTheRunAndTheReportNotCountedAsBrowsing() throws Exception {
        long at = LocalDateTime.parse("2026-11-16T09:00:00").atZone(LA).toInstant().toEpochMilli() / 1000;
        String log = String.join("\n", List.of(
                at + ".000      0 10.0.0.5 TCP_DENIED/407 3800 GET http://casino.example/ - HIER_NONE/- text/html",
                at + ".500    200 10.0.0.5 TCP_MISS/200 2000 GET http://games.example/ ana HIER_DIRECT/1.2.3.4 text/html",
                (at + 60) + ".000      0 10.0.0.5 TCP_DENIED/403 3900 GET http://casino.example/ ana HIER_NONE/- text/html",
                (at + 61) + ".000      0 10.0.0.5 NONE_NONE/400 3900 NONE error:invalid-request - HIER_NONE/- text/html"))
                + "\n";

        Ingestion.Run run = ingest(log, "access.log");

        assertThat(run.lines()).isEqualTo(4);
        assertThat(run.badLines()).isZero();
        assertThat(run.blocked()).isEqualTo(1);
        assertThat(run.challenges()).isEqualTo(1);
        assertThat(run.proxyErrors()).isEqualTo(1);
        assertThat(jdbc.sql("select person || ' ' || site || ' ' || requests || ' ' || visits || ' ' || blocked "
                + "from activity_usage where district_id = ? order by site").param(district.id()).query(String.class)
                .list()).containsExactly("ana casino.example 0 0 1", "ana games.example 1 1 0");
        mvc.perform(get("/activity/runs/" + run.id()).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("Blocked attempts</dt><dd>1</dd>"),
                        org.hamcrest.Matchers.containsString("Sign-in challenges (407, not counted)</dt><dd>1</dd>"),
                        org.hamcrest.Matchers.containsString("Proxy errors (not counted)</dt><dd>1</dd>"))));
        mvc.perform(get("/activity?from=2026-11-16&to=2026-11-16").with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("<strong>1</strong> blocked attempts"),
                        org.hamcrest.Matchers.containsString("<span>1</span> proxy errors and"))));
    }

    @Test
    void aLineCountedOnceIsNeverCountedAgainWhicheverFileBringsIt() throws Exception {
        ingest(LOG, "access.log");
        long requests = jdbc.sql("select sum(requests) from activity_usage where district_id = ?")
                .param(district.id()).query(Long.class).single();

        // the same log without its first line is other content, but none of its lines is new
        Ingestion.Run again = ingest(LOG.substring(LOG.indexOf('\n') + 1), "access.log.trimmed");
        assertThat(again.status()).isEqualTo(Ingestion.Status.DONE);
        assertThat(again.lines()).isEqualTo(5);
        assertThat(again.countedBefore()).isEqualTo(5);
        assertThat(jdbc.sql("select sum(requests) from activity_usage where district_id = ?").param(district.id())
                .query(Long.class).single()).isEqualTo(requests);

        // a log overlapping the first adds only what is new in it
        String overlapping = LOG.lines().skip(4).map(l -> l + "\n").reduce("", String::concat)
                + line("2026-11-17T09:00:00", 1_000, "10.0.0.6", "ben", "http://www.example.org/new") + "\n";
        Ingestion.Run overlap = ingest(overlapping, "access.log.overlap");
        assertThat(overlap.countedBefore()).isEqualTo(2);
        assertThat(jdbc.sql("select sum(requests) from activity_usage where district_id = ?").param(district.id())
                .query(Long.class).single()).isEqualTo(requests + 1);
        mvc.perform(get("/activity/runs/" + again.id()).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "Lines counted before (another file of this source brought them)</dt><dd>5</dd>")));
    }

    @Test
    void leasesAreReplacedAllOrNothingAndAttributeAnAddressWithoutAUser() {
        assertThat(leases.replace(district.id(), """
                address,person,mac,from,until
                10.9.9.9,ben,,2026-11-16T00:00:00Z,
                """, "leases.csv", "carl")).isEqualTo(1);
        assertThatThrownBy(() -> leases.replace(district.id(), """
                address,person,mac,from,until
                10.9.9.7,,not-a-mac,2026-11-16T00:00:00Z,
                10.9.9.6,ana,,yesterday,
                """, "bad.csv", "carl"))
                .isInstanceOf(AddressLeases.Refused.class)
                .hasMessageContaining("line 2: MAC address 'not-a-mac'").hasMessageContaining("line 3: from and until");
        assertThat(leases.count(district.id())).isEqualTo(1);
        ingest(LOG, "access.log");
        assertThat(jdbc.sql("select staff_id from activity_usage where district_id = ? and site = 'casino.example'")
                .param(district.id()).query(Long.class).single()).isEqualTo(staffId("T2"));
    }

    @Test
    void aSquidSourceRefusesJsonLinesAndAnEmptyFile() {
        assertThatThrownBy(() -> ingest("{\"kind\":\"web\"}\n", "events.jsonl"))
                .isInstanceOf(Ingestion.Refused.class).hasMessageContaining("takes Squid");
        assertThatThrownBy(() -> ingest("", "empty.log"))
                .isInstanceOf(Ingestion.Refused.class).hasMessageContaining("empty");
        assertThat(jdbc.sql("select count(*) from activity_run where district_id = ?").param(district.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aFindingCitesTheClauseOfThePolicyInForceAndOnlyTheDistrictsOwnPolicy() throws Exception {
        ingest(LOG, "access.log");
        Findings.Finding games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        org.steward.policies.Policy policy = policies.all(district.id()).get(0).policy();
        long version1 = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        assertThat(games.citation()).isEqualTo(new org.steward.policies.ClauseReference(version1, "C.4"));
        String words = policies.cited(district.id(), games.citation()).orElseThrow().clause().text();
        assertThat(words).startsWith("Playing online games");

        // version 2 rewords C.4: the finding still cites the words of version 1, in force when it was made
        policies.startDraft(district.id(), policy.id());
        policies.editClause(district.id(), policy.id(), 2, "C.4", null, "Gaming on duty is not allowed.");
        policies.publish(district.id(), policy.id(), 2, "shorter");
        mvc.perform(get("/activity/findings/" + games.id()).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(words)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(", version 1, C.4")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "Gaming on duty"))))
                // the district adopted the model policy: the other real policies' numbering is not shown
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "C.27"))));
        assertThat(findings.queue(district.id(), new Findings.Filter(null, "C.4", null, null, null, null, null),
                LA, 50)).extracting(Findings.Finding::id).contains(games.id());
    }

    @Test
    void twoPeopleTriagingOneFindingAtOnceRecordOneStep() throws Exception {
        ingest(LOG, "access.log");
        Findings.Finding games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        List<Object> outcomes = org.steward.AtOnce.overlapping(data, "activity_finding", games.id(),
                () -> findings.triage(district.id(), games.id(), Findings.Status.CONFIRMED, "", "carl"),
                () -> findings.triage(district.id(), games.id(), Findings.Status.DISMISSED, "Part of a lesson",
                        "ivy"));
        assertThat(outcomes).filteredOn(Findings.Finding.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Findings.Refused.class::isInstance).hasSize(1);
        assertThat(findings.steps(district.id(), games.id())).hasSize(2);
    }

    @Test
    void aConfirmedFindingIsEvidenceThatLaterRunsAddToWithAnAddendumAndNeverChange() throws Exception {
        ingest(LOG, "access.log");
        Findings.Finding games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        findings.triage(district.id(), games.id(), Findings.Status.CONFIRMED, "Games in class", "carl");

        ingest(line("2026-11-16T10:05:00", 1_000, "10.0.0.5", "ana", "http://games.example/level3") + "\n"
                + line("2026-11-16T12:20:00", 1_000, "10.9.9.9", "-", "http://casino.example/roulette") + "\n",
                "access.log.1");
        Findings.Finding after = findings.find(district.id(), games.id()).orElseThrow();
        assertThat(after.count()).isEqualTo(games.count());
        assertThat(after.last()).isEqualTo(games.last());
        assertThat(after.evidence()).isEqualTo(games.evidence());
        assertThat(findings.addenda(district.id(), games.id())).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(games.count() + 1);
            assertThat(a.evidence()).anySatisfy(e -> assertThat(e.text()).contains("games.example/level3"));
        });
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'FINDING_ADDENDUM'")
                .param(district.id()).query(String.class).single()).contains("stays as it was");
        assertThatThrownBy(() -> jdbc.sql("update activity_finding set count = 1 where id = ?").param(games.id())
                .update()).hasMessageContaining("is evidence: it cannot change");
        // reopening it does not make it editable again, and an open finding still grows with its window
        findings.triage(district.id(), games.id(), Findings.Status.OPEN, "Asked to look again", "carl");
        assertThatThrownBy(() -> jdbc.sql("update activity_finding set evidence = '[]' where id = ?").param(games.id())
                .update()).hasMessageContaining("is evidence");
        assertThat(findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("gambling")).findFirst()).hasValueSatisfying(f ->
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("roulette")));

        mvc.perform(get("/activity/findings/" + games.id()).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Found after it was decided")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "level3"))));
    }

    @Test
    void evidenceAndBadLinesKeepTheirTextExactlyWithTabsLineBreaksQuotesAndAccents() {
        Sources.Source filter = sources.create(district.id(),
                Sources.Setup.of("Web filter", Sources.Kind.UPLOAD, Sources.Format.JSON_LINES), "carl");
        // JSON takes tabs and carriage returns between tokens, and the line as it came, with them, is evidence
        String first = "{\"kind\":\"web\",\t\"time\":\"2026-11-16T18:00:00Z\",\r\"user\":\"ana\","
                + "\"client\":\"10.0.0.5\",\"url\":\"http://games.example/caf\u00e9?q=\\\"\u00e9checs\\\"\"}";
        String second = "{\"kind\":\"web\", \"time\":\"2026-11-16T18:02:00Z\",\t\t\"user\":\"ana\","
                + "\"client\":\"10.0.0.5\",\"url\":\"http://games.example/\u6e38\u620f\"}\r ";
        String bad = "{\"kind\":\t\"web\" \"quoted\" caf\u00e9 \u2615\rstill the same line";
        ingestion.ingest(district.id(), filter.id(), new ByteArrayInputStream((first + "\n")
                .getBytes(StandardCharsets.UTF_8)), "filter-1.jsonl", "carl");
        Ingestion.Run run = ingestion.ingest(district.id(), filter.id(), new ByteArrayInputStream(
                (second + "\n" + bad + "\n").getBytes(StandardCharsets.UTF_8)), "filter-2.jsonl", "carl");

        // the window keeps the earlier run's line first, then this run's
        assertThat(findings.queue(district.id(), Findings.Filter.OPEN, LA, 50)).filteredOn(f -> f.rule()
                .equals("games-during-duty")).singleElement().satisfies(f -> assertThat(f.evidence())
                .extracting(Findings.Evidence::line, Findings.Evidence::text)
                .containsExactly(tuple(1L, first), tuple(1L, second)));
        assertThat(run.badSamples()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(2);
            assertThat(s.text()).isEqualTo(bad);
        });
        assertThat(run.badReasons()).containsExactly(java.util.Map.entry("not JSON", 1L));
    }

    @Test
    void aFindingCitesItsClauseAndIsTriagedWithTheSupervisorSeeingItOnlyOnceConfirmed() throws Exception {
        ingest(LOG, "access.log");
        Findings.Finding games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        assertThat(games.staffId()).isEqualTo(staffId("T1"));
        assertThat(games.clauses()).containsEntry("model", "C.4").containsEntry("clovis", "C.27");
        assertThat(games.evidence()).first().satisfies(e -> assertThat(e.text()).contains("games.example/play"));

        // the evidence is Ana's own log lines: technology sees them only under a reason, audited
        mvc.perform(get("/activity/findings/" + games.id()).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "games.example/play"))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Show the log lines")));
        mvc.perform(post("/activity/views").param("person", "anyone").param("back", "finding")
                        .param("finding", String.valueOf(games.id())).param("reason", ".....").with(user(carl))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute(
                        "problem", org.hamcrest.Matchers.containsString("Say in words why")));
        String shown = mvc.perform(post("/activity/views").param("person", "anyone").param("back", "finding")
                        .param("finding", String.valueOf(games.id())).param("reason", "Complaint from the principal")
                        .with(user(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(shown).startsWith("/activity/findings/" + games.id() + "?view=");
        mvc.perform(get(shown).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("games.example/play")));
        assertThat(jdbc.sql("select reason || ' | ' || details from audit_entry where district_id = ? and action in "
                        + "('ACTIVITY_VIEW_OPENED', 'ACTIVITY_VIEWED') order by sequence").param(district.id())
                .query(String.class).list()).containsExactly(
                "Complaint from the principal | " + carl.getUsername() + " looks at staff:" + staffId("T1"),
                "Complaint from the principal | " + carl.getUsername() + " sees the log lines of finding " + games.id() + " of staff:"
                        + staffId("T1"));
        // the view opened for this finding opens nobody else's
        mvc.perform(get("/activity/findings/" + games.id()).param("view", "999999").with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "games.example/play"))));
        // the supervisor neither sees it nor can open it before it is confirmed
        mvc.perform(get("/activity/findings").with(user(pat))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "Online games"))));
        mvc.perform(get("/activity/findings/" + games.id()).with(user(pat))).andExpect(status().isNotFound());
        mvc.perform(post("/activity/findings/" + games.id() + "/triage").param("status", "CONFIRMED")
                .with(user(pat)).with(csrf())).andExpect(status().isForbidden());

        assertThatThrownBy(() -> findings.triage(district.id(), games.id(), Findings.Status.DISMISSED, "", "carl"))
                .isInstanceOf(Findings.Refused.class).hasMessageContaining("why");
        mvc.perform(post("/activity/findings/" + games.id() + "/triage").param("status", "CONFIRMED")
                .param("reason", "Games during class time").with(user(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(events.stream(FindingConfirmed.class)).singleElement().satisfies(e -> {
            assertThat(e.findingId()).isEqualTo(games.id());
            assertThat(e.staffId()).isEqualTo(staffId("T1"));
        });
        assertThat(findings.steps(district.id(), games.id())).extracting(Findings.Step::status)
                .containsExactly(Findings.Status.OPEN, Findings.Status.CONFIRMED);

        mvc.perform(get("/activity/findings").with(user(pat))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Online games")));
        mvc.perform(get("/activity/findings/" + games.id()).with(user(pat))).andExpect(status().isOk())
                // the clause as the district's model policy words it, and not Ana's log lines
                .andExpect(content().string(org.hamcrest.Matchers.containsString("C.4")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "games.example/play"))));
        mvc.perform(get("/activity/findings/" + games.id()).with(user(ana))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("games.example/play")));
        // Ana sees her own finding; Ben does not see hers
        mvc.perform(get("/activity/findings/" + games.id()).with(user(ana))).andExpect(status().isOk());
        mvc.perform(get("/activity/findings/" + games.id()).with(user(account("T2", Role.EMPLOYEE))))
                .andExpect(status().isNotFound());
    }

    @Test
    void aNamedPersonsActivityNeedsTheRoleAndAReasonAndEachLookIsAudited() throws Exception {
        ingest(LOG, "access.log");
        String anaKey = "staff:" + staffId("T1");
        // without the role: refused, even with the address of the page
        for (StewardUser other : List.of(ana, pat, sue)) {
            mvc.perform(get("/activity/people").param("person", anaKey).with(user(other)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/activity/views").param("person", anaKey).param("reason", "Just curious about it")
                    .with(user(other)).with(csrf())).andExpect(status().isForbidden());
        }
        // with the role but no reason: the reason form, refused
        mvc.perform(get("/activity/people").param("person", anaKey).with(user(carl)))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Why do you need to see")));
        mvc.perform(get("/activity/people.csv").param("person", anaKey).with(user(carl)))
                .andExpect(status().isForbidden());
        long auditBefore = audits("ACTIVITY_VIEW%");

        MvcResult opened = mvc.perform(post("/activity/views").param("person", anaKey)
                        .param("reason", "Report of games in class").param("caseRef", "HR-12")
                        .param("from", "2026-11-01").param("to", "2026-11-30").with(user(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String target = opened.getResponse().getRedirectedUrl();
        assertThat(target).contains("view=");
        String view = target.replaceAll(".*view=(\\d+).*", "$1");
        mvc.perform(get("/activity/people").param("person", anaKey).param("view", view)
                        .param("from", "2026-11-01").param("to", "2026-11-30").with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("games.example")));
        mvc.perform(get("/activity/people.csv").param("person", anaKey).param("view", view)
                        .param("from", "2026-11-01").param("to", "2026-11-30").with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("2026-11-16,games.example,1,")));
        // the day-by-day table opens one day's report under the same reason
        mvc.perform(get("/activity/people").param("person", anaKey).param("view", view)
                        .param("from", "2026-11-01").param("to", "2026-11-30").with(user(carl)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Day by day")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "from=2026-11-16&amp;to=2026-11-16&amp;view=" + view)));
        // the PDF for an investigation's file prints whose, which days, and the reason on every page
        MvcResult pdf = mvc.perform(get("/activity/people.pdf").param("person", anaKey).param("view", view)
                        .param("from", "2026-11-01").param("to", "2026-11-30").with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Type", "application/pdf")).andReturn();
        try (org.apache.pdfbox.pdmodel.PDDocument printed = org.apache.pdfbox.Loader.loadPDF(
                pdf.getResponse().getContentAsByteArray())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(printed);
            java.nio.file.Files.createDirectories(Path.of("target", "screenshots"));
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(printed).renderImageWithDPI(0, 72),
                    "png", Path.of("target", "screenshots", "person-report-pdf.png").toFile()); // to look at
            assertThat(text).contains("Internet use of Ana Alvarez").contains("From 2026-11-01 to 2026-11-30")
                    .contains("Report of games in class (case HR-12)").contains("2026-11-16 mon")
                    .contains("games.example").contains("page 1 of " + printed.getNumberOfPages());
        }
        mvc.perform(get("/activity/people.pdf").param("person", anaKey).with(user(carl)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/activity/people.pdf").param("person", anaKey).param("view", view).with(user(ivy)))
                .andExpect(status().isForbidden());
        // someone else's reason opens nothing, nor does it open another person
        mvc.perform(get("/activity/people").param("person", anaKey).param("view", view).with(user(ivy)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/activity/people").param("person", "staff:" + staffId("T2")).param("view", view)
                .with(user(carl))).andExpect(status().isForbidden());

        assertThat(audits("ACTIVITY_VIEW%")).isEqualTo(auditBefore + 5); // opened, the page twice, the CSV, the PDF
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'ACTIVITY_VIEWED' "
                + "order by sequence desc limit 1").param(district.id()).query(String.class).single())
                .contains("the internet use report as a PDF, 2026-11-01 to 2026-11-30").contains(anaKey);
        assertThat(jdbc.sql("select reason || ' / ' || details from audit_entry where district_id = ? "
                        + "and action = 'ACTIVITY_VIEW_OPENED'").param(district.id()).query(String.class).single())
                .contains("Report of games in class").contains(carl.getUsername()).contains(anaKey).contains("HR-12");

        // the top users name people: the role and a reason of their own, audited with the days
        mvc.perform(get("/activity/top").with(user(carl))).andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Why do you need to see")));
        mvc.perform(get("/activity/top").with(user(sue))).andExpect(status().isForbidden());
        String top = mvc.perform(post("/activity/views").param("person", "top-users").param("back", "top")
                        .param("reason", "Bandwidth complaint from RHS").param("from", "2026-11-01")
                        .param("to", "2026-11-30").with(user(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(top).startsWith("/activity/top?from=2026-11-01&to=2026-11-30&view=");
        mvc.perform(get(top).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Top users by time connected")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Ana Alvarez")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("games.example")));
        mvc.perform(get(top).with(user(ivy))).andExpect(status().isForbidden()); // someone else's reason
        String topView = top.replaceAll(".*view=(\\d+).*", "$1");
        // a look at the top users is not a look at Ana's report
        mvc.perform(get("/activity/people").param("person", anaKey).param("view", topView).with(user(carl)))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'ACTIVITY_VIEWED' "
                + "order by sequence desc limit 1").param(district.id()).query(String.class).single())
                .contains("the top users, 2026-11-01 to 2026-11-30");

        // district totals name nobody and need no reason; an employee sees her own activity
        mvc.perform(get("/activity").param("from", "2026-11-01").param("to", "2026-11-30").with(user(sue)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("games.example")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Alvarez"))));
        mvc.perform(get("/activity").with(user(ana))).andExpect(status().isForbidden());
        mvc.perform(get("/activity/mine").param("from", "2026-11-01").param("to", "2026-11-30").with(user(ana)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("games.example")));
        // her sites page and sort (the pages themselves as every list's), instead of stopping at 500
        String mine = mvc.perform(get("/activity/mine").param("from", "2026-11-01").param("to", "2026-11-30")
                .param("sort", "site").param("dir", "desc").with(user(ana)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mine).contains("Page 1 of 1: sites 1 to 2 of 2.")
                .containsPattern("(?s)<td>games.example</td>.*<td>example.org</td>")
                .contains("href=\"/activity/mine?from=2026-11-01&amp;to=2026-11-30&amp;sort=visits");
        // a site's visitors are named only under a reason
        mvc.perform(get("/activity/sites").param("site", "games.example").param("from", "2026-11-01")
                        .param("to", "2026-11-30").with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Alvarez"))));
        // nor can the findings queue be asked who went to a site without one
        mvc.perform(get("/activity/findings").param("site", "casino.example").param("status", "").with(user(carl)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Show the findings at this site")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Online games")));
        String filtered = mvc.perform(post("/activity/views").param("person", "casino.example")
                        .param("back", "findings").param("reason", "Report of gambling on a lab machine")
                        .with(user(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(filtered).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Gambling sites")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "Online games"))));
    }

    @Test
    void anEventWithANulCharacterIsABadLineNotAServerError() throws Exception {
        Sources.Source api = sources.create(district.id(),
                Sources.Setup.of("Mail gateway", Sources.Kind.API, Sources.Format.JSON_LINES), "carl");
        String token = sources.issueToken(district.id(), api.id(), "carl");
        String body = "{\"kind\":\"web\",\"time\":\"2026-11-16T17:00:00Z\",\"user\":\"a\\u0000b\","
                + "\"url\":\"http://games.example/\"}\n";

        mvc.perform(post("/api/events").header("Authorization", "Bearer " + token).content(body))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"bad_lines\":1")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("SQL"))));
    }

    @Test
    void aSmallGzipThatExpandsPastTheServersLimitFailsItsRunSayingSoAndMayBeTriedAgain() throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzip)) {
            byte[] line = (line("2026-11-16T10:00:00", 100, "10.0.0.5", "ana", "http://www.example.org/") + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written <= 50_000_000; written += line.length) {
                out.write(line);
            }
        }
        assertThat(gzip.size()).as("a small upload").isLessThan(1_000_000);

        Ingestion.Run run = ingestion.ingest(district.id(), proxy.id(), new ByteArrayInputStream(gzip.toByteArray()),
                "access.log.gz", "carl");
        assertThat(run.status()).isEqualTo(Ingestion.Status.FAILED);
        assertThat(run.problem()).contains("is larger than 50000000 bytes once gunzipped");
        assertThat(jdbc.sql("select count(*) from activity_usage where district_id = ?").param(district.id())
                .query(Long.class).single()).as("nothing stored").isZero();

        // not refused as counted: a failed run counted nothing, so the same file may be tried again
        Ingestion.Run again = ingestion.ingest(district.id(), proxy.id(),
                new ByteArrayInputStream(gzip.toByteArray()), "access.log.gz", "carl");
        assertThat(again.id()).isNotEqualTo(run.id());
        assertThat(again.status()).isEqualTo(Ingestion.Status.FAILED);
    }

    @Test
    void anUploadCutOffLeavesNoPartialFileAndLeftoversGoAtStart() throws Exception {
        java.io.InputStream cutOff = new java.io.InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 100_000) {
                    throw new IOException("the browser went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> ingestion.ingest(district.id(), proxy.id(), cutOff, "access.log", "carl"))
                .hasMessageContaining("Cannot keep access.log");
        Path raw = properties.raw(district.id());
        try (java.util.stream.Stream<Path> files = Files.list(raw)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        Path leftover = Files.writeString(raw.resolve("incoming-123.part"), "left by a stop of the server");
        ingestion.deletePartialUploads();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aMassEMailIsAFindingOnlyWhereNoApprovalWasInForceForIt() {
        Sources.Source gateway = sources.create(district.id(),
                Sources.Setup.of("Mail gateway", Sources.Kind.UPLOAD, Sources.Format.JSON_LINES), "carl");
        org.steward.approvals.Request asked = approvals.submit(district.id(), ana,
                org.steward.approvals.Kind.MASS_EMAIL,
                java.util.Map.of("audience", "All staff", "subject", "Book fair", "summary", "Dates and times"));
        Instant approvedAt = approvals.decide(district.id(), asked.id(), sue, true, "", "").decidedAt();
        java.util.function.BiFunction<String, Instant, String> mass = (user, at) -> "{\"kind\":\"email\","
                + "\"time\":\"" + at + "\",\"user\":\"" + user + "\",\"sender\":\"" + user
                + "@example.org\",\"recipients\":900,\"recipient_lists\":[\"All Staff\"]}\n";
        java.util.function.Supplier<List<Findings.Finding>> massFindings = () -> findings.queue(district.id(),
                Findings.Filter.OPEN, LA, 50).stream().filter(f -> f.rule().equals("mass-email")).toList();

        ingestion.ingest(district.id(), gateway.id(), new ByteArrayInputStream(
                mass.apply("ana", approvedAt.plusSeconds(60)).getBytes(StandardCharsets.UTF_8)), "mail-1.jsonl", "carl");
        assertThat(massFindings.get()).as("the approved message").isEmpty();

        ingestion.ingest(district.id(), gateway.id(), new ByteArrayInputStream((mass.apply("ana",
                approvedAt.plusSeconds(120)) + mass.apply("ben", approvedAt.plusSeconds(60)))
                .getBytes(StandardCharsets.UTF_8)), "mail-2.jsonl", "carl");
        assertThat(massFindings.get()).as("a second message on one approval, and one with none")
                .extracting(Findings.Finding::staffId).containsExactlyInAnyOrder(staffId("T1"), staffId("T2"));
        assertThat(approvals.find(district.id(), asked.id()).orElseThrow().usesLeft()).as("it covered one message")
                .isZero();

        // the approval is used up: a mass message a week later is a finding of its own
        ingestion.ingest(district.id(), gateway.id(), new ByteArrayInputStream(mass.apply("ana",
                approvedAt.plus(java.time.Duration.ofDays(7))).getBytes(StandardCharsets.UTF_8)), "mail-3.jsonl",
                "carl");
        assertThat(massFindings.get()).filteredOn(f -> f.staffId() != null && f.staffId() == staffId("T1")).hasSize(2);
    }

    @Test
    void theEventsApiTakesJsonLinesOnlyWithALiveToken() throws Exception {
        Sources.Source api = sources.create(district.id(),
                Sources.Setup.of("Mail gateway", Sources.Kind.API, Sources.Format.JSON_LINES), "carl");
        String body = "{\"kind\":\"device\",\"time\":\"2026-11-16T17:00:00Z\",\"user\":\"ben\","
                + "\"type\":\"usb_storage\",\"device\":\"LAP-0042\",\"encrypted\":false}\n";
        mvc.perform(post("/api/events").content(body)).andExpect(status().isUnauthorized());
        String token = sources.issueToken(district.id(), api.id(), "carl");
        mvc.perform(post("/api/events").header("Authorization", "Bearer " + token).content(body))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"lines\":1")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"findings\":1")));
        assertThat(findings.queue(district.id(), Findings.Filter.OPEN, LA, 10))
                .anySatisfy(f -> assertThat(f.rule()).isEqualTo("unencrypted-portable-storage"));
        mvc.perform(post("/api/events").header("Authorization", "Bearer " + token).content(body))
                .andExpect(status().isUnprocessableEntity());
        sources.revokeToken(district.id(), api.id(), "carl");
        mvc.perform(post("/api/events").header("Authorization", "Bearer " + token)
                .content(body.replace("LAP-0042", "LAP-0043"))).andExpect(status().isUnauthorized());
        // the token of this source opens no other district's source, and the upload page is technology's
        mvc.perform(post("/activity/sources/" + proxy.id() + "/upload").content(LOG).with(user(ana)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void ut1sArchiveIsUnpackedAndPutInUseAndABadOneChangesNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            directory(tar, "blacklists/");
            directory(tar, "blacklists/redirector/");
            file(tar, "blacklists/redirector/domains", "vpn.example\nproxy.example\n");
            directory(tar, "blacklists/games/");
            file(tar, "blacklists/games/domains", "games.example\n");
            TarArchiveEntry alias = new TarArchiveEntry("blacklists/proxy", TarArchiveEntry.LF_SYMLINK);
            alias.setLinkName("redirector");
            tar.putArchiveEntry(alias);
            tar.closeArchiveEntry();
        }
        CategoryLists.Installed set = categories.installArchive(district.id(),
                new ByteArrayInputStream(bytes.toByteArray()), "blacklists.tar.gz", "carl");
        assertThat(set.sizes()).containsEntry("redirector", 2).containsEntry("games", 1);
        assertThat(categories.index(district.id()).canonical("proxy")).isEqualTo("redirector");

        ByteArrayOutputStream evil = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(evil))) {
            file(tar, "../../escape/domains", "x.example\n");
        }
        assertThatThrownBy(() -> categories.installArchive(district.id(), new ByteArrayInputStream(evil.toByteArray()),
                "evil.tar.gz", "carl")).isInstanceOf(CategoryLists.Refused.class).hasMessageContaining("leaves");
        assertThatThrownBy(() -> categories.installArchive(district.id(),
                new ByteArrayInputStream("not gzip".getBytes(StandardCharsets.UTF_8)), "junk.tar.gz", "carl"))
                .isInstanceOf(CategoryLists.Refused.class);
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(set.id());
    }

    static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    long audits(String action) {
        return jdbc.sql("select count(*) from audit_entry where district_id = ? and action like ?")
                .params(district.id(), action).query(Long.class).single();
    }

    long staffId(String employeeId) {
        return staff.everyone(district.id()).stream().filter(m -> m.employeeId().equals(employeeId)).findFirst()
                .orElseThrow().id();
    }

    @Test
    void aStaffProfileShowsTheirFindingsAndTheWayToTheirReportOnlyToThoseWhoMaySeeIt() throws Exception {
        ingest(LOG, "access.log");
        String profile = "/staff/" + staffId("T1");
        mvc.perform(get(profile).with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("/activity/people?person=staff:" + staffId("T1")),
                        org.hamcrest.Matchers.containsString("Online games"))));
        mvc.perform(get(profile).with(user(sue))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("Open the internet use report"))));
    }

    StewardUser account(String employeeId, Role role) {
        return fixtures.account(district, employeeId, role);
    }
}
