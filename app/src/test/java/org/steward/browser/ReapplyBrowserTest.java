package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Technology services re-apply the lists and rules in use to the demo's kept logs of the last week: the page shows the
 * whole weeks and runs it would count again, asks why, follows the re-apply, and, nothing having changed, finds every
 * finding again and dismisses none. Screenshots go to target/screenshots/.
 */
class ReapplyBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void theDemosWeekIsCountedAgainAndEveryFindingFoundAgain() {
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/rules"));
        browser.findElement(By.linkText("re-apply them to stored logs")).click();
        assertThat(Browser.mainTextWith(browser, "Re-apply lists and rules to kept logs"))
                .contains("Confirmed findings and those sent for investigation never change");

        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        browser.get(url("/activity/reapply?from=" + today.minusDays(6) + "&to=" + today));
        String scope = Browser.mainTextWith(browser, "Counted again:");
        assertThat(scope).contains("whole weeks are counted again").contains("kept");
        Browser.screenshot(browser, "95-reapply-scope");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "95-reapply-scope-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.findElement(By.id("reason")).sendKeys("Checking the counts after the lists update");
        browser.findElement(By.xpath("//button[text()='Re-apply to these days']")).click();
        String done = Browser.mainTextWith(browser, "Done:");
        assertThat(done).contains("0 new findings").contains("0 open findings no longer found");
        Browser.screenshot(browser, "96-reapply-done");
        browser.get(url("/activity/reapply"));
        assertThat(Browser.mainTextWith(browser, "Earlier re-applies"))
                .contains("Checking the counts after the lists update").contains("0 new");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "96-reapply-history-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }
}
