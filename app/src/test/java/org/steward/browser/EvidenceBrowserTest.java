package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The investigator adds to a case of the demo district a finding, the subject's internet use for a week with the
 * reason, and a screenshot; opens an item and its chain of custody; downloads the screenshot with a reason; and makes
 * the case file, which lists every item with its SHA-256. Screenshots go to target/screenshots/.
 */
class EvidenceBrowserTest extends DemoDistrictBrowserTest {

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Autowired JdbcClient jdbc;

    @Test
    void theInvestigatorAddsAFindingTheUseOfAWeekAndAScreenshotThenMakesTheCaseFile() throws Exception {
        long district = jdbc.sql("select id from district where slug = 'sample'").query(Long.class).single();
        var finding = jdbc.sql("select id, staff_id, first_at from activity_finding where district_id = ? "
                        + "and staff_id is not null order by id limit 1").param(district)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()})
                .single();
        long findingId = (Long) finding[0];
        LocalDate day = ((Instant) finding[2]).atZone(ZoneId.of("America/Los_Angeles")).toLocalDate();
        String subject = jdbc.sql("select employee_id from staff where id = ?").param(finding[1])
                .query(String.class).single();

        browser.get(url("/login"));
        signIn("investigator");
        browser.get(url("/investigations/cases"));
        browser.findElement(By.id("title")).sendKeys("Games during class time");
        browser.findElement(By.id("subject")).sendKeys(subject);
        Browser.click(browser, By.xpath("//button[text()='Open the case']"));
        assertThat(Browser.mainTextWith(browser, "is open")).contains("Games during class time");
        long caseId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/cases/(\\d+).*", "$1"));
        browser.get(url("/investigations/cases/" + caseId + "/evidence"));
        browser.findElement(By.id("finding")).sendKeys(String.valueOf(findingId));
        Browser.click(browser, By.xpath("//button[text()='Add the finding']"));
        assertThat(Browser.mainTextWith(browser, "Added item")).contains("Finding " + findingId);

        Browser.setDate(browser, "usage-from", day.toString());
        Browser.setDate(browser, "usage-to", day.plusDays(6).toString());
        browser.findElement(By.id("usage-reason")).sendKeys("The principal reported games during class time");
        Browser.click(browser, By.xpath("//button[text()='Add the internet use']"));
        assertThat(Browser.mainTextWith(browser, "Added item")).contains("Internet use of ");

        Path shot = Files.createTempFile("screenshot", ".png");
        Files.write(shot, PNG);
        browser.findElement(By.id("evidence-file")).sendKeys(shot.toAbsolutePath().toString());
        Browser.click(browser, By.xpath("//button[text()='Upload the file']"));
        String listed = Browser.mainTextWith(browser, "Added item");
        assertThat(listed).contains(shot.getFileName().toString()).contains("Finding " + findingId)
                .contains("Internet use of ");
        Browser.screenshot(browser, "96-evidence");
        browser.manage().window().setSize(new Dimension(390, 900));
        browser.navigate().refresh();
        Browser.screenshot(browser, "96-evidence-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.findElement(By.partialLinkText(shot.getFileName().toString())).click();
        assertThat(Browser.mainTextWith(browser, "Chain of custody")).contains("viewed by investigator")
                .contains("added by investigator");
        Browser.screenshot(browser, "96-evidence-item");

        WebElement download = browser.findElement(By.cssSelector("form[action$='/download']"));
        HttpResponse<byte[]> file = Browser.postForm(browser, download, "For the hearing with HR on Friday");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PNG);
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                assertThat(d).startsWith("attachment"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        browser.navigate().refresh();
        assertThat(Browser.mainTextWith(browser, "downloaded by"))
                .contains("downloaded by investigator: For the hearing with HR on Friday");

        HttpResponse<byte[]> pdf = Browser.postForm(browser, browser.findElement(By.cssSelector("form[action$='/file.pdf']")),
                "Sent to HR for the hearing");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Timeline").contains("Opened case ").contains("Games during class time")
                .contains("Finding " + findingId)
                .contains(shot.getFileName().toString()).contains("Made for investigator: Sent to HR for the hearing");
        for (String sha : jdbc.sql("select sha256 from investigation_evidence where case_id = ?").param(caseId)
                .query(String.class).list()) {
            assertThat(text).contains("SHA-256 " + sha);
        }
    }
}
