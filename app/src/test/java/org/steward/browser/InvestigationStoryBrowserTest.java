package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.Fixtures;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Issue 20's story in the demo district, through its pages: an employee reports a phishing e-mail she answered, with
 * the e-mail attached; technology services confirms a finding that a teacher went round the web filter and sends it
 * for investigation; the investigator opens a case from it and adds the report to it (its e-mail becomes evidence),
 * adds the finding, the teacher's internet use for the week with the reason and an uploaded screenshot, and closes the case
 * with "privileges cancelled" under the clause the teacher signed; the teacher's next sign-in is refused, saying
 * why, and the outcome reaches her by e-mail with the clause's words; the case file lists every item with the
 * SHA-256 the evidence list shows. Screenshots at desktop and phone widths go to target/screenshots/.
 */
class InvestigationStoryBrowserTest extends DemoDistrictBrowserTest {

    static final byte[] SCREENSHOT = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final String CIRCUMVENTION = "filter-circumvention";
    static final String LOOK = "The investigation of the filter circumvention technology services sent";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired JdbcClient jdbc;
    @Autowired Fixtures fixtures;
    @Autowired Districts districts;
    @Autowired StaffDirectory staff;

    @Test
    void aCircumventionSentForInvestigationEndsWithPrivilegesCancelledUnderTheClauseTheTeacherSigned()
            throws Exception {
        District demo = districts.findBySlug("sample").orElseThrow();
        // which of the demo's findings went round the filter, and about whom: the queue below shows the same
        var circumvention = jdbc.sql("""
                        select id, staff_id from activity_finding
                         where district_id = ? and rule = ? and staff_id is not null and status = 'OPEN'
                         order by first_at limit 1""").params(demo.id(), CIRCUMVENTION)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long findingId = circumvention[0];
        StaffMember teacher = staff.find(demo.id(), circumvention[1]).orElseThrow();
        StewardUser teachersAccount = fixtures.account(demo, teacher, Role.EMPLOYEE);

        String reporter = anEmployeeReportsAPhishingMailSheAnswered();
        technologySendsTheFindingForInvestigation(findingId, teacher);
        long caseId = theInvestigatorOpensACaseFromIt(findingId, teacher);
        theInvestigatorAddsTheReportToTheCase(caseId, reporter);
        List<String> hashes = theInvestigatorAddsTheEvidence(caseId, findingId);
        String clause = theInvestigatorClosesTheCaseWithPrivilegesCancelled();

        // the report closed with the case: its reporter is told so, and nothing of the case
        Awaitility.await().until(() -> mailsTo(reporterMail).stream().anyMatch(m -> subject(m).startsWith("Closed")));
        String closed = GreenMailUtil.getBody(mailsTo(reporterMail).stream()
                .filter(m -> subject(m).startsWith("Closed")).findFirst().orElseThrow());
        assertThat(closed).contains("is closed").doesNotContain("privileges").doesNotContain(teacher.fullName());

        // the teacher's next sign-in is refused, saying why
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(teachersAccount.getUsername());
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(Browser.mainTextWith(browser, "This account is closed"))
                .contains("privileges cancelled under clause " + clause);
        assertThat(browser.getCurrentUrl()).contains("/login");
        Browser.screenshot(browser, "99-story-refused");

        // and the outcome reaches her by e-mail: the decision, the clause's words, the summary
        Awaitility.await().until(() -> !mailsTo(teacher.email()).isEmpty());
        String outcome = GreenMailUtil.getBody(mailsTo(teacher.email()).get(0))
                .replaceAll("=\\r?\\n", "").replaceAll("\\s+", " ");
        assertThat(outcome).contains("privileges cancelled").contains("It was decided under ").contains(", " + clause)
                .contains("Used a proxy to get round the web filter on school days.")
                .doesNotContain("screenshot");

        theCaseFileListsEveryItemWithItsHash(caseId, hashes, teacher.fullName());
    }

