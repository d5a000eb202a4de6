package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The demo's employee reads her own internet use: her totals, the confirmed finding about her, and her sites paged and
 * sorted as every list is. Screenshots go to target/screenshots/.
 */
class MyInternetUseBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void theEmployeeReadsHerOwnSitesPagedAndSorted() {
        browser.get(url("/login"));
        signIn("employee");
        browser.get(url("/activity/mine"));
        String page = Browser.mainTextWith(browser, "Sites");
        assertThat(page).contains("Personal web browsing during duty time").containsPattern("Page 1 of \\d+: sites 1 to");
        browser.findElement(By.xpath("//th//a[contains(., 'Visits')]")).click();
        Browser.mainTextWith(browser, "Sites");
        assertThat(browser.getCurrentUrl()).contains("sort=visits");
        Browser.screenshot(browser, "120-my-internet-use");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "120-my-internet-use-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }
}
