package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.activity.CategoryLists;
import org.steward.activity.FindingConfirmed;
import org.steward.activity.FindingReconsidered;
import org.steward.activity.Findings;
import org.steward.activity.Ingestion;
import org.steward.activity.Sources;
import org.steward.districts.District;

/**
 * FindingConfirmed onward: a finding technology services sends for investigation waits for the district's
 * investigators, who are told by e-mail without the person's name; taken back, it says why; only investigators of
 * its own district see it.
 */
@StewardTest
@EnableScenarios
class InvestigationsTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            """;

    @Autowired Fixtures fixtures;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Findings findings;
    @Autowired Intake intake;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    District district;
    StewardUser ivy;
    StewardUser carl;
    Findings.Finding games;

    @BeforeEach
    void aFindingAboutAna() throws Exception {
        district = fixtures.district("Investigations");
        fixtures.roster(district, ROSTER);
        fixtures.modelPolicy(district);
        ivy = fixtures.account(district, "I1", Role.INVESTIGATOR);
        carl = fixtures.account(district, "C1", Role.TECHNOLOGY);
        Path lists = Fixtures.serverFolder(district.slug(), "lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        categories.installFolder(district.id(), lists, "carl");
        Sources.Source proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
        String log = String.join("\n", List.of(
                line("2026-11-16T10:00:00", "http://games.example/play"),
                line("2026-11-16T10:02:00", "http://games.example/level2"))) + "\n";
        ingestion.ingest(district.id(), proxy.id(), new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                "access.log", "carl");
        games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
    }

    static String line(String end, String url) {
        long millis = LocalDateTime.parse(end).atZone(LA).toInstant().toEpochMilli();
        return "%d.%03d %6d 10.0.0.5 TCP_MISS/200 2000 GET %s ana HIER_DIRECT/1.2.3.4 text/html"
                .formatted(millis / 1000, millis % 1000, 2_000, url);
    }

    @Test
    void aFindingSentForInvestigationWaitsForTheInvestigatorsWhoAreToldWithoutTheName(Scenario scenario)
            throws Exception {
        scenario.stimulate(() -> findings.triage(district.id(), games.id(), Findings.Status.INVESTIGATION,
                        "Games every morning", "carl"))
                .andWaitForEventOfType(FindingConfirmed.class)
                .matching(e -> e.findingId() == games.id() && e.forInvestigation())
                .toArriveAndVerify(e -> org.awaitility.Awaitility.await()
                        .until(() -> intake.waiting(district.id()).size() == 1));

        assertThat(intake.waiting(district.id())).singleElement().satisfies(r -> {
            assertThat(r.findingId()).isEqualTo(games.id());
            assertThat(r.title()).isEqualTo(games.title());
            assertThat(r.subject()).isEqualTo("Ana Alvarez");
            assertThat(r.by()).isEqualTo("carl");
        });
        assertThat(jdbc.sql("select recipient || ' | ' || subject || ' | ' || body from mail_message "
                + "where district_id = ?").param(district.id()).query(String.class).list())
                .singleElement().satisfies(mail -> assertThat(mail)
                        .startsWith("ivy@example.org | A finding was sent for investigation | Dear Ivy Vance,")
                        .contains("Finding " + games.id() + ", \"" + games.title() + "\", was sent for "
                                + "investigation by carl on 2026-")
                        .contains("/investigations").doesNotContain("Ana").doesNotContain("Alvarez"));
        assertThat(audited("INVESTIGATION_REFERRED")).singleElement().asString()
                .contains("finding " + games.id()).contains("by carl");

        mvc.perform(get("/investigations").with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Waiting for an investigator (<span>1</span>)")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Ana Alvarez")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "/activity/findings/" + games.id())));
    }

    @Test
    void takenBackTheReferralSaysWhyAndSentAgainItWaitsAgain(Scenario scenario) {
        findings.triage(district.id(), games.id(), Findings.Status.INVESTIGATION, "", "carl");
        org.awaitility.Awaitility.await().until(() -> intake.waiting(district.id()).size() == 1);

        scenario.stimulate(() -> findings.triage(district.id(), games.id(), Findings.Status.OPEN,
                        "The wrong person: a shared laptop", "carl"))
                .andWaitForEventOfType(FindingReconsidered.class)
                .toArriveAndVerify(e -> org.awaitility.Awaitility.await()
                        .until(() -> intake.waiting(district.id()).isEmpty()));
        assertThat(intake.withdrawn(district.id(), 20)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("Withdrawn");
            assertThat(r.reason()).isEqualTo("reopened: The wrong person: a shared laptop");
        });

        findings.triage(district.id(), games.id(), Findings.Status.INVESTIGATION, "", "carl");
        org.awaitility.Awaitility.await().until(() -> intake.waiting(district.id()).size() == 1);
        findings.triage(district.id(), games.id(), Findings.Status.CONFIRMED, "", "carl");
        org.awaitility.Awaitility.await().until(() -> intake.waiting(district.id()).isEmpty());
        assertThat(intake.withdrawn(district.id(), 20)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("confirmed without an investigation"));
        assertThat(jdbc.sql("select count(*) from investigation_referral where finding_id = ?").param(games.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(audited("INVESTIGATION_REFERRED")).hasSize(2);
        assertThat(audited("INVESTIGATION_REFERRAL_WITHDRAWN")).hasSize(2);
    }

    @Test
    void aSecondDeliveryOfTheSameEventChangesNothing() {
        findings.triage(district.id(), games.id(), Findings.Status.INVESTIGATION, "", "carl");
        org.awaitility.Awaitility.await().until(() -> intake.waiting(district.id()).size() == 1);

        intake.on(new FindingConfirmed(district.id(), games.id(), games.rule(), games.person(), games.staffId(), true,
                "carl"));

        assertThat(intake.waiting(district.id())).hasSize(1);
        assertThat(audited("INVESTIGATION_REFERRED")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from mail_message where district_id = ?").param(district.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyInvestigatorsSeeTheReferralsAndOnlyTheirOwnDistricts() throws Exception {
        findings.triage(district.id(), games.id(), Findings.Status.INVESTIGATION, "", "carl");
        org.awaitility.Awaitility.await().until(() -> intake.waiting(district.id()).size() == 1);

        mvc.perform(get("/investigations").with(user(carl))).andExpect(status().isForbidden());
        mvc.perform(get("/investigations").with(user(fixtures.user(district, Role.DISTRICT_ADMIN))))
                .andExpect(status().isForbidden());
        District other = fixtures.district("Elsewhere");
        mvc.perform(get("/investigations").with(user(fixtures.user(other, Role.INVESTIGATOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Nothing waits")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "Alvarez"))));
    }

    private List<String> audited(String action) {
        return jdbc.sql("select details from audit_entry where district_id = ? and action = ? order by sequence")
                .params(district.id(), action).query(String.class).list();
    }
}