    /** The demo's employee reports the e-mail she answered, attaching it; her receipt says not to look further. */
    private String anEmployeeReportsAPhishingMailSheAnswered() throws Exception {
        browser.get(url("/login"));
        signIn("employee");
        Browser.click(browser, By.linkText("Report a problem"));
        Browser.mainTextWith(browser, "What are you reporting?");
        Browser.click(browser, By.id("kind-SECURITY"));
        browser.findElement(By.id("what")).sendKeys("I answered an e-mail that looked like the help desk's and gave"
                + " my password. I changed it afterwards.");
        browser.findElement(By.id("place")).sendKeys("My district mailbox");
        Browser.setDate(browser, "happenedOn", LocalDate.now(ZoneId.of("America/Los_Angeles")).toString());
        browser.findElement(By.id("happenedAt")).sendKeys("about 10:15");
        Path eml = Files.createTempFile("password-request", ".eml");
        Files.writeString(eml, PHISHING);
        browser.findElement(By.id("files")).sendKeys(eml.toAbsolutePath().toString());
        Browser.screenshotWhole(browser, "99-story-report-form");
        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshotWhole(browser, "99-story-report-form-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Browser.click(browser, By.xpath("//button[text()='Send the report']"));
        assertThat(Browser.mainTextWith(browser, "Receipt")).contains("Received. A receipt was sent to you")
                .contains("Do not go looking for more").contains(eml.getFileName().toString());
        Browser.screenshotWhole(browser, "99-story-report-receipt");
        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshotWhole(browser, "99-story-report-receipt-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        String name = browser.findElement(By.cssSelector("header .who span span")).getText();
        reporterMail = jdbc.sql("select email from account where username = 'employee'").query(String.class).single();
        Awaitility.await().until(() -> mailsTo(reporterMail).stream().anyMatch(m -> subject(m).startsWith("Received")));
        return name;
    }

    /** From the reports waiting, the investigator adds the employee's report to the case just opened. */
    private void theInvestigatorAddsTheReportToTheCase(long caseId, String reporter) {
        browser.get(url("/investigations"));
        Browser.click(browser, By.linkText("Read the reports"));
        Browser.mainTextWith(browser, "A possible security problem");
        Browser.screenshot(browser, "99-story-reports");
        Browser.click(browser, By.cssSelector("main table a[href*='/investigations/reports/']"));
        assertThat(Browser.mainTextWith(browser, "What to do with it")).contains(reporter)
                .contains("gave my password");
        Browser.screenshotWhole(browser, "99-story-report");
        browser.findElement(By.id("case-number")).sendKeys(String.valueOf(jdbc.sql(
                "select number from investigation_case where id = ?").param(caseId).query(Integer.class).single()));
        Browser.click(browser, By.xpath("//button[text()='Add to the case']"));
        assertThat(Browser.mainTextWith(browser, "Opened from")).contains("a possible security problem, from "
                + reporter);
    }

    private void technologySendsTheFindingForInvestigation(long findingId, StaffMember teacher) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/findings?rule=" + CIRCUMVENTION));
        assertThat(Browser.mainTextWith(browser, "bypass the web filter")).contains(teacher.fullName());
        Browser.click(browser, By.cssSelector("main a[href$='/activity/findings/" + findingId + "']"));
        Browser.mainTextWith(browser, "The clause it enforces");
        Browser.click(browser, By.cssSelector("input[name=status][value=INVESTIGATION]"));
        browser.findElement(By.id("reason")).sendKeys("A proxy every school day at 10:15, to get round the filter");
        Browser.click(browser, By.xpath("//button[text()='Record']"));
        assertThat(Browser.mainTextWith(browser, "For investigation by")).contains("A proxy every school day");
        Browser.screenshot(browser, "99-story-sent-for-investigation");
    }

    private long theInvestigatorOpensACaseFromIt(long findingId, StaffMember teacher) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("investigator");
        browser.get(url("/investigations"));
        Browser.click(browser, By.cssSelector("button[aria-label='Open a case from finding " + findingId + "']"));
        assertThat(Browser.mainTextWith(browser, " is open.")).contains(teacher.fullName())
                .contains("Finding " + findingId);
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*/cases/(\\d+).*", "$1"));
    }

