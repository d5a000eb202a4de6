package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The demo employee reads what changed since the version they signed last year, is refused with a clear message
 * when a statement is left unticked, signs, downloads the receipt (read back with PDFBox), and HR then finds them
 * signed in the completion report. Screenshots go to target/screenshots/.
 */
class AcknowledgmentBrowserTest extends DemoDistrictBrowserTest {

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    @Test
    void anEmployeeSignsAndDownloadsTheReceiptThenHrSeesItInTheReport() throws Exception {
        signInAs("employee");
        String name = browser.findElement(By.cssSelector("header .who span span")).getText();
        assertThat(browser.findElement(By.cssSelector(".notice.info")).getText())
                .contains("You have the acceptable-use policy to read and sign");
        Browser.screenshot(browser, "20-home-to-sign");
        browser.findElement(By.linkText("Read and sign")).click();

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
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).startsWith("Signed.");
        Browser.screenshot(browser, "23-my-acknowledgments");

        String receiptPath = browser.findElement(By.linkText("Receipt (PDF)")).getAttribute("href");
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<byte[]> receipt = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receiptPath))
                .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("Content-Type")).contains("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(receipt.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Annual Acknowledgment and Signature Page", "Sample Unified School District",
                    "version 2", "Employee Name:", name, "Signature:", name.toUpperCase(), "Date:",
                    "Effective School Year:", "No Expectation of Privacy");
        }

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/acknowledgments"));
        Browser.screenshot(browser, "24-my-acknowledgments-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        signInAs("hr");
        Browser.screenshot(browser, "25-home-completion-chart");
        browser.findElement(By.linkText("Completion report")).click();
        String report = Browser.mainTextWith(browser, "Not signed yet");
        assertThat(report).contains("By site").contains("By job function").contains("Not signed yet")
                .doesNotContain(name + "\n");
        assertThat(browser.findElements(By.cssSelector("#non-heading ~ .table-wrap tbody tr")).stream()
                .map(WebElement::getText)).noneMatch(row -> row.startsWith(name));
        Browser.screenshot(browser, "26-completion-report");

        browser.get(url("/acknowledgments/campaigns"));
        Browser.screenshot(browser, "27-campaigns");
        browser.get(url("/acknowledgments/signature-page"));
        Browser.screenshot(browser, "28-signature-page");

        browser.get(url("/staff?q=" + name.substring(name.indexOf(' ') + 1)));
        browser.findElement(By.linkText(name.substring(name.indexOf(' ') + 1) + ", " + name.substring(0,
                name.indexOf(' ')))).click();
        WebElement record = browser.findElement(By.id("ack-heading")).findElement(By.xpath(".."));
        assertThat(record.getText()).contains("2026-27").contains("2025-26").contains("signed").contains("PDF");
        new org.openqa.selenium.interactions.Actions(browser).scrollToElement(record).perform();
        Browser.screenshot(browser, "29-profile-compliance-record");

        browser.get(url("/acknowledgments/campaigns"));
        Browser.click(browser, By.xpath("//button[text()='Open a kiosk on this screen']"));
        assertThat(Browser.mainTextWith(browser, "This screen is a kiosk")).contains("Sign in to sign");
        Browser.screenshot(browser, "30-kiosk");
    }
}
