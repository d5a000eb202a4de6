package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.steward.SharedData;
import org.steward.acknowledgments.Campaigns;

/**
 * The demo's whole story, as each of its people signs in. The employee, a teacher at Lincoln Elementary, holds
 * laptop L-0001 and signed last school year's acknowledgment; reads what changed, is refused with a statement
 * unticked, signs this year's and downloads the receipt; asks to take the laptop home. The teacher's principal, the
 * demo supervisor, approves that from the approvals inbox, finds the teacher among their staff and the finding
 * technology services confirmed about the teacher's shopping in class. Technology services finds the teacher by
 * name, gives a reason, sees that finding, opens it, and downloads the teacher's report as a PDF. HR reminds everyone
 * who has still not signed, no longer the teacher, and finds the teacher signed. The first browser test: the others
 * find the employee signed.
 * Screenshots go to target/screenshots/.
 */
@Order(1)
class WholeStoryBrowserTest extends DemoDistrictBrowserTest {

    private static final ZoneId DISTRICT = ZoneId.of("America/Los_Angeles");
    private static final String WHY_AT_HOME = "Grading the fourth grade's essays over the weekend";
    private static final String LOOK_REASON = "The principal asked what the confirmed finding about this teacher says";

    private final LocalDate today = LocalDate.now(DISTRICT);

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    private void atPhoneWidth(Runnable shown) {
        browser.manage().window().setSize(new Dimension(400, 900));
        shown.run();
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void theEmployeeSignsTakesTheLaptopHomeTechnologyFindsTheConfirmedFindingAndHrRemindsTheOthers()
            throws Exception {
        String name = beforeTheEmployeeSigns();
        theEmployeeSigns(name);
        LocalDate until = theEmployeeAsksToTakeTheLaptopHome();
        thePrincipalApproves(name, until);
        technologyFindsTheConfirmedFinding(name);
        hrRemindsThoseWhoHaveNotSigned(name);
    }

    /** What a visitor finds first: the accounts, the laptop, last year's signature, this year's still to sign. */
    private String beforeTheEmployeeSigns() {
        browser.get(url("/login"));
        assertThat(browser.findElement(By.id("demo")).getText()).contains("Demo accounts")
                .contains("the teacher's principal").doesNotContain("is loading");
        atPhoneWidth(() -> Browser.screenshot(browser, "14-login-phone"));

        signInAs("employee");
        String name = browser.findElement(By.cssSelector("header .who span span")).getText();
        assertThat(browser.findElement(By.cssSelector(".notice.info")).getText())
                .contains("You have the acceptable-use policy to read and sign");
        Browser.screenshot(browser, "20-home-to-sign");
        browser.get(url("/my-devices"));
        WebElement held = browser.findElement(By.id("held-heading")).findElement(By.xpath(".."));
        assertThat(held.getText()).contains("L-0001").contains("Laptop");
        Browser.screenshot(browser, "15-demo-employee-devices");
        atPhoneWidth(() -> Browser.screenshot(browser, "15-demo-employee-devices-phone"));

        browser.get(url("/acknowledgments"));
        String mine = browser.findElement(By.tagName("main")).getText();
        assertThat(mine).contains(Campaigns.schoolYear(today)).contains(Campaigns.schoolYear(today.minusYears(1)));
        WebElement signedLastYear = browser.findElements(By.cssSelector("main .badge.published")).stream()
                .filter(b -> b.getText().startsWith("signed ")).findFirst().orElseThrow();
        LocalDate signedOn = LocalDate.parse(signedLastYear.getText().substring("signed ".length()));
        assertThat(signedOn).as("last year's acknowledgment, signed last year")
                .isBefore(today.minusYears(1).plusDays(1)).isAfter(today.minusYears(1).minusDays(41));
        return name;
    }

    /** The employee reads what changed since version 1, is refused with a statement unticked, signs, has a receipt. */
    private void theEmployeeSigns(String name) throws IOException, InterruptedException {
        browser.get(url("/"));
        Browser.click(browser, By.linkText("Read and sign"));
        assertThat(browser.findElement(By.id("changes-heading")).getText())
                .isEqualTo("What changed since version 1, which you signed");
        assertThat(browser.findElement(By.cssSelector("nav.toc")).getText()).contains("Sign");
        Browser.screenshot(browser, "21-sign-what-changed");

        var boxes = browser.findElements(By.cssSelector("input[name=statement]"));
        assertThat(boxes).hasSize(5);
        boxes.subList(0, 4).forEach(WebElement::click);
        browser.findElement(By.id("typedName")).sendKeys(name.toUpperCase());
        browser.findElement(By.cssSelector("#sign button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector("#sign .notice.bad")).getText())
                .isEqualTo("Tick each statement to acknowledge it: 1 of 5 is not ticked.");
        Browser.screenshot(browser, "22-sign-refused");

        browser.findElements(By.cssSelector("input[name=statement]")).stream().filter(b -> !b.isSelected())
                .forEach(WebElement::click);
        browser.findElement(By.cssSelector("#sign button[type=submit]")).click();
        assertThat(Browser.mainTextWith(browser, "Signed.")).contains(Campaigns.schoolYear(today));
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).startsWith("Signed.");
        Browser.screenshot(browser, "23-my-acknowledgments");

        HttpResponse<byte[]> receipt = download(browser.findElement(By.linkText("Receipt (PDF)"))
                .getAttribute("href"));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(pdfText(receipt.body())).contains("Annual Acknowledgment and Signature Page",
                "Sample Unified School District", "version 2", "Employee Name:", name, "Signature:",
                name.toUpperCase(), "Date:", "Effective School Year:", "No Expectation of Privacy");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/acknowledgments"));
        Browser.screenshot(browser, "24-my-acknowledgments-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** With this year's acknowledgment signed, the employee asks the supervisor's permission to take L-0001 home. */
    private LocalDate theEmployeeAsksToTakeTheLaptopHome() {
        LocalDate until = today.plusDays(14);
        browser.get(url("/my-devices"));
        WebElement home = browser.findElement(By.id("home-heading")).findElement(By.xpath(".."));
        assertThat(home.getText()).contains("Needs your supervisor's written permission first");
        home.findElement(By.xpath(".//input[@name='reason']")).sendKeys(WHY_AT_HOME);
        WebElement date = home.findElement(By.xpath(".//input[@name='until']"));
        // a date field is typed as the browser shows it, month first (en-US)
        date.sendKeys(until.format(DateTimeFormatter.ofPattern("MMddyyyy")));
        assertThat(date.getAttribute("value")).isEqualTo(until.toString());
        Browser.screenshot(browser, "31-take-home-asked-for");
        atPhoneWidth(() -> {
            scrollTo(By.id("home-heading"));
            Browser.screenshot(browser, "31-take-home-asked-for-phone");
        });
        home.findElement(By.xpath(".//button[text()='Ask']")).click();
        String asked = Browser.mainTextWith(browser, "Asked: your supervisor decides");
        assertThat(browser.findElement(By.id("home-heading")).findElement(By.xpath("..")).getText())
                .contains("L-0001 at home until " + until + ": pending");
        assertThat(asked).doesNotContain("Only the device's possessor");
        Browser.screenshot(browser, "32-take-home-pending");
        return until;
    }

    /**
     * The principal finds the request waiting, reads it and approves it; finds the teacher among their staff, and the
     * confirmed finding about them. The teacher then finds the request approved, and the finding among their own.
     */
    private void thePrincipalApproves(String name, LocalDate until) {
        signInAs("supervisor");
        assertThat(Browser.mainTextWith(browser, "for your decision")).contains("1 request waits for your decision.");
        Browser.click(browser, By.linkText("Decide"));
        WebElement inbox = browser.findElement(By.id("inbox-heading")).findElement(By.xpath(".."));
        assertThat(inbox.getText()).contains("Taking equipment off site: L-0001").contains(name);
        Browser.screenshot(browser, "33-approvals-inbox-take-home");
        Browser.click(browser, By.linkText("Taking equipment off site: L-0001"));
        assertThat(Browser.mainTextWith(browser, "Your decision")).contains("pending")
                .contains("Asked by " + name).contains("Waiting for the supervisor").contains(WHY_AT_HOME)
                .contains(until.toString());
        Browser.screenshot(browser, "34-take-home-to-decide");
        atPhoneWidth(() -> Browser.screenshot(browser, "34-take-home-to-decide-phone"));
        Browser.click(browser, By.xpath("//button[text()='Approve']"));
        String approved = Browser.mainTextWith(browser, "Recorded: the request is now approved.");
        assertThat(approved).contains("Ends on " + until).contains("approved by");
        Browser.screenshot(browser, "35-take-home-approved");

        browser.get(url("/staff"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("people you supervise")
                .contains(lastFirst(name));
        browser.findElement(By.linkText(lastFirst(name))).click();
        assertThat(Browser.mainTextWith(browser, "Job function")).contains("Teacher")
                .contains("Lincoln Elementary School");
        Browser.screenshot(browser, "16-demo-supervisor-sees-the-teacher");
        Browser.click(browser, By.linkText("My internet use"));
        Browser.click(browser, By.linkText("Confirmed findings about the people I supervise"));
        assertThat(Browser.mainTextWith(browser, "Findings about my staff"))
                .containsPattern("Personal web browsing during duty time " + name + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d Confirmed");
        Browser.screenshot(browser, "35-supervisor-confirmed-findings");

        signInAs("employee");
        browser.get(url("/my-devices"));
        assertThat(browser.findElement(By.id("home-heading")).findElement(By.xpath("..")).getText())
                .contains("L-0001 at home until " + until + ": approved");
        Browser.click(browser, By.linkText("My internet use"));
        assertThat(Browser.mainTextWith(browser, "Personal web browsing during duty time"))
                .as("what is kept about the employee, shown to them").contains("Confirmed");
    }

    /**
     * Technology services types the teacher's name in the internet use report, chooses them, gives a reason, finds the
     * finding it confirmed about them, reads it under that reason, and downloads their report for the file.
     */
    private void technologyFindsTheConfirmedFinding(String name) throws IOException, InterruptedException {
        signInAs("technology");
        browser.get(url("/activity/categories"));
        assertThat(browser.findElement(By.tagName("main")).getText()).as("UT1's lists, read from ../shared")
                .contains("from " + SharedData.data("ut1")).containsPattern("[6-9]\\d categories");

        browser.get(url("/activity"));
        browser.findElement(By.id("person")).sendKeys(name);
        By teacher = By.xpath("//fieldset[contains(@class, 'choices')]//label[span[@class='choice-name' and "
                + "normalize-space(.)='" + name + "'] and contains(., 'Lincoln Elementary School')]");
        Browser.waitUntil(() -> browser.findElement(teacher).isDisplayed(), "the teacher among the suggestions");
        assertThat(browser.findElement(teacher).getText()).contains("Teacher");
        scrollTo(By.id("look-heading"));
        Browser.screenshot(browser, "36-report-name-typed");
        atPhoneWidth(() -> {
            scrollTo(By.cssSelector("label[for=person]"));
            Browser.screenshot(browser, "36-report-name-typed-phone");
        });
        Browser.click(browser, teacher);
        browser.findElement(By.xpath("//button[text()='Continue']")).click();
        assertThat(Browser.mainTextWith(browser, "Why do you need to see")).contains(name + "'s activity?");
        browser.findElement(By.id("reason")).sendKeys(LOOK_REASON);
        browser.findElement(By.id("caseRef")).sendKeys("HR-2026-031");
        Browser.screenshot(browser, "37-report-reason");
        browser.findElement(By.xpath("//button[text()='Show the report']")).click();

        assertThat(Browser.mainTextWith(browser, "Shown to")).contains("Internet use of " + name)
                .contains(LOOK_REASON).contains("amazon.com");
        LocalDate lastWednesday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1)
                .plusDays(2);
        WebElement found = browser.findElement(By.id("findings-heading")).findElement(By.xpath(".."));
        assertThat(found.getText()).containsPattern("Personal web browsing during duty time low " + lastWednesday
                + " \\d\\d:\\d\\d Confirmed");
        Browser.screenshot(browser, "38-report-confirmed-finding");
        atPhoneWidth(() -> {
            scrollTo(By.id("findings-heading"));
            Browser.screenshot(browser, "38-report-confirmed-finding-phone");
        });

        // the finding's log lines are the same person's activity: shown under the reason just given, not asked again
        found.findElement(By.linkText("Personal web browsing during duty time")).click();
        String finding = Browser.mainTextWith(browser, "The clause it enforces");
        assertThat(finding).contains(name).contains("Confirmed").contains("Confirmed by technology: Shopping sites")
                .contains(name + " had acknowledged").contains("version 1")
                .contains("The first lines that matched").contains("amazon.com").doesNotContain("say why you need");
        Browser.screenshot(browser, "39-confirmed-finding");
        scrollTo(By.id("history-heading"));
        Browser.screenshot(browser, "39-confirmed-finding-history");

        browser.findElement(By.linkText("(internet use report)")).click();
        Browser.mainTextWith(browser, "Shown to");
        HttpResponse<byte[]> pdf = download(browser.findElement(By.linkText("Download as PDF")).getAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .contains("attachment").contains(".pdf"));
        assertThat(pdfText(pdf.body()).replaceAll("\\s+", " ")).contains("Internet use of " + name,
                "Sample Unified School District", LOOK_REASON + " (case HR-2026-031)", "Findings about " + name,
                lastWednesday + ", Personal web browsing during duty time: Confirmed");
    }

    /** HR reminds the non-signers, no longer the teacher, once today; and finds the teacher signed. */
    private void hrRemindsThoseWhoHaveNotSigned(String name) {
        signInAs("hr");
        Browser.screenshot(browser, "25-home-completion-chart");
        browser.findElement(By.linkText("Completion report")).click();
        String report = Browser.mainTextWith(browser, "Not signed yet");
        assertThat(report).contains("By site").contains("By job function").contains("Send reminders now");
        assertThat(browser.findElements(By.cssSelector("#non-heading ~ .table-wrap tbody tr")).stream()
                .map(WebElement::getText)).as("the non-signers, now without the teacher")
                .noneMatch(row -> row.startsWith(name));
        Browser.screenshot(browser, "26-completion-report");
        String count = browser.findElement(By.cssSelector("#non-heading span")).getText();
        Browser.click(browser, By.xpath("//button[text()='Send reminders now']"));
        Browser.mainTextWith(browser, "Reminded " + count + " people by e-mail.");
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("Reminded " + count + " people by e-mail.");
        Browser.screenshot(browser, "17-demo-reminders-sent");
        WebElement remind = browser.findElement(By.xpath("//button[text()='Send reminders now']"));
        new Actions(browser).scrollToElement(remind).perform();
        Browser.screenshot(browser, "18-demo-reminders-button");
        atPhoneWidth(() -> {
            scrollTo(By.id("non-heading"));
            Browser.screenshot(browser, "18-demo-reminders-button-phone");
        });
        Browser.click(browser, By.xpath("//button[text()='Send reminders now']"));
        Browser.mainTextWith(browser, "were reminded today already"); // the new page's notice, not the last one's
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("Reminded 0 people by e-mail; " + count + " were reminded today already.");

        browser.get(url("/acknowledgments/campaigns"));
        Browser.screenshot(browser, "27-campaigns");
        browser.get(url("/acknowledgments/signature-page"));
        Browser.screenshot(browser, "28-signature-page");

        String last = name.substring(name.lastIndexOf(' ') + 1);
        browser.get(url("/staff?q=" + last));
        browser.findElement(By.linkText(lastFirst(name))).click();
        WebElement record = browser.findElement(By.id("ack-heading")).findElement(By.xpath(".."));
        assertThat(record.getText()).contains(Campaigns.schoolYear(today))
                .contains(Campaigns.schoolYear(today.minusYears(1))).contains("signed").contains("PDF");
        new Actions(browser).scrollToElement(record).perform();
        Browser.screenshot(browser, "29-profile-compliance-record");

        browser.get(url("/acknowledgments/campaigns"));
        Browser.click(browser, By.xpath("//button[text()='Open a kiosk on this screen']"));
        assertThat(Browser.mainTextWith(browser, "This screen is a kiosk")).contains("Sign in to sign");
        Browser.screenshot(browser, "30-kiosk");
    }

    /** Scrolls what a screenshot is about to the top of the window. */
    private void scrollTo(By what) {
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(what));
    }

    /** A file a link on the page gives, fetched as the signed-in browser would. */
    private HttpResponse<byte[]> download(String href) throws IOException, InterruptedException {
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String lastFirst(String name) {
        int space = name.lastIndexOf(' ');
        return name.substring(space + 1) + ", " + name.substring(0, space);
    }
}
