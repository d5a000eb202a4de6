package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Technology services sends a finding of the demo's week for investigation; the investigator finds it waiting on
 * the investigations page and opens it. Screenshots go to target/screenshots/.
 */
class InvestigationsBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void aFindingSentForInvestigationWaitsOnTheInvestigatorsPage() {
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/findings"));
        browser.findElement(By.cssSelector("main tbody tr a")).click();
        String title = browser.findElement(By.tagName("h1")).getText();
        browser.findElement(By.cssSelector("input[name=status][value=INVESTIGATION]")).click();
        browser.findElement(By.id("reason")).sendKeys("Every morning for two weeks");
        browser.findElement(By.xpath("//button[text()='Record']")).click();
        assertThat(Browser.mainTextWith(browser, "For investigation by")).contains(title);

        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("investigator");
        browser.findElement(By.linkText("Investigations")).click();
        Browser.waitUntil(() -> browser.findElement(By.tagName("main")).getText()
                .contains("Waiting for an investigator (1)"), "the finding to wait for an investigator");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains(title)
                .contains("technology");
        Browser.screenshot(browser, "95-investigations");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 900));
        browser.navigate().refresh();
        Browser.screenshot(browser, "95-investigations-phone");

        browser.findElement(By.cssSelector("main tbody tr a")).click();
        assertThat(Browser.mainTextWith(browser, "For investigation")).contains(title);
    }
}
