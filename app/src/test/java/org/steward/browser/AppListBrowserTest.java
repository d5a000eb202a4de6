package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Technology services adds an app, is refused approval while its review lacks a term, completes the review,
 * approves it with a condition, and the app appears, with its condition, on the public list anyone can read.
 * Screenshots go to target/screenshots/.
 */
class AppListBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void anAppReviewedAndApprovedWithAConditionAppearsOnThePublicList() {
        // the browser tests share one installation, where others add districts: the public list asks which first
        browser.get(url("/apps/approved"));
        if (!browser.findElements(By.linkText("Sample Unified School District")).isEmpty()) {
            Browser.screenshot(browser, "60-approved-apps-choose-district");
            browser.findElement(By.linkText("Sample Unified School District")).click();
        }
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Classroom Notebook")
                .contains("Students sign in with class codes only").doesNotContain("Quiz Arcade")
                .doesNotContain("Photo Share");
        Browser.screenshot(browser, "60-approved-apps-public");

        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/apps"));
        browser.findElement(By.id("name")).sendKeys("Reading Log");
        browser.findElement(By.id("vendor")).sendKeys("Bookworm Co.");
        browser.findElement(By.id("url")).sendKeys("https://readinglog.example.com");
        browser.findElement(By.id("purpose")).sendKeys("Students log the books they read");
        browser.findElement(By.xpath("//button[text()='Add it, under review']")).click();
        Browser.waitUntil(() -> browser.getCurrentUrl().matches(".*/apps/\\d+"), "the app's page");
        browser.findElement(By.id("band-3-5")).click();
        browser.findElement(By.id("touchesPupilRecords")).click();
        browser.findElement(By.id("under13")).click();
        browser.findElement(By.xpath("//button[text()='Save the details']")).click();
        Browser.mainTextWith(browser, "Saved.");

        browser.findElements(By.cssSelector("input[type=radio][value=YES]")).forEach(WebElement::click);
        browser.findElement(By.id("AB1584_BREACH_NOTICE-NO")).click();
        browser.findElement(By.xpath("//button[text()='Record the review']")).click();
        assertThat(Browser.mainTextWith(browser, "Reviewed:")).contains("Reviewed: 1 required term(s) missing.");
        browser.findElement(By.cssSelector("#status option[value=APPROVED]")).click();
        browser.findElement(By.xpath("//button[text()='Record the decision']")).click();
        assertThat(Browser.mainTextWith(browser, "cannot be approved while its agreement lacks"))
                .contains("notified of an unauthorized disclosure");
        Browser.screenshot(browser, "61-app-approval-refused");

        browser.findElement(By.id("AB1584_BREACH_NOTICE-YES")).click();
        browser.findElement(By.xpath("//button[text()='Record the review']")).click();
        Browser.waitUntil(() -> browser.findElements(By.cssSelector(".notice.ok")).stream()
                .anyMatch(n -> n.getText().contains("meets every required term")), "the second review");
        browser.findElement(By.cssSelector("#status option[value=APPROVED_WITH_CONDITIONS]")).click();
        browser.findElement(By.id("conditions")).sendKeys("Only first names and reading levels.");
        browser.findElement(By.xpath("//button[text()='Record the decision']")).click();
        Browser.waitUntil(() -> browser.findElements(By.cssSelector(".notice.ok")).stream()
                .anyMatch(n -> n.getText().equals("Reading Log is approved with conditions.")), "the approval");
        Browser.screenshot(browser, "62-app-approved");

        browser.manage().deleteAllCookies();
        browser.get(url("/apps/approved/sample?q=reading"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Reading Log")
                .contains("Only first names and reading levels.");
        Browser.screenshot(browser, "63-approved-apps-search");
    }
}
