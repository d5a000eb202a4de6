package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Employees' reports through their pages, in two districts: sent whole or refused whole, a receipt on the page and
 * by e-mail, read by investigators alone, taken into a case with its files as evidence, closed with the case or
 * without one, the reporter told only that it closed.
 */
@StewardTest
class ReportsTest {

    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            S1,Sam,Super,sam@reports.example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@reports.example.org,LES,Teacher,S1,2019-08-01,active
            T2,Bea,Bravo,bea@reports.example.org,LES,Teacher,S1,2019-08-01,active
            I1,Ivy,Vance,ivy@reports.example.org,LES,Investigator,,2019-08-01,active
            H1,Hana,Reyes,hana@reports.example.org,LES,HR officer,,2019-08-01,active
            """;

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired Fixtures fixtures;
    @Autowired CaseFixtures caseFixtures;
    @Autowired StaffDirectory staff;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    District district;
    StewardUser ivy;
    StewardUser hana;
    StewardUser ana;
    StewardUser bea;

    @BeforeEach
    void aDistrictWithAnInvestigator() throws Exception {
        district = fixtures.district("Reports");
        fixtures.roster(district, ROSTER);
        ivy = fixtures.account(district, "I1", Role.INVESTIGATOR);
        hana = fixtures.account(district, "H1", Role.HR);
        ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        bea = fixtures.account(district, "T2", Role.EMPLOYEE);
    }

    @Test
    void anEmployeeReportsAPhishingMailSheAnsweredGetsAReceiptAndSeesOnlyHerOwn() throws Exception {
        long id = send(ana, report("SECURITY", "I answered an e-mail asking for my password; it looked like IT's.")
                .file(file("phishing.eml", EML)).param("place", "My district mailbox")
                .param("happenedOn", "2026-11-30").param("happenedAt", "about 10:15"));

        mvc.perform(get("/my/reports/{id}", id).with(user(ana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Report 1")))
                .andExpect(content().string(containsString("Do not go looking for more")))
                .andExpect(content().string(containsString("phishing.eml")))
                .andExpect(content().string(containsString(AcceptedFiles.sha256(EML))))
                .andExpect(content().string(containsString("Received: the investigators read it.")));
        MimeMessage receipt = Awaitility.await().until(() -> mailsTo("ana@reports.example.org"), m -> !m.isEmpty()).get(0);
        assertThat(receipt.getSubject()).isEqualTo("Received: your report 1");
        assertThat(GreenMailUtil.getBody(receipt)).contains("Do not go looking for more")
                .contains("/my/reports/" + id);
        mvc.perform(get("/my/reports").with(user(ana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("A possible security problem")));
        // the investigators are told at once, without who sent it
        MimeMessage told = Awaitility.await().until(() -> mailsTo("ivy@reports.example.org"), m -> !m.isEmpty()).get(0);
        assertThat(told.getSubject()).isEqualTo("A report was received: A possible security problem");
        assertThat(GreenMailUtil.getBody(told)).contains("/investigations/reports/" + id).doesNotContain("Ana");

        // another employee, another district's investigator, and the reporter at the investigators' pages
        mvc.perform(get("/my/reports/{id}", id).with(user(bea))).andExpect(status().isNotFound());
        mvc.perform(get("/my/reports").with(user(bea)))
                .andExpect(content().string(containsString("You have sent no report.")));
        mvc.perform(get("/investigations/reports/{id}", id).with(user(ana))).andExpect(status().isForbidden());
        mvc.perform(get("/investigations/reports").with(user(ana))).andExpect(status().isForbidden());
        StewardUser elsewhere = otherDistrictsInvestigator();
        mvc.perform(get("/investigations/reports/{id}", id).with(user(elsewhere))).andExpect(status().isNotFound());
        mvc.perform(get("/investigations/reports").with(user(elsewhere)))
                .andExpect(content().string(not(containsString("Ana Alvarez"))));
        mvc.perform(post("/investigations/reports/{id}/case", id).with(user(elsewhere)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(count("investigation_case")).isZero();

        // the investigator reads it, and its file with a reason
        mvc.perform(get("/investigations/reports").with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Ana Alvarez")));
        mvc.perform(get("/investigations/reports/{id}", id).with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("I answered an e-mail asking for my password")))
                .andExpect(content().string(containsString("about 10:15")));
        mvc.perform(post("/investigations/reports/{id}/attachments/0", id).with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Say why you open the attachment")));
        byte[] opened = mvc.perform(post("/investigations/reports/{id}/attachments/0", id).with(user(ivy)).with(csrf())
                        .param("reason", "To see the sender's address"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("phishing.eml")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(opened).isEqualTo(EML);
        assertThat(audited("REPORT_ATTACHMENT_DOWNLOADED")).singleElement().asString().contains("phishing.eml");
        assertThat(audited("REPORT_VIEWED")).hasSize(1);
    }

    @Test
    void aBadReportIsRefusedWithEveryReasonAndNothingIsKept() throws Exception {
        byte[] program = "MZ\u0090\u0000 this is a Windows program".getBytes(StandardCharsets.ISO_8859_1);
        refused(report("", " ").param("happenedOn", "2099-01-01"),
                "say what kind of problem you are reporting", "say what you saw or what happened",
                "the day it happened (2099-01-01) is after today");
        refused(report("SECURITY", "x").param("happenedOn", "yesterday"),
                "the day it happened is a date like 2026-12-01, not 'yesterday'");
        refused(report("SECURITY", "A program").file(file("screenshot.png", program)),
                "The file screenshot.png is not one Steward keeps");
        refused(report("SECURITY", "x".repeat(Report.WHAT_MAX + 1)), "keep it to " + Report.WHAT_MAX);
        refused(report("NOT_A_KIND", "Something"), "say what kind of problem you are reporting");
        MockMultipartHttpServletRequestBuilder six = report("SECURITY", "Six files");
        for (int i = 0; i < 6; i++) {
            six.file(file("shot" + i + ".png", EvidenceTest.PNG));
        }
        refused(six, "attach 5 files at most, not 6");
        // what she wrote is still in the form
        mvc.perform(report("SECURITY", "Kept in the form").param("happenedOn", "soon").with(user(ana)).with(csrf()))
                .andExpect(content().string(containsString("Kept in the form")));
        assertThat(count("investigation_report")).isZero();
        assertThat(jdbc.sql("select count(*) from investigation_report_attachment a join investigation_report r on"
                + " r.id = a.report_id where r.district_id = ?").param(district.id()).query(Long.class).single())
                .isZero();

        // a lost or stolen device is the devices module's report
        mvc.perform(report("DEVICE", "My laptop was stolen").with(user(ana)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/my-devices*"));
        assertThat(count("investigation_report")).isZero();
    }

    @Test
    void aConfidentialReportsReporterIsKnownToInvestigatorsAloneAndItsFileBecomesEvidenceWithItsHash()
            throws Exception {
        long id = send(ana, report("STAFF_MISUSE", "A colleague streams films on the library computer all day.")
                .param("confidential", "true").file(file("library.png", EvidenceTest.PNG)));

        mvc.perform(post("/investigations/reports/{id}/case", id).with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long caseId = jdbc.sql("select case_id from investigation_report where id = ?").param(id)
                .query(Long.class).single();
        assertThat(jdbc.sql("select sha256 from investigation_evidence where case_id = ? and kind = 'FILE'")
                .param(caseId).query(String.class).single()).isEqualTo(AcceptedFiles.sha256(EvidenceTest.PNG));
        mvc.perform(post("/investigations/cases/{id}/people", caseId).param("account",
                String.valueOf(hana.accountId())).with(user(ivy)).with(csrf())).andExpect(status().is3xxRedirection());

        mvc.perform(get("/investigations/cases/{id}", caseId).with(user(ivy)))
                .andExpect(content().string(containsString("Report 1: misuse of district technology by an employee"
                        + " (confidential)")));
        mvc.perform(get("/investigations/reports/{id}", id).with(user(ivy)))
                .andExpect(content().string(containsString("Ana Alvarez")))
                .andExpect(content().string(containsString("confidential: investigators alone see the name")));
        // HR, on the case, sees the report's number and kind, never who sent it
        mvc.perform(get("/investigations/cases/{id}", caseId).with(user(hana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("(confidential)")))
                .andExpect(content().string(not(containsString("Ana Alvarez"))));
        mvc.perform(get("/investigations/reports/{id}", id).with(user(hana))).andExpect(status().isForbidden());
        mvc.perform(get("/investigations/cases/{id}/evidence", caseId).with(user(hana)))
                .andExpect(content().string(containsString("library.png")))
                .andExpect(content().string(not(containsString("Ana Alvarez"))));

        // taken once: a second case is refused, nothing changed
        mvc.perform(post("/investigations/reports/{id}/case", id).with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is already in case 1")));
        assertThat(count("investigation_case")).isEqualTo(1);
    }

    @Test
    void aReportAddedToACaseClosesWithItAndTheReporterIsToldNothingMoreThanThat() throws Exception {
        StaffMember anaMember = member("T1");
        caseFixtures.signed(district, anaMember);
        Referred waiting = caseFixtures.gamesSentForInvestigation(district, "ana");
        mvc.perform(post("/investigations/referrals/{id}/case", waiting.id()).with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long caseId = jdbc.sql("select id from investigation_case where district_id = ? and number = 1")
                .param(district.id()).query(Long.class).single();
        long id = send(bea, report("STAFF_MISUSE", "Ana plays games in class."));

        // an id of another district's case, and no case at all, are refused
        mvc.perform(post("/investigations/reports/{id}/add", id).with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Give the number of the open case to add the report to.")));
        StewardUser elsewhere = otherDistrictsInvestigator();
        openCaseAs(elsewhere);
        openCaseAs(elsewhere); // their case 2, where this district has only case 1
        mvc.perform(post("/investigations/reports/{id}/add", id).param("number", "2").with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("There is no case 2 in your district.")));
        mvc.perform(post("/investigations/reports/{id}/add", id).param("number", "one").with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("not &#39;one&#39;")));
        mvc.perform(post("/investigations/reports/{id}/add", id).param("number", "1").with(user(elsewhere))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(standing(id)).isEqualTo("RECEIVED");

        mvc.perform(post("/investigations/reports/{id}/add", id).param("number", "1")
                .with(user(ivy)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(standing(id)).isEqualTo("IN_CASE");
        mvc.perform(get("/investigations/cases/{id}", caseId).with(user(ivy)))
                .andExpect(content().string(containsString("Report 1: misuse of district technology by an employee,"
                        + " from Bea Bravo")));
        mvc.perform(get("/my/reports/{id}", id).with(user(bea)))
                .andExpect(content().string(containsString("Received: the investigators read it.")))
                .andExpect(content().string(not(containsString("case 1"))));

        mvc.perform(post("/investigations/cases/{id}/close", caseId).param("outcome", "COACHING")
                        .param("clause", clauseOf(anaMember)).param("summary", "Games during class, twice.")
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Awaitility.await().until(() -> "CLOSED".equals(standing(id)));
        MimeMessage closed = Awaitility.await().until(() -> mailsTo("bea@reports.example.org").stream()
                .filter(m -> subject(m).startsWith("Closed")).toList(), m -> !m.isEmpty()).get(0);
        assertThat(GreenMailUtil.getBody(closed)).contains("Your report 1").contains("is closed")
                .doesNotContain("Coaching").doesNotContain("Ana").doesNotContain("Games during class");
        mvc.perform(get("/my/reports/{id}", id).with(user(bea)))
                .andExpect(content().string(containsString("Closed on")))
                .andExpect(content().string(not(containsString("Coaching"))));
    }

    @Test
    void aReportWithNothingToInvestigateIsClosedWithItsReasonAndAMergedCaseTakesItsReportsAlong() throws Exception {
        long idle = send(ana, report("STUDENT_VIOLATION", "A student used a classmate's password."));
        mvc.perform(post("/investigations/reports/{id}/close", idle).with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Say why the report is closed without a case")));
        assertThat(standing(idle)).isEqualTo("RECEIVED");
        mvc.perform(post("/investigations/reports/{id}/close", idle).param("note", "The principal handled it.")
                .with(user(ivy)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(standing(idle)).isEqualTo("CLOSED");
        assertThat(Awaitility.await().until(() -> mailsTo("ana@reports.example.org").stream().map(ReportsTest::subject)
                .toList(), s -> s.contains("Closed: your report 1"))).isNotEmpty();
        mvc.perform(post("/investigations/reports/{id}/case", idle).with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("already closed")));

        long second = send(bea, report("ILLEGAL_CONTENT", "Pirated films on the shared drive."));
        mvc.perform(post("/investigations/reports/{id}/case", second).with(user(ivy)).with(csrf()));
        long first = jdbc.sql("select case_id from investigation_report where id = ?").param(second)
                .query(Long.class).single();
        long survivor = openCaseAs(ivy);
        int survivorNumber = jdbc.sql("select number from investigation_case where id = ?").param(survivor)
                .query(Integer.class).single();
        mvc.perform(post("/investigations/cases/{id}/merge", first).param("number", String.valueOf(survivorNumber))
                .with(user(ivy)).with(csrf())).andExpect(status().is3xxRedirection());
        Awaitility.await().until(() -> jdbc.sql("select case_id from investigation_report where id = ?")
                .param(second).query(Long.class).single() == survivor);
        assertThat(standing(second)).isEqualTo("IN_CASE");
        // the report as received cannot be rewritten, even by SQL
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "update investigation_report set what = 'nothing' where id = ?").param(second).update())
                .hasMessageContaining("kept as it was received");
    }

    private long openCaseAs(StewardUser investigator) throws Exception {
        mvc.perform(post("/investigations/cases").param("title", "Another case").with(user(investigator))
                .with(csrf())).andExpect(status().is3xxRedirection());
        return jdbc.sql("select max(id) from investigation_case where district_id = ?")
                .param(investigator.districtId()).query(Long.class).single();
    }

    private StewardUser otherDistrictsInvestigator() {
        return fixtures.user(fixtures.district("Elsewhere"), Role.INVESTIGATOR);
    }

    private static MockMultipartHttpServletRequestBuilder report(String kind, String what) {
        MockMultipartHttpServletRequestBuilder builder = multipart("/report");
        builder.param("kind", kind).param("what", what);
        return builder;
    }

    private static MockMultipartFile file(String name, byte[] bytes) {
        return new MockMultipartFile("files", name, "application/octet-stream", bytes);
    }

    private long send(StewardUser who, MockMultipartHttpServletRequestBuilder request) throws Exception {
        String to = mvc.perform(request.with(user(who)).with(csrf())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(to).startsWith("/my/reports/");
        return Long.parseLong(to.substring("/my/reports/".length()));
    }

    private void refused(MockMultipartHttpServletRequestBuilder request, String... reasons) throws Exception {
        String page = mvc.perform(request.with(user(ana)).with(csrf())).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        String shown = org.springframework.web.util.HtmlUtils.htmlUnescape(page);
        for (String reason : reasons) {
            assertThat(shown).contains(reason);
        }
        assertThat(shown).contains("Nothing was kept");
    }

    private StaffMember member(String employeeId) {
        return staff.active(district.id()).stream().filter(m -> m.employeeId().equals(employeeId)).findFirst()
                .orElseThrow();
    }

    @Autowired Cases cases;

    private String clauseOf(StaffMember member) {
        return cases.signedClauses(district.id(), member.id()).stream()
                .filter(c -> c.text() != null && c.text().length() > 40).findFirst().orElseThrow().key();
    }

    private String standing(long reportId) {
        return jdbc.sql("select status from investigation_report where id = ?").param(reportId).query(String.class)
                .single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where district_id = ?").param(district.id())
                .query(Long.class).single();
    }

    private List<String> audited(String action) {
        return jdbc.sql("select details from audit_entry where district_id = ? and action = ? order by sequence")
                .params(district.id(), action).query(String.class).list();
    }

    private static String subject(MimeMessage message) {
        return org.steward.Mailboxes.subject(message);
    }

    private static List<MimeMessage> mailsTo(String to) throws Exception {
        return org.steward.Mailboxes.to(mail, to);
    }

    static final byte[] EML = """
            From: "IT Help Desk" <helpdesk@district-it-support.example>
            To: ana@reports.example.org
            Subject: Your mailbox is full: confirm your password
            Date: Mon, 30 Nov 2026 10:02:00 -0800
            Message-ID: <1@district-it-support.example>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            Reply with your password within 24 hours to keep your mailbox.
            """.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
}
