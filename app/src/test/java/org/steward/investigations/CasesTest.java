package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.AtOnce;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Campaign;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.SignaturePage;
import org.steward.acknowledgments.Signing;
import org.steward.acknowledgments.Statement;
import org.steward.activity.CategoryLists;
import org.steward.activity.Findings;
import org.steward.activity.Ingestion;
import org.steward.activity.Sources;
import org.steward.devices.Handovers;
import org.steward.devices.Incidents;
import org.steward.districts.District;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Cases through their pages, in two districts: opened from a referral, worked, closed with an outcome that cites the
 * clause the subject signed; who sees a case and who sees an outcome; every refusal changes nothing.
 */
@StewardTest
class CasesTest {

    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            S1,Sam,Super,sam@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,S1,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            H1,Hana,Reyes,hana@example.org,LES,HR officer,,2019-08-01,active
            """;

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired Fixtures fixtures;
    @Autowired CaseFixtures caseFixtures;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Findings findings;
    @Autowired Intake intake;
    @Autowired Cases cases;
    @Autowired Campaigns campaigns;
    @Autowired Signing signing;
    @Autowired SignaturePage signaturePage;
    @Autowired PolicyLibrary policies;
    @Autowired StaffDirectory staff;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource data;
    @Autowired MockMvc mvc;
    @Autowired org.steward.devices.Inventory inventory;
    @Autowired org.steward.devices.Handovers handovers;
    @Autowired org.steward.devices.Incidents incidents;

    District district;
    StewardUser ivy;
    StewardUser hana;
    StewardUser sam;
    StewardUser ana;
    StaffMember anaMember;
    Referred waiting;

    @BeforeEach
    void aFindingAboutAnaWaitsAndAnaSignedThePolicy() throws Exception {
        district = fixtures.district("Cases");
        fixtures.roster(district, ROSTER);
        ivy = fixtures.account(district, "I1", Role.INVESTIGATOR);
        hana = fixtures.account(district, "H1", Role.HR);
        sam = fixtures.account(district, "S1", Role.SUPERVISOR);
        ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        anaMember = staff.active(district.id()).stream().filter(m -> m.employeeId().equals("T1")).findFirst()
                .orElseThrow();
        caseFixtures.signed(district, anaMember);
        waiting = caseFixtures.gamesSentForInvestigation(district, "ana");
    }

    long openFromTheReferral() throws Exception {
        mvc.perform(post("/investigations/referrals/{id}/case", waiting.id()).with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("message", "Case 1 is open."));
        return caseId(district, 1);
    }

    long caseId(District in, int number) {
        return jdbc.sql("select id from investigation_case where district_id = ? and number = ?")
                .params(in.id(), number).query(Long.class).single();
    }

    @Test
    void aReferralTakenIntoACaseLeavesTheWaitingListAndTheCasePageIsAudited() throws Exception {
        long id = openFromTheReferral();

        assertThat(intake.waiting(district.id())).isEmpty();
        assertThat(jdbc.sql("select status from investigation_referral where id = ?").param(waiting.id())
                .query(String.class).single()).isEqualTo("TAKEN");
        mvc.perform(get("/investigations/cases/{id}", id).with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Case 1: </span><span>" + waiting.title())))
                .andExpect(content().string(containsString("Ana Alvarez")))
                .andExpect(content().string(containsString("Finding " + waiting.findingId())))
                .andExpect(content().string(containsString("<h2 id=\"evidence-heading\">Evidence</h2>")));
        assertThat(audited("CASE_VIEWED")).singleElement().asString().contains("case 1 viewed by " + ivy.getUsername());

        // a second delivery of the finding's event leaves it in the case; the finding reopened withdraws it
        intake.on(new org.steward.activity.FindingConfirmed(district.id(), waiting.findingId(), waiting.rule(),
                "ana", anaMember.id(), true, "carl"));
        assertThat(intake.waiting(district.id())).isEmpty();
        findings.triage(district.id(), waiting.findingId(), Findings.Status.OPEN, "Wrong person", "carl");
        Awaitility.await().until(() -> "WITHDRAWN".equals(jdbc.sql("select status from investigation_referral "
                + "where id = ?").param(waiting.id()).query(String.class).single()));
        assertThat(intake.waiting(district.id())).isEmpty();
        assertThat(jdbc.sql("select status from investigation_case where id = ?").param(id).query(String.class)
                .single()).isEqualTo("OPEN");
    }

    @Test
    void badTasksAndNotesAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        long id = openFromTheReferral();
        String before = caseRow(id);

        refused(post("/investigations/cases/{id}/tasks", id).param("title", "Interview").param("assignee", ""), id,
                "Choose who does the task: one of the case's people.");
        refused(post("/investigations/cases/{id}/tasks", id).param("title", "Interview")
                .param("assignee", String.valueOf(hana.accountId())), id,
                "The task's assignee is not on the case: assign them to the case first.");
        refused(post("/investigations/cases/{id}/tasks", id).param("title", "Interview")
                .param("assignee", String.valueOf(ivy.accountId())).param("due", "next friday"), id,
                "The due date is a date like 2026-12-19, not 'next friday'.");
        refused(post("/investigations/cases/{id}/notes", id).param("text", "  "), id,
                "Write the note before adding it.");
        assertThat(caseRow(id)).isEqualTo(before);
        assertThat(count("investigation_case_task", id)).isZero();
        assertThat(count("investigation_case_note", id)).isZero();

        mvc.perform(post("/investigations/cases/{id}/tasks", id).with(user(ivy)).with(csrf())
                        .param("title", "Interview the principal").param("assignee", String.valueOf(ivy.accountId()))
                        .param("due", "2026-12-19"))
                .andExpect(flash().attribute("message", "Task added."));
        assertThat(jdbc.sql("select due_on from investigation_case_task where case_id = ?").param(id)
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 12, 19));
    }

    @Test
    void badOutcomesAreRefusedThenPrivilegesCancelledEndsTheSubjectsSignInAndOnlyTheRightPeopleSeeIt()
            throws Exception {
        long id = openFromTheReferral();
        String before = caseRow(id);

        refused(close(id, "WRITTEN_WARNING", "", "Games daily"), id, "\"Written warning\" names the clause"
                + " violated: choose it in the version of the policy the subject signed.");
        refused(close(id, "WRITTEN_WARNING", "Z.99", "Games daily"), id,
                "Clause Z.99 is not in " + signedTitle() + ", version 1, the version the subject signed: cite one"
                        + " of its clauses.");
        refused(close(id, "COACHING", clause(), " "), id,
                "Write the outcome's summary: what the investigation found.");
        refused(close(id, "SUSPENDED", clause(), "Games"), id, "\"SUSPENDED\" is not an outcome: choose one of the"
                + " list.");
        assertThat(caseRow(id)).isEqualTo(before);
        mvc.perform(formLogin().user(ana.getUsername()).password("correct horse battery"))
                .andExpect(authenticated());

        mvc.perform(close(id, "PRIVILEGES_CANCELLED", clause(), "Played games every morning during duty.")
                        .with(user(ivy)).with(csrf()))
                .andExpect(flash().attribute("message", "Closed with its outcome."));
        assertThat(caseRow(id)).contains("CLOSED", "PRIVILEGES_CANCELLED", clause());
        mvc.perform(formLogin().user(ana.getUsername()).password("correct horse battery"))
                .andExpect(unauthenticated());
        refused(close(id, "NO_VIOLATION", "", "Again"), id, "Case 1 is closed: nothing about it changes any more.");
        assertThat(caseRow(id)).contains("PRIVILEGES_CANCELLED");

        String words = policies.cited(district.id(), new org.steward.policies.ClauseReference(
                outcomeVersion(id), clause())).orElseThrow().clause().text();
        mvc.perform(get("/my/outcomes").with(user(ana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Privileges cancelled")))
                .andExpect(content().string(containsString(org.springframework.web.util.HtmlUtils.htmlEscape(
                        words.substring(0, Math.min(40, words.length()))))))
                .andExpect(content().string(not(containsString(waiting.title()))));
        assertThat(audited("OUTCOMES_VIEWED")).isEmpty();

        // told by e-mail too, since she can no longer sign in to read it: the outcome, the clause, the summary
        Awaitility.await().until(() -> !mailsTo("ana@example.org").isEmpty());
        assertThat(mailsTo("ana@example.org")).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("An outcome about you: Privileges cancelled");
            assertThat(GreenMailUtil.getBody(m).replaceAll("=\\r?\\n", "").replaceAll("\\s+", " "))
                    .contains("Played games every morning during duty.")
                    .contains(words.substring(0, Math.min(40, words.length())).replaceAll("\\s+", " "))
                    .contains("can no longer sign in").doesNotContain(waiting.title());
        });
        assertThat(mailsTo("sam@example.org")).isEmpty();
        mvc.perform(get("/outcomes").with(user(sam))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Ana Alvarez")))
                .andExpect(content().string(containsString("Privileges cancelled")));
        assertThat(audited("OUTCOMES_VIEWED")).singleElement().asString().contains(sam.getUsername());
        mvc.perform(get("/outcomes").with(user(hana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("No case has been referred to human resources.")));
        mvc.perform(get("/outcomes").with(user(fixtures.account(district, "C1", Role.TECHNOLOGY))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/investigations/cases/{id}", id).with(user(sam))).andExpect(status().isNotFound());
    }

    @Test
    void anotherDistrictsRecordsAndPeopleNotOnTheCaseFindNothingAndChangeNothing() throws Exception {
        long id = openFromTheReferral();
        District other = fixtures.district("Elsewhere");
        StewardUser olga = fixtures.user(other, Role.INVESTIGATOR);
        cases.openFromNothing(olga, "Their first case", null);
        Case theirs = cases.openFromNothing(olga, "Their case", null);
        String before = caseRow(id);

        mvc.perform(get("/investigations/cases/{id}", id).with(user(olga))).andExpect(status().isNotFound());
        mvc.perform(post("/investigations/cases/{id}/notes", id).with(user(olga)).with(csrf()).param("text", "x"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/investigations/cases/{id}/close", id).with(user(olga)).with(csrf())
                .param("outcome", "NO_VIOLATION").param("summary", "x")).andExpect(status().isNotFound());
        mvc.perform(post("/investigations/referrals/{id}/case", waiting.id()).with(user(olga)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/investigations/incidents/case").with(user(olga)).with(csrf())
                .param("incident", "999999")).andExpect(status().isNotFound());
        mvc.perform(get("/investigations/cases/{id}", id).with(user(hana))).andExpect(status().isNotFound());
        mvc.perform(post("/investigations/cases/{id}/notes", id).with(user(hana)).with(csrf()).param("text", "x"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/investigations/cases").with(user(hana))).andExpect(status().isForbidden());
        mvc.perform(post("/investigations/cases/{id}/notes", id).with(user(ivy)).param("text", "forged"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/investigations/cases/{id}/notes", id).with(user(ivy)).with(csrf().useInvalidToken())
                .param("text", "forged")).andExpect(status().isForbidden());

        // a number typed is a case of one's own district: the other district's case 2 is not reached
        refused(post("/investigations/cases/{id}/merge", id).param("number", String.valueOf(theirs.number())), id,
                "There is no such case in your district to merge into.");
        refused(post("/investigations/cases/{id}/merge", id).param("number", "1"), id,
                "A case cannot be merged into itself: choose the case it continues in.");
        refused(post("/investigations/cases/{id}/links", id).param("number", String.valueOf(theirs.number())), id,
                "There is no such case in your district to link to.");
        refused(post("/investigations/cases/{id}/links", id).param("number", "two"), id,
                "Give the number of the case to link to, as the list of cases shows it.");
        assertThat(caseRow(id)).isEqualTo(before);
        assertThat(count("investigation_case_note", id)).isZero();
        assertThat(jdbc.sql("select status from investigation_case where id = ?").param(theirs.id())
                .query(String.class).single()).isEqualTo("OPEN");
        mvc.perform(get("/investigations/cases").with(user(olga))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Their case")))
                .andExpect(content().string(not(containsString(waiting.title()))));

        // the list's filter "person on the case" offers the people on some case, not every account of the district
        mvc.perform(get("/investigations/cases").with(user(ivy)))
                .andExpect(content().string(containsString(">Ivy Vance</option>")))
                .andExpect(content().string(not(containsString("Hana Reyes"))));
        // assigned, an HR officer sees the case and adds a note; it is on "my cases" and linked from home
        mvc.perform(post("/investigations/cases/{id}/people", id).with(user(ivy)).with(csrf())
                .param("account", String.valueOf(hana.accountId()))).andExpect(flash().attributeCount(1));
        mvc.perform(get("/investigations/cases").with(user(ivy)))
                .andExpect(content().string(containsString(">Hana Reyes</option>")));
        mvc.perform(get("/investigations/cases/{id}", id).with(user(hana))).andExpect(status().isOk());
        mvc.perform(post("/investigations/cases/{id}/notes", id).with(user(hana)).with(csrf())
                .param("text", "HR file checked")).andExpect(flash().attribute("message", "Note added."));
        mvc.perform(get("/investigations/cases/mine").with(user(hana))).andExpect(status().isOk())
                .andExpect(content().string(containsString(waiting.title())));
        mvc.perform(get("/").with(user(hana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("/investigations/cases/mine")));
        refused(close(id, "NO_VIOLATION", "", "Nothing").with(user(hana)), id,
                "Only an investigator does this; the case's other people add tasks and notes.", hana);
    }

    @Test
    void mergedACaseEndsAndItsSourcesTasksAndNotesShowInTheSurvivingCase() throws Exception {
        long first = openFromTheReferral();
        cases.addNote(ivy, first, "Seen on the proxy log");
        cases.addTask(ivy, first, "Ask the principal", ivy.accountId(), "");
        Case second = cases.openFromNothing(ivy, "Games, the same teacher", anaMember.id());
        cases.close(ivy, cases.openFromNothing(ivy, "Closed one", null).id(),
                new Case.Decision(Case.Outcome.NO_VIOLATION, "", "Nothing"));

        refused(post("/investigations/cases/{id}/merge", first).param("number", "3"), first,
                "Case 3 is closed: merge only into an open case.");
        mvc.perform(post("/investigations/cases/{id}/merge", first).with(user(ivy)).with(csrf())
                .param("number", String.valueOf(second.number()))).andExpect(flash().attribute("message",
                "Merged: the case carries on in the case it was merged into."));

        mvc.perform(get("/investigations/cases/{id}", second.id()).with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Finding " + waiting.findingId())))
                .andExpect(content().string(containsString("Seen on the proxy log")))
                .andExpect(content().string(containsString("Ask the principal")))
                .andExpect(content().string(containsString("Case 1 merged into this one")));
        refused(post("/investigations/cases/{id}/notes", first).param("text", "Late"), first,
                "Case 1 is merged: nothing about it changes any more.");
        mvc.perform(get("/investigations/cases").with(user(ivy)).param("status", "MERGED"))
                .andExpect(content().string(containsString(waiting.title())))
                .andExpect(content().string(not(containsString("Closed one"))));
        mvc.perform(get("/investigations/cases").with(user(ivy)).param("sort", "subject").param("dir", "asc"))
                .andExpect(status().isOk());
        mvc.perform(get("/investigations/cases").with(user(ivy)).param("sort", "secret"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void twoCasesMergedIntoEachOtherAtOnceMakeNoCircleAndAClosedCaseTakesNoNote() throws Exception {
        StewardUser dana = fixtures.user(district, Role.INVESTIGATOR);
        for (int attempt = 0; attempt < 5; attempt++) {
            Case caseA = cases.openFromNothing(ivy, "Games A" + attempt, null);
            Case caseB = cases.openFromNothing(ivy, "Games B" + attempt, null);
            long a = caseA.id();
            long b = caseB.id();
            List<Object> merges = AtOnce.both(() -> {
                cases.merge(ivy, a, caseB.number());
                return "merged";
            }, () -> {
                cases.merge(dana, b, caseA.number());
                return "merged";
            });
            assertThat(merges).filteredOn("merged"::equals).hasSizeLessThanOrEqualTo(1);
            assertThat(jdbc.sql("select count(*) from investigation_case where id in (?, ?) and status = 'MERGED'")
                    .params(a, b).query(Long.class).single()).isEqualTo(1);
        }
        // and the schema refuses a note on a closed case, whatever path it comes by
        long id = cases.openFromNothing(ivy, "Games C", null).id();
        cases.close(ivy, id, new Case.Decision(Case.Outcome.NO_VIOLATION, null, "Nothing against the policy"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("insert into investigation_case_note"
                        + " (case_id, author, at, text) values (?, 'x', now(), 'late')").param(id).update())
                .hasMessageContaining("is no longer open");
    }

    @Test
    void twoInvestigatorsClosingTheSameCaseAtOnceRecordOneOutcome() throws Exception {
        StewardUser dana = fixtures.user(district, Role.INVESTIGATOR);
        for (int attempt = 0; attempt < 5; attempt++) {
            long id = cases.openFromNothing(ivy, "Games " + attempt, anaMember.id()).id();
            List<Object> outcomes = AtOnce.both(
                    () -> cases.close(ivy, id, new Case.Decision(Case.Outcome.COACHING, clause(), "Talked")),
                    () -> cases.close(dana, id, new Case.Decision(Case.Outcome.WRITTEN_WARNING, clause(), "Warned")));
            assertThat(outcomes).filteredOn(Case.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(Cases.Refused.class::isInstance).hasSize(1);
            assertThat(jdbc.sql("select count(*) from audit_entry where district_id = ? and action = 'CASE_CLOSED'"
                    + " and record_id = ?").params(district.id(), String.valueOf(id)).query(Long.class).single())
                    .isEqualTo(1);
        }
    }

    @Test
    void aLostOrStolenDeviceReportOpensACaseAboutItsEmployeeButDamageDoesNot() throws Exception {
        inventory.importFile(district.id(), "devices.csv", """
                asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
                L-100,SN100,laptop,Latitude 3440,ESSER,2024-07-01,849.00,LES,,yes,2026-07-30,yes,
                L-101,SN101,laptop,Latitude 3440,ESSER,2024-07-01,849.00,LES,,yes,2026-07-30,yes,
                """.getBytes(StandardCharsets.UTF_8));
        Handovers.Handover handover = handovers.prepare(district.id(), anaMember.id(), List.of("L-100", "L-101"),
                "tech");
        handovers.sign(district.id(), handover.id(), anaMember.id(), java.util.Set.of(0, 1, 2, 3), "Ana Alvarez",
                "192.0.2.7", "test");
        Incidents.Incident loss = incidents.report(district.id(), inventory.findByTag(district.id(), "L-100")
                .orElseThrow().id(), anaMember.id(), new Incidents.Report(Incidents.Kind.LOSS, "Left on the bus",
                LocalDate.now().minusDays(1), "Bus 12", "", null, null, null));
        Incidents.Incident damage = incidents.report(district.id(), inventory.findByTag(district.id(), "L-101")
                .orElseThrow().id(), anaMember.id(), new Incidents.Report(Incidents.Kind.DAMAGE, "Dropped it",
                LocalDate.now().minusDays(1), "Room 4", "", null, null, null));

        mvc.perform(post("/investigations/incidents/case").with(user(ivy)).with(csrf())
                        .param("incident", String.valueOf(damage.id())))
                .andExpect(flash().attribute("problem", "Incident " + damage.id() + " reports damage; a case is"
                        + " opened from a loss or a theft (Oak Park 6, Clovis R)."));
        mvc.perform(post("/investigations/incidents/case").with(user(ivy)).with(csrf()).param("incident", "L-100"))
                .andExpect(flash().attribute("problem", "Give the device incident's number, as its page shows it."));
        assertThat(jdbc.sql("select count(*) from investigation_case where district_id = ?").param(district.id())
                .query(Long.class).single()).isZero();

        mvc.perform(post("/investigations/incidents/case").with(user(ivy)).with(csrf())
                .param("incident", String.valueOf(loss.id()))).andExpect(flash().attribute("message",
                "Case 1 is open."));
        mvc.perform(get("/investigations/cases/{id}", caseId(district, 1)).with(user(ivy)))
                .andExpect(content().string(containsString("Loss of L-100")))
                .andExpect(content().string(containsString("Device incident " + loss.id() + ": loss of L-100")))
                .andExpect(content().string(containsString("Ana Alvarez")));
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder close(long id, String outcome,
                                                                                            String clause,
                                                                                            String summary) {
        return post("/investigations/cases/{id}/close", id).param("outcome", outcome).param("clause", clause)
                .param("summary", summary);
    }

    private static List<MimeMessage> mailsTo(String to) throws Exception {
        return org.steward.Mailboxes.to(mail, to);
    }

    private void refused(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, long id,
                         String reason) throws Exception {
        refused(request, id, reason, ivy);
    }

    private void refused(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, long id,
                         String reason, StewardUser who) throws Exception {
        mvc.perform(request.with(user(who)).with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problem", reason));
    }

    /** A clause of the version Ana signed. */
    private String clause() {
        return cases.signedClauses(district.id(), anaMember.id()).stream()
                .filter(c -> c.text() != null && c.text().length() > 40).findFirst().orElseThrow().key();
    }

    private String signedTitle() {
        return cases.signedVersion(district.id(), anaMember.id()).orElseThrow().title();
    }

    private long outcomeVersion(long id) {
        return jdbc.sql("select outcome_version_id from investigation_case where id = ?").param(id)
                .query(Long.class).single();
    }

    private String caseRow(long id) {
        return jdbc.sql("select concat_ws('|', version, status, subject_staff_id, outcome, outcome_clause_key, "
                + "outcome_summary, merged_into, (select count(*) from investigation_case_task t where t.case_id = c.id), "
                + "(select count(*) from investigation_case_link l where l.case_id = c.id)) from investigation_case c "
                + "where id = ?").param(id).query(String.class).single();
    }

    private long count(String table, long caseId) {
        return jdbc.sql("select count(*) from " + table + " where case_id = ?").param(caseId).query(Long.class)
                .single();
    }

    private List<String> audited(String action) {
        return jdbc.sql("select details from audit_entry where district_id = ? and action = ? order by sequence")
                .params(district.id(), action).query(String.class).list();
    }
}
