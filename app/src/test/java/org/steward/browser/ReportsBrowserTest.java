package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Technology services reads the demo week's top users under a reason, opens one person's report under that
 * person's own reason, and goes into one day of it. Screenshots go to target/screenshots/.
 */
class ReportsBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void theTopUsersUnderAReasonThenOnePersonsDayByDay() {
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity"));
        browser.findElement(By.linkText("The top users of these days")).click();
        assertThat(Browser.mainTextWith(browser, "Why do you need to see")).contains("the district's top users");
        browser.findElement(By.id("reason")).sendKeys("Bandwidth complaint from Roosevelt High");
        browser.findElement(By.xpath("//button[text()='Show the report']")).click();
        String top = Browser.mainTextWith(browser, "Top users by time connected");
        assertThat(top).contains("Bandwidth complaint from Roosevelt High").contains("Top sites by time connected");
        Browser.screenshot(browser, "110-top-users");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 900));
        browser.navigate().refresh();
        Browser.screenshot(browser, "110-top-users-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        String first = browser.findElement(By.cssSelector("#users-heading ~ .table-wrap tbody tr td:nth-child(2) a"))
                .getText();
        browser.findElement(By.linkText(first)).click();
        Browser.mainTextWith(browser, "Why do you need to see");
        browser.findElement(By.id("reason")).sendKeys("Bandwidth complaint from Roosevelt High");
        browser.findElement(By.xpath("//button[text()='Show the report']")).click();
        assertThat(Browser.mainTextWith(browser, "Day by day")).contains("Internet use of " + first)
                .contains("Download as PDF");
        Browser.screenshot(browser, "111-person-day-by-day");
        browser.findElement(By.cssSelector("#days-heading ~ .table-wrap tbody tr a")).click();
        assertThat(Browser.mainTextWith(browser, "Sites visited")).contains("Internet use of " + first);
        assertThat(browser.getPageSource()).as("one day has no day-by-day").doesNotContain("id=\"days-heading\"");
    }
}
