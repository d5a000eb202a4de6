package org.steward.acknowledgments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.apache.pdfbox.Loader;
import org.awaitility.Awaitility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.TestClock;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Sites;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * The annual acknowledgment, end to end on the application: campaigns and their audience, new hires, signing and
 * its refusals, the final record and its receipt, a new version mid-year, reminders over SMTP (GreenMail) on a
 * moving clock, suspension pending acknowledgment, the completion report and who may see what.
 */
@StewardTest
@TestPropertySource(properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
@org.springframework.context.annotation.Import(AcknowledgmentsTest.EventsSeen.class)
class AcknowledgmentsTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
            T2,Ben,Brown,ben@example.org,RHS,Teacher,P1,2020-08-01,active
            C1,Cam,Clerk,cam@example.org,RHS,Clerk,,2018-08-01,active
            X1,Old,Timer,old@example.org,RHS,Teacher,,2001-08-01,separated
            """;

    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Autowired Campaigns campaigns;
    @Autowired Signing signing;
    @Autowired SignaturePage signaturePage;
    @Autowired Reminders reminders;
    @Autowired CompletionReport reports;
    @Autowired PolicyLibrary policies;
    @Autowired StaffDirectory staff;
    @Autowired Sites sites;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired EventsSeen events;

    District district;
    Policy policy;
    long version1;

    @BeforeEach
    void district() {
        clock.set(at(LocalDate.of(2026, 8, 3)));
        district = fixtures.district("Ack");
        fixtures.roster(district, ROSTER);
        policy = fixtures.modelPolicy(district);
        version1 = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        events.clear();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aCampaignAsksItsAudienceAndTheStatementsStartFromThePolicysSignaturePage() {
        Campaign all = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        assertThat(assigned(all)).containsExactlyInAnyOrder("P1", "T1", "T2", "C1");
        assertThat(signaturePage.statements(district.id())).extracting(Statement::text)
                .hasSize(5).anyMatch(t -> t.startsWith("No Expectation of Privacy:"))
                .anyMatch(t -> t.startsWith("Consent to Monitoring:"));

        long rhs = sites.findByDistrictIdAndCode(district.id(), "RHS").orElseThrow().id();
        Campaign teachersAtRhs = open(Set.of(rhs), Set.of("Teacher"), LocalDate.of(2026, 9, 15));
        assertThat(assigned(teachersAtRhs)).containsExactly("T2");
    }

    @Test
    void aJobFunctionHoldingACommaOrABarIsOneJobOfTheAudience() {
        fixtures.roster(district, ROSTER
                + "K1,Kim,Counselor,kim@example.org,LES,\"Counselor, K-8 | Title I\",P1,2016-08-01,active\n");
        Campaign campaign = open(Set.of(), Set.of("Counselor, K-8 | Title I", "Clerk"), LocalDate.of(2026, 9, 15));
        assertThat(campaigns.find(district.id(), campaign.id()).orElseThrow().jobFunctions())
                .containsExactlyInAnyOrder("Counselor, K-8 | Title I", "Clerk");
        assertThat(assigned(campaign)).containsExactlyInAnyOrder("K1", "C1");
    }

    @Test
    void reminderDaysAreKeptLargestFirstOnceEach() {
        signaturePage.save(new Settings(district.id(), 10, 14, true, List.of(1, 14, 0, 1), 7));
        assertThat(signaturePage.settings(district.id()).daysBefore()).containsExactly(14, 1, 0);
        signaturePage.save(new Settings(district.id(), 10, 14, false, List.of(), 7));
        assertThat(signaturePage.settings(district.id()).daysBefore()).isEmpty();
    }

    @Test
    void badCampaignsAreRefusedWithAReason() {
        assertThatThrownBy(() -> campaigns.open(district.id(), new Campaigns.Opening("2026-2027", version1, Set.of(),
                Set.of(), LocalDate.of(2026, 8, 3), LocalDate.of(2026, 9, 1)), "hr"))
                .hasMessageContaining("written like 2026-27");
        assertThatThrownBy(() -> campaigns.open(district.id(), new Campaigns.Opening("2026-27", version1, Set.of(),
                Set.of(), LocalDate.of(2026, 9, 3), LocalDate.of(2026, 9, 1)), "hr"))
                .hasMessageContaining("before the open date");
        long draft = policies.startDraft(district.id(), policy.id()).id();
        assertThatThrownBy(() -> campaigns.open(district.id(), new Campaigns.Opening("2026-27", draft, Set.of(),
                Set.of(), LocalDate.of(2026, 8, 3), LocalDate.of(2026, 9, 1)), "hr"))
                .hasMessageContaining("only a published version can be signed");
        assertThat(campaigns.list(district.id())).isEmpty();
    }

    @Test
    void signingRecordsExactlyWhatWasSignedOnceAndRefusesBadInputRecordingNothing() throws IOException {
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        StaffMember ana = member("T1");
        Set<Long> all = statementIds();
        Set<Long> allButOne = all.stream().skip(1).collect(Collectors.toSet());

        assertThatThrownBy(() -> sign(campaign, ana, allButOne, "Ana Alvarez"))
                .isInstanceOf(Signing.Refused.class).hasMessageContaining("1 of 5 is not ticked");
        assertThatThrownBy(() -> sign(campaign, ana, all, "Anna Alvarez"))
                .isInstanceOf(Signing.Refused.class).hasMessageContaining("Type your full name");
        assertThat(signing.signedBy(district.id(), ana.id())).isEmpty();

        Signature signed = sign(campaign, ana, all, "  ana   ALVAREZ ");
        Signature again = sign(campaign, ana, all, "Ana Alvarez");
        assertThat(again.id()).isEqualTo(signed.id());
        assertThat(signing.signedBy(district.id(), ana.id())).hasSize(1);
        assertThat(signed.policySha256()).isEqualTo(policies.version(district.id(), policy.id(), 1).orElseThrow()
                .sha256());
        assertThat(signed.statements()).containsExactlyElementsOf(signaturePage.statements(district.id()).stream()
                .map(Statement::text).toList());
        assertThat(signed.typedName()).isEqualTo("ana ALVAREZ");
        assertThat(signed.ipAddress()).isEqualTo("192.0.2.7");
        assertThat(signed.userAgent()).isEqualTo("Test browser");
        assertThat(signed.signedAt()).isEqualTo(at(LocalDate.of(2026, 8, 3)));
        assertThat(events.signed).extracting(AcknowledgmentSigned::signatureId).containsExactly(signed.id());

        byte[] pdf = signing.receipt(district.id(), signed.id()).orElseThrow();
        assertThat(org.apache.commons.codec.digest.DigestUtils.sha256Hex(pdf)).isEqualTo(signed.receiptSha256());
        String text = text(pdf);
        assertThat(text).contains("Annual Acknowledgment and Signature Page", "Staff Technology Acceptable Use Policy",
                "version 1", "Employee Name:", "Ana Alvarez", "Signature:", "ana ALVAREZ", "Date:", "2026-08-03",
                "Effective School Year:", "2026-27", "No Expectation of Privacy");

        assertThatThrownBy(() -> jdbc.sql("update ack_signature set typed_name = 'someone else' where id = ?")
                .param(signed.id()).update()).hasMessageContaining("final");
        assertThatThrownBy(() -> jdbc.sql("delete from ack_signature where id = ?").param(signed.id()).update())
                .hasMessageContaining("final");

        campaigns.close(district.id(), campaign.id());
        assertThatThrownBy(() -> sign(campaign, member("T2"), all, "Ben Brown"))
                .isInstanceOf(Signing.Refused.class).hasMessageContaining("closed");
        assertThat(signing.signedBy(district.id(), member("T2").id())).isEmpty();
    }

    @Test
    void staffHiredWhileACampaignIsOpenAreAskedWithinTheDistrictsNumberOfDays() {
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        clock.set(at(LocalDate.of(2026, 10, 1)));
        fixtures.roster(district, ROSTER + "N1,Nia,New,nia@example.org,LES,Teacher,P1,2026-10-05,active\n");

        long nia = member("N1").id();
        // the roster module announces the hire; this module assigns after the import commits, on its own thread
        Assignment assignment = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> campaigns.assignment(district.id(), campaign.id(), nia), Optional::isPresent)
                .orElseThrow();
        assertThat(assignment.reason()).isEqualTo(Assignment.Reason.NEW_HIRE);
        assertThat(assignment.dueOn()).isEqualTo(LocalDate.of(2026, 10, 15)); // hired the 5th, 10 days
    }

    @Test
    void whoSignedAnOlderVersionSeesWhatChangedBeforeSigningAgain() throws Exception {
        Campaign first = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        StaffMember ana = member("T1");
        sign(first, ana, statementIds(), "Ana Alvarez");
        policies.startDraft(district.id(), policy.id());
        policies.editClause(district.id(), policy.id(), 2, "E.2", null,
                "Staff keep their passwords to themselves and change them every 180 days.");
        long version2 = policies.publish(district.id(), policy.id(), 2, "passwords").id();
        Campaign second = campaigns.open(district.id(), new Campaigns.Opening("2026-27", version2, Set.of(),
                Set.of(), LocalDate.of(2026, 8, 3), LocalDate.of(2026, 9, 30)), "hr");

        String page = mvc.perform(get("/acknowledgments/" + second.id()).with(user(employee(ana))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("What changed since version", "which you signed", "every 180 days");
    }

    @Test
    void remindersGoOutOnScheduleOnceEachWithTheSupervisorOnceOverdueThenPrivilegesAreSuspended() throws Exception {
        Campaign campaign = open(Set.of(), Set.of("Teacher"), LocalDate.of(2026, 9, 15)); // Ana and Ben, Pat supervises

        assertThat(runOn(LocalDate.of(2026, 8, 3))).isEqualTo(2);
        await().untilAsserted(() -> assertThat(subjects("ana@example.org"))
                .containsExactly("Please read and sign: Staff Technology Acceptable Use Policy"));
        assertThat(runOn(LocalDate.of(2026, 8, 3))).isZero(); // the same day again: nothing twice
        assertThat(runOn(LocalDate.of(2026, 9, 7))).isZero();
        assertThat(runOn(LocalDate.of(2026, 9, 8))).isEqualTo(2); // 7 days before
        sign(campaign, member("T2"), statementIds(), "Ben Brown");
        assertThat(runOn(LocalDate.of(2026, 9, 14))).isEqualTo(1); // 1 day before: Ana only, Ben signed
        assertThat(runOn(LocalDate.of(2026, 9, 15))).isEqualTo(1); // on the due date
        assertThat(runOn(LocalDate.of(2026, 9, 16))).isZero();
        assertThat(runOn(LocalDate.of(2026, 9, 22))).isEqualTo(2); // a week overdue: Ana and her supervisor
        await().untilAsserted(() -> { // mail goes once each run has committed, on the registry's thread
            assertThat(subjects("pat@example.org")).containsExactly("Overdue acknowledgment: Ana Alvarez");
            assertThat(subjects("ana@example.org")).containsExactlyInAnyOrder(
                    "Please read and sign: Staff Technology Acceptable Use Policy",
                    "Reminder: sign Staff Technology Acceptable Use Policy by 2026-09-15",
                    "Reminder: sign Staff Technology Acceptable Use Policy by 2026-09-15",
                    "Reminder: sign Staff Technology Acceptable Use Policy by 2026-09-15",
                    "Overdue: sign Staff Technology Acceptable Use Policy (was due 2026-09-15)");
            assertThat(subjects("ben@example.org")).hasSize(2);
        });
        assertThat(suspensions()).isZero();

        assertThat(runOn(LocalDate.of(2026, 9, 30))).isEqualTo(2); // two weeks overdue, past the 14 days' grace
        Assignment ana = campaigns.assignment(district.id(), campaign.id(), member("T1").id()).orElseThrow();
        assertThat(ana.isSuspended()).isTrue();
        assertThat(suspensions()).isEqualTo(1);
        runOn(LocalDate.of(2026, 9, 30));
        assertThat(suspensions()).as("suspended once").isEqualTo(1);

        sign(campaign, member("T1"), statementIds(), "Ana Alvarez");
        assertThat(campaigns.assignment(district.id(), campaign.id(), member("T1").id()).orElseThrow().isSuspended())
                .isFalse();
        assertThat(runOn(LocalDate.of(2026, 10, 6))).isZero();
    }

    @Test
    void theStageOfAReminderIsTheLatestWhoseDayHasCome() {
        Settings settings = Settings.defaults(1);
        LocalDate due = LocalDate.of(2026, 9, 15);
        LocalDate asked = LocalDate.of(2026, 8, 1);
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 7), asked, due, settings)).isEmpty();
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 8), asked, due, settings)).contains("BEFORE-7");
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 13), asked, due, settings)).contains("BEFORE-7");
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 14), asked, due, settings)).contains("BEFORE-1");
        assertThat(Reminders.stage(due, asked, due, settings)).contains("DUE");
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 21), asked, due, settings)).contains("DUE");
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 22), asked, due, settings)).contains("OVERDUE-1");
        assertThat(Reminders.stage(LocalDate.of(2026, 10, 6), asked, due, settings)).contains("OVERDUE-3");
        // asked three days before the due date: the mail at open covers "7 days before"
        assertThat(Reminders.stage(LocalDate.of(2026, 9, 12), LocalDate.of(2026, 9, 12), due, settings)).isEmpty();
        assertThat(Settings.parseDays("1, 7,0,7")).containsExactly(7, 1, 0);
        assertThatThrownBy(() -> Settings.parseDays("a week")).hasMessageContaining("such as 7, 1, 0");
    }

    @Test
    void theReportCountsBySiteAndJobAndASupervisorSeesOnlyTheirOwnStaff() throws Exception {
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        sign(campaign, member("T1"), statementIds(), "Ana Alvarez");
        clock.set(at(LocalDate.of(2026, 9, 20)));

        CompletionReport.Report report = reports.everyone(campaign);
        assertThat(report.total()).isEqualTo(new CompletionReport.Row("All", 4, 1, 0, 3));
        assertThat(report.bySite()).containsExactly(new CompletionReport.Row("Lincoln Elementary", 2, 1, 0, 1),
                new CompletionReport.Row("Roosevelt High", 2, 0, 0, 2));
        assertThat(report.byJobFunction()).extracting(CompletionReport.Row::name)
                .containsExactly("Clerk", "Principal", "Teacher");
        assertThat(report.nonSigners()).extracting(CompletionReport.NonSigner::employeeId)
                .containsExactlyInAnyOrder("P1", "T2", "C1");
        assertThat(report.nonSigners()).filteredOn(n -> n.employeeId().equals("T2"))
                .extracting(CompletionReport.NonSigner::supervisorEmail).containsExactly("pat@example.org");

        StewardUser pat = supervisor(member("P1"));
        String page = mvc.perform(get("/acknowledgments/campaigns/" + campaign.id()).with(user(pat)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Ben Brown").doesNotContain("Cam Clerk").contains("your staff only");
        String csv = mvc.perform(get("/acknowledgments/campaigns/" + campaign.id() + "/report.csv").with(user(pat)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.lines()).containsExactly(
                "employee_id,name,email,site,job_function,due_on,status,supervisor,supervisor_email",
                "T2,Ben Brown,ben@example.org,Roosevelt High,Teacher,2026-09-15,overdue,Pat Principal,pat@example.org");
    }

    @Test
    void theSignersAndNonSignersPageSortAndFilterEachOnItsOwnAndASupervisorSeesOnlyTheirStaff() throws Exception {
        StringBuilder roster = new StringBuilder(ROSTER);
        for (int i = 1; i <= 24; i++) {
            roster.append("N%02d,Nia,Number%02d,nia%d@example.org,%s,Teacher,%s,2020-08-01,active\n".formatted(i, i, i,
                    i % 2 == 0 ? "RHS" : "LES", i <= 6 ? "P1" : ""));
        }
        fixtures.roster(district, roster.toString());
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        for (int i = 13; i <= 24; i++) {
            clock.set(at(LocalDate.of(2026, 8, 10)).plusSeconds(60L * i)); // Nia Number24 signs last
            sign(campaign, member("N%02d".formatted(i)), statementIds(), "Nia Number%02d".formatted(i));
        }
        clock.set(at(LocalDate.of(2026, 8, 11)));
        sign(campaign, member("T1"), statementIds(), "Ana Alvarez");
        clock.set(at(LocalDate.of(2026, 9, 20)));
        StewardUser hr = fixtures.user(district, Role.HR);
        String report = "/acknowledgments/campaigns/" + campaign.id();

        // ten a page each: the fifteen who have not signed, soonest due first, and the thirteen who have
        List<String> unsigned = new ArrayList<>();
        List<String> signed = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String html = reportPage(hr, report + "?unsigned.size=10&signed.size=10&unsigned.page=" + n
                    + "&signed.page=" + n);
            unsigned.addAll(names(nonSigners(html)));
            signed.addAll(names(signers(html)));
            if (n == 1) {
                assertThat(nonSigners(html)).contains("Page 1 of 2: people 1 to 10 of 15.")
                        .contains("href=\"" + report + "?signed.sort=signed&amp;signed.dir=desc&amp;signed.size=10"
                                + "&amp;unsigned.sort=due&amp;unsigned.dir=asc&amp;unsigned.page=2&amp;unsigned.size=10\"");
                assertThat(signers(html)).contains("Page 1 of 2: people 1 to 10 of 13.");
            }
        }
        assertThat(unsigned).hasSize(15).doesNotHaveDuplicates().contains("Cam Clerk", "Nia Number12")
                .doesNotContain("Ana Alvarez", "Nia Number13");
        assertThat(signed).hasSize(13).doesNotHaveDuplicates().startsWith("Ana Alvarez", "Nia Number24");
        assertThat(names(nonSigners(reportPage(hr, report + "?unsigned.sort=name&unsigned.dir=desc"))).subList(0, 3))
                .containsExactly("Pat Principal", "Nia Number12", "Nia Number11"); // by last name
        // a name, an employee id or an e-mail, and a site, narrow both lists
        String found = reportPage(hr, report + "?q=N0&site=" + sites.findByDistrictIdAndCode(district.id(), "LES")
                .orElseThrow().id());
        assertThat(names(nonSigners(found))).containsExactlyInAnyOrder("Nia Number01", "Nia Number03", "Nia Number05",
                "Nia Number07", "Nia Number09");
        assertThat(signers(found)).contains("No people.");
        assertThat(names(signers(reportPage(hr, report + "?q=nia24@")))).containsExactly("Nia Number24");
        mvc.perform(get(report).param("unsigned.sort", "salary").with(user(hr)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("The list of non-signers is sorted "
                        + "by due, name, site, job, status, supervisor; not by 'salary'")));
        mvc.perform(get(report).param("signed.sort", "due").with(user(hr))).andExpect(status().isBadRequest());

        // the supervisor's lists hold their own staff only; the CSV still has everyone who has not signed
        String pats = reportPage(supervisor(member("P1")), report + "?unsigned.size=10");
        assertThat(names(nonSigners(pats))).containsExactlyInAnyOrder("Ben Brown", "Nia Number01", "Nia Number02",
                "Nia Number03", "Nia Number04", "Nia Number05", "Nia Number06");
        assertThat(names(signers(pats))).containsExactly("Ana Alvarez");
        String csv = mvc.perform(get(report + "/report.csv").with(user(hr))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(csv.lines()).hasSize(16);
        mvc.perform(get(report).with(user(fixtures.user(fixtures.district("Other report"), Role.HR))))
                .andExpect(status().isNotFound());

        // as many statements for ten people a list as for all of them
        List<String> ten = org.steward.QueryCounts.during(() -> reportPage(hr, report + "?unsigned.size=10&signed.size=10"));
        assertThat(ten).isNotEmpty();
        assertThat(org.steward.QueryCounts.during(() -> reportPage(hr, report))).hasSameSizeAs(ten);
    }

    String reportPage(StewardUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String nonSigners(String html) {
        return html.substring(html.indexOf("id=\"non-heading\""), html.indexOf("id=\"signed-heading\""));
    }

    static String signers(String html) {
        return html.substring(html.indexOf("id=\"signed-heading\""));
    }

    /** The people a part of a page names, each a link to their profile. */
    static List<String> names(String html) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"/staff/\\d+\">([^<]+)</a>").matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void percentagesAreRoundedButNeverSayEveryoneOrNobodyWhenThatIsNotSo() {
        assertThat(new CompletionReport.Row("All", 3, 2, 1, 0).percentSigned()).isEqualTo(67); // not 66
        assertThat(new CompletionReport.Row("All", 8, 1, 7, 0).percentSigned()).isEqualTo(13); // 12.5
        assertThat(new CompletionReport.Row("All", 1000, 999, 1, 0).percentSigned()).isEqualTo(99);
        assertThat(new CompletionReport.Row("All", 1000, 1, 999, 0).percentSigned()).isEqualTo(1);
        assertThat(new CompletionReport.Row("All", 4, 4, 0, 0).percentSigned()).isEqualTo(100);
        assertThat(new CompletionReport.Row("All", 0, 0, 0, 0).percentSigned()).isZero();
    }

    @Test
    void hrRemindsEveryNonSignerNowOnceADaySaysHowManyAndNotInAClosedCampaign() throws Exception {
        fixtures.roster(district, ROSTER + "N2,Noa,Nomail,,LES,Teacher,P1,2020-08-01,active\n");
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        sign(campaign, member("T1"), statementIds(), "Ana Alvarez");
        StewardUser hr = fixtures.user(district, Role.HR);

        mvc.perform(post("/acknowledgments/campaigns/" + campaign.id() + "/remind").with(user(hr)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "Reminded 3 people by e-mail; 1 has no e-mail address on "
                        + "the roster (remind them in person)."));
        String subject = "Reminder: sign Staff Technology Acceptable Use Policy by 2026-09-15";
        await().untilAsserted(() -> {
            assertThat(subjects("pat@example.org")).containsExactly(subject);
            assertThat(subjects("ben@example.org")).containsExactly(subject);
            assertThat(subjects("cam@example.org")).containsExactly(subject);
        });
        assertThat(subjects("ana@example.org")).as("she signed").isEmpty();
        assertThat(subjects("old@example.org")).as("separated").isEmpty();

        mvc.perform(post("/acknowledgments/campaigns/" + campaign.id() + "/remind").with(user(hr)).with(csrf()))
                .andExpect(flash().attribute("message", "Reminded 0 people by e-mail; 3 were reminded today "
                        + "already; 1 has no e-mail address on the roster (remind them in person)."));
        clock.set(at(LocalDate.of(2026, 8, 4)));
        assertThat(reminders.now(district.id(), campaign.id())).isEqualTo(new Reminders.Sent(3, 0, 1));
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'ACK_REMINDERS_SENT'"
                        + " order by id").param(district.id()).query(String.class).list()).containsExactly(
                "2026-27: 3 reminded now, 0 reminded today already, 1 without an e-mail address",
                "2026-27: 0 reminded now, 3 reminded today already, 1 without an e-mail address",
                "2026-27: 3 reminded now, 0 reminded today already, 1 without an e-mail address");
        mvc.perform(post("/acknowledgments/campaigns/" + campaign.id() + "/remind")
                .with(user(supervisor(member("P1")))).with(csrf())).andExpect(status().isForbidden());

        campaigns.close(district.id(), campaign.id());
        mvc.perform(post("/acknowledgments/campaigns/" + campaign.id() + "/remind").with(user(hr)).with(csrf()))
                .andExpect(flash().attribute("problem", "This campaign is closed: nobody is reminded to sign in it."));
        assertThatThrownBy(() -> reminders.now(district.id(), campaign.id())).isInstanceOf(Reminders.Refused.class);
        await().untilAsserted(() -> assertThat(subjects("ben@example.org")).hasSize(2));
    }

    @Test
    void signaturesFromBeforeStewardAreRecordedAtTheTimeTheyWereGivenAndSayWhoRecordedThemFromWhat()
            throws Exception {
        Campaign lastYear = campaigns.open(district.id(), new Campaigns.Opening("2025-26", version1, Set.of(),
                Set.of(), LocalDate.of(2025, 8, 4), LocalDate.of(2025, 9, 15)), "hr");
        StaffMember ana = member("T1");
        StaffMember ben = member("T2");
        Instant given = LocalDate.of(2025, 8, 20).atTime(10, 15).atZone(LA).toInstant();
        Signing.EarlierSignature anas = new Signing.EarlierSignature(ana.id(), "Ana Alvarez", given,
                "paper signature page, HR files 2025-26");

        Signature recorded = signing.recordEarlier(district.id(), lastYear.id(), List.of(anas), "hr").get(0);
        assertThat(recorded.signedAt()).isEqualTo(given);
        assertThat(recorded.recordedFrom()).isEqualTo("paper signature page, HR files 2025-26");
        assertThat(recorded.recordedBy()).isEqualTo("hr");
        assertThat(recorded.recordedAt()).isEqualTo(at(LocalDate.of(2026, 8, 3)));
        assertThat(recorded.statements()).containsExactlyElementsOf(signaturePage.statements(district.id()).stream()
                .map(Statement::text).toList());
        assertThat(signing.recordEarlier(district.id(), lastYear.id(), List.of(anas), "hr").get(0).id())
                .as("recorded once").isEqualTo(recorded.id());
        assertThat(campaigns.assignment(district.id(), lastYear.id(), ana.id()).orElseThrow().signedAt())
                .isEqualTo(given);
        assertThat(events.signed).extracting(AcknowledgmentSigned::signatureId).containsExactly(recorded.id());
        String receipt = text(signing.receipt(district.id(), recorded.id()).orElseThrow());
        assertThat(receipt).contains("Date:", "2025-08-20", "Effective School Year:", "2025-26",
                "(as signed on the record it was recorded from)", "before the district used Steward",
                "by hr from: paper signature");
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = "
                        + "'ACK_SIGNATURE_RECORDED'").param(district.id()).query(String.class).single())
                .contains("staff T1", "school year 2025-26", "signed 2025-08-20T17:15:00Z",
                        "recorded from paper signature page, HR files 2025-26");

        // a bad page in the stack: nothing of the stack is recorded, and the refusal names whose page it is
        StaffMember pat = member("P1");
        Signing.EarlierSignature pats = new Signing.EarlierSignature(pat.id(), "Pat Principal", given, "paper");
        assertThatThrownBy(() -> signing.recordEarlier(district.id(), lastYear.id(), List.of(pats,
                new Signing.EarlierSignature(ben.id(), "Ben Brown", at(LocalDate.of(2026, 8, 10)), "paper")), "hr"))
                .isInstanceOf(Signing.Refused.class).hasMessage("Ben Brown (T2): a signature recorded from an "
                        + "earlier record was given before now, not on 2026-08-10. Nothing was recorded.");
        assertThat(signing.signedBy(district.id(), pat.id())).as("all or none").isEmpty();
        assertThatThrownBy(() -> signing.recordEarlier(district.id(), lastYear.id(), List.of(
                new Signing.EarlierSignature(ben.id(), "Ben Brown", at(LocalDate.of(2025, 8, 1)), "paper")), "hr"))
                .isInstanceOf(Signing.Refused.class).hasMessageContaining("the campaign opened on 2025-08-04, after "
                        + "2025-08-01: nothing was signed in it then.");
        assertThatThrownBy(() -> signing.recordEarlier(district.id(), lastYear.id(), List.of(
                new Signing.EarlierSignature(ben.id(), "Benjamin Brown", given, "paper")), "hr"))
                .isInstanceOf(Signing.Refused.class).hasMessageContaining("the district has Ben Brown");
        assertThatThrownBy(() -> signing.recordEarlier(district.id(), lastYear.id(), List.of(
                new Signing.EarlierSignature(ben.id(), "Ben Brown", given, " ")), "hr"))
                .isInstanceOf(Signing.Refused.class).hasMessageContaining("what the signature is recorded from");

        clock.set(at(LocalDate.of(2026, 8, 5)));
        campaigns.close(district.id(), lastYear.id());
        clock.set(at(LocalDate.of(2026, 8, 6)));
        assertThatThrownBy(() -> signing.recordEarlier(district.id(), lastYear.id(), List.of(
                new Signing.EarlierSignature(ben.id(), "Ben Brown", at(LocalDate.of(2026, 8, 5)).plusSeconds(60),
                        "paper")), "hr")).isInstanceOf(Signing.Refused.class)
                .hasMessageContaining("closed on 2026-08-05");
        // found in the files after the campaign closed, signed while it was open: recorded
        assertThat(signing.recordEarlier(district.id(), lastYear.id(), List.of(
                new Signing.EarlierSignature(ben.id(), "Ben Brown", given, "paper")), "hr").get(0).signedAt())
                .isEqualTo(given);
        assertThat(signing.signedBy(district.id(), ben.id())).hasSize(1);
        assertThatThrownBy(() -> jdbc.sql("update ack_signature set signed_at = now() where id = ?")
                .param(recorded.id()).update()).hasMessageContaining("final");
    }

    @Test
    void employeesSignThroughThePageAndOnlyTheyAndHrMayReadTheirReceipts() throws Exception {
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        StaffMember ana = member("T1");
        StewardUser anaUser = employee(ana);
        var form = post("/acknowledgments/" + campaign.id()).with(user(anaUser)).with(csrf())
                .param("typedName", "Ana Alvarez");
        statementIds().forEach(id -> form.param("statement", id.toString()));
        mvc.perform(post("/acknowledgments/" + campaign.id()).with(user(anaUser)).with(csrf())
                        .param("typedName", "Ana Alvarez").param("statement", statementIds().iterator().next().toString()))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "Tick each statement to acknowledge it: 4 of 5 are not ticked.")));
        assertThat(signing.signedBy(district.id(), ana.id())).isEmpty();
        mvc.perform(form).andExpect(status().is3xxRedirection());
        Signature signature = signing.signedBy(district.id(), ana.id()).get(0);

        String receipt = "/acknowledgments/receipts/" + signature.id();
        MvcResult own = mvc.perform(get(receipt).with(user(anaUser))).andExpect(status().isOk()).andReturn();
        assertThat(own.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(text(own.getResponse().getContentAsByteArray())).contains("Ana Alvarez");
        mvc.perform(get(receipt).with(user(employee(member("T2"))))).andExpect(status().isNotFound());
        mvc.perform(get(receipt).with(user(fixtures.user(district, Role.HR)))).andExpect(status().isOk());
        District other = fixtures.district("Other");
        mvc.perform(get(receipt).with(user(fixtures.user(other, Role.HR)))).andExpect(status().isNotFound());
        mvc.perform(get("/acknowledgments/campaigns/" + campaign.id()).with(user(fixtures.user(other, Role.HR))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/acknowledgments/campaigns").with(user(anaUser))).andExpect(status().isForbidden());
        mvc.perform(post("/acknowledgments/campaigns/" + campaign.id() + "/close").with(user(supervisor(member("P1"))))
                .with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/acknowledgments/" + campaign.id()).with(user(employee(member("T2"))))
                .param("typedName", "Ben Brown")).andExpect(status().isForbidden()); // no CSRF token
    }

    @Test
    void atAKioskEachEmployeeSignsInSignsAndIsSignedOutWithoutSeeingAnyoneElse() throws Exception {
        Campaign campaign = open(Set.of(), Set.of(), LocalDate.of(2026, 9, 15));
        StewardUser pat = supervisor(member("P1"));
        var opened = mvc.perform(post("/kiosk/open").with(user(pat)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse();
        jakarta.servlet.http.Cookie kiosk = opened.getCookie(Kiosks.COOKIE);
        assertThat(kiosk).isNotNull();
        assertThat(kiosk.isHttpOnly()).isTrue();
        assertThat(mvc.perform(get("/kiosk").cookie(kiosk)).andReturn().getResponse().getContentAsString())
                .contains("This screen is a kiosk");
        assertThat(mvc.perform(get("/kiosk")).andReturn().getResponse().getContentAsString())
                .contains("This browser is not a kiosk");

        StewardUser ana = employee(member("T1"));
        var next = mvc.perform(get("/kiosk/next").with(user(ana)).cookie(kiosk))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/acknowledgments/" + campaign.id())).andReturn();
        assertThat(next.getRequest().getSession().getMaxInactiveInterval()).isEqualTo(180);
        var form = post("/acknowledgments/" + campaign.id()).with(user(ana)).with(csrf()).cookie(kiosk)
                .param("typedName", "Ana Alvarez");
        statementIds().forEach(id -> form.param("statement", id.toString()));
        mvc.perform(form).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                .redirectedUrl("/kiosk/done"));
        Signature signature = signing.signedBy(district.id(), member("T1").id()).get(0);
        assertThat(signature.kioskId()).isNotNull();

        var done = mvc.perform(get("/kiosk/done").with(user(ana)).cookie(kiosk)).andReturn();
        assertThat(done.getResponse().getContentAsString()).contains("Signed, thank you. You are signed out");
        assertThat(done.getRequest().getSession(false) == null
                || done.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null).isTrue();
        // signing again at the kiosk: nothing left, straight back to the waiting screen, signed out
        assertThat(mvc.perform(get("/kiosk/next").with(user(ana)).cookie(kiosk)).andReturn().getResponse()
                .getContentAsString()).contains("There is nothing for you to sign now");
        // a report sent at the kiosk: received, and its sender signed out at once for the next person
        var reporting = mvc.perform(get("/report").with(user(ana)).cookie(kiosk)).andReturn();
        assertThat(reporting.getRequest().getSession().getMaxInactiveInterval()).isEqualTo(Kiosks.IDLE_SECONDS);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/report")
                        .param("kind", "STUDENT_VIOLATION").param("what", "A student logged in as his teacher")
                        .with(user(ana)).with(csrf()).cookie(kiosk))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/kiosk/reported"));
        var reported = mvc.perform(get("/kiosk/reported").with(user(ana)).cookie(kiosk)).andReturn();
        assertThat(reported.getResponse().getContentAsString()).contains("Your report was received")
                .contains("You are signed out");
        assertThat(reported.getRequest().getSession(false) == null
                || reported.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null).isTrue();
        mvc.perform(post("/kiosk/open").with(user(employee(member("T2")))).with(csrf()))
                .andExpect(status().isForbidden());
    }

    // --- helpers

    Campaign open(Set<Long> siteIds, Set<String> jobs, LocalDate due) {
        return campaigns.open(district.id(), new Campaigns.Opening("2026-27", version1, siteIds, jobs,
                LocalDate.of(2026, 8, 3), due), "hr");
    }

    Signature sign(Campaign campaign, StaffMember member, Set<Long> ticked, String name) {
        return signing.sign(district.id(), campaign.id(), member.id(),
                new Signing.Submission(ticked, name, "192.0.2.7", "Test browser", null));
    }

    Set<Long> statementIds() {
        return signaturePage.statements(district.id()).stream().map(Statement::id).collect(Collectors.toSet());
    }

    List<String> assigned(Campaign campaign) {
        return staff.active(district.id()).stream()
                .filter(m -> campaigns.assignment(district.id(), campaign.id(), m.id()).isPresent())
                .map(StaffMember::employeeId).toList();
    }

    StaffMember member(String employeeId) {
        return staff.search(district.id(), employeeId, null, "", 5).stream()
                .filter(l -> l.employeeId().equals(employeeId))
                .map(l -> staff.find(district.id(), l.id()).orElseThrow()).findFirst().orElseThrow();
    }

    StewardUser employee(StaffMember member) {
        return account(member, Role.EMPLOYEE);
    }

    StewardUser supervisor(StaffMember member) {
        return account(member, Role.SUPERVISOR);
    }

    StewardUser account(StaffMember member, Role role) {
        return fixtures.account(district, member, role);
    }

    int runOn(LocalDate day) {
        clock.set(at(day));
        return reminders.run(district.id());
    }

    List<String> subjects(String to) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(message.getAllRecipients()).contains(to)) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    int suspensions() {
        return jdbc.sql("select count(*) from audit_entry where district_id = ? and action = 'ACK_PRIVILEGES_SUSPENDED'")
                .param(district.id()).query(Integer.class).single();
    }

    static Instant at(LocalDate day) {
        return day.atTime(9, 0).atZone(LA).toInstant();
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The module's events, as another module would receive them. */
    static class EventsSeen implements ApplicationListener<PayloadApplicationEvent<?>> {
        final List<AcknowledgmentSigned> signed = new java.util.concurrent.CopyOnWriteArrayList<>();

        void clear() {
            signed.clear();
        }

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<?> event) {
            if (event.getPayload() instanceof AcknowledgmentSigned s) {
                signed.add(s);
            }
        }
    }
}