    /** The finding, the teacher's week of internet use with the reason, a screenshot; the hashes the list shows. */
    private List<String> theInvestigatorAddsTheEvidence(long caseId, long findingId) throws Exception {
        browser.findElement(By.id("finding")).sendKeys(String.valueOf(findingId));
        Browser.click(browser, By.xpath("//button[text()='Add the finding']"));
        assertThat(Browser.mainTextWith(browser, "Added item")).contains("Finding " + findingId);

        LocalDate monday = LocalDate.now(ZoneId.of("America/Los_Angeles"))
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).minusWeeks(1);
        Browser.setDate(browser, "usage-from", monday.toString());
        Browser.setDate(browser, "usage-to", monday.plusDays(4).toString());
        browser.findElement(By.id("usage-reason")).sendKeys(LOOK);
        Browser.click(browser, By.xpath("//button[text()='Add the internet use']"));
        assertThat(Browser.mainTextWith(browser, "Added item")).contains("Internet use of ");

        Path shot = Files.createTempFile("proxy-settings", ".png");
        Files.write(shot, SCREENSHOT);
        browser.findElement(By.id("evidence-file")).sendKeys(shot.toAbsolutePath().toString());
        Browser.click(browser, By.xpath("//button[text()='Upload the file']"));
        assertThat(Browser.mainTextWith(browser, "Added item")).contains(shot.getFileName().toString());

        browser.get(url("/investigations/cases/" + caseId));
        List<String> hashes = new ArrayList<>();
        for (WebElement hash : browser.findElements(By.cssSelector("#evidence-heading ~ div code.hash"))) {
            hashes.add(hash.getText());
        }
        assertThat(hashes).as("the reported e-mail, the finding, the week's use, the screenshot").hasSize(4).allSatisfy(h -> assertThat(h).matches("[0-9a-f]{64}"));
        browser.executeScript("document.getElementById('evidence-heading').scrollIntoView()");
        Browser.screenshot(browser, "99-story-case-evidence");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.executeScript("document.getElementById('evidence-heading').scrollIntoView()");
        Browser.screenshot(browser, "99-story-case-evidence-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        return hashes;
    }

    /** Privileges cancelled under the clause of the version the teacher signed that the rule enforces. */
    private String theInvestigatorClosesTheCaseWithPrivilegesCancelled() {
        List<String> offered = browser.findElements(By.cssSelector("#clause option")).stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertThat(offered).as("the clauses of the version the teacher signed").contains("C.7");
        browser.findElement(By.cssSelector("#outcome option[value=PRIVILEGES_CANCELLED]")).click();
        browser.findElement(By.cssSelector("#clause option[value='C.7']")).click();
        browser.findElement(By.id("summary")).sendKeys("Used a proxy to get round the web filter on school days.");
        Browser.click(browser, By.xpath("//button[text()='Close the case']"));
        assertThat(Browser.mainTextWith(browser, "Closed with its outcome.")).contains("Privileges cancelled")
                .contains("Clause violated");
        Browser.screenshotWhole(browser, "99-story-case-closed");
        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshotWhole(browser, "99-story-case-closed-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        return "C.7";
    }

    private void theCaseFileListsEveryItemWithItsHash(long caseId, List<String> hashes, String teacherName)
            throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("investigator");
        browser.get(url("/investigations/cases/" + caseId));
        HttpResponse<byte[]> pdf = Browser.postForm(browser,
                browser.findElement(By.cssSelector("form[action$='/file.pdf']")), "For the hearing with HR");
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Evidence (4 items)").contains("attached to report").contains("Privileges cancelled, under")
                .contains("Evidence added: Internet use of " + teacherName)
                .contains("Used a proxy to get round the web filter on school days.");
        for (String hash : hashes) {
            assertThat(text).contains("SHA-256 " + hash);
        }
    }

    private String reporterMail;

    static final String PHISHING = """
            From: "Help Desk" <helpdesk@district-support.example>
            To: employee@sample.example
            Subject: Your mailbox is full: confirm your password
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            Reply with your password within 24 hours to keep your mailbox.
            """.replace("\n", "\r\n");

    private static String subject(MimeMessage message) {
        return org.steward.Mailboxes.subject(message);
    }

    private static List<MimeMessage> mailsTo(String to) throws Exception {
        return org.steward.Mailboxes.to(smtp, to);
    }
}
