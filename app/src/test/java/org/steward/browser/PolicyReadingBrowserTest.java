package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * A district administrator signs in to the demo district in a real browser, opens a policy, follows a clause
 * permalink and opens a version diff. Screenshots go to target/screenshots/.
 */
class PolicyReadingBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void signInOpenAPolicyFollowAPermalinkAndCompareVersions() {
        browser.get(url("/policies"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElements(By.cssSelector(".demo-credentials tbody tr"))).hasSize(8);
        Browser.screenshot(browser, "01-login");
        signIn("district-admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("back where they wanted to go")
                .isEqualTo("Policies");
        Browser.screenshot(browser, "03-policies");
        browser.findElement(By.linkText("Home")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sample Unified School District");
        Browser.screenshot(browser, "02-home");
        browser.findElement(By.linkText("Policies")).click();
        browser.findElement(By.linkText("EMPLOYEE USE OF TECHNOLOGY")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("EMPLOYEE USE OF TECHNOLOGY");
        String policyUrl = browser.getCurrentUrl();
        assertThat(policyUrl).matches(".*/policies/\\d+/versions/1");
        Browser.screenshot(browser, "04-clovis-policy");

        browser.get(policyUrl + "#C.27");
        WebElement c27 = browser.findElement(By.id("C.27"));
        assertThat(c27.getText()).contains("Surfing the Internet, playing online games, or using P2P applications");
        assertThat(c27.getCssValue("border-left-color")).as("the linked clause is highlighted")
                .isNotEqualTo("rgba(0, 0, 0, 0)");
        Browser.screenshot(browser, "05-permalink-C27");

        browser.get(url("/policies"));
        browser.findElement(By.linkText("Staff Technology Acceptable Use Policy")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/versions/2");
        browser.findElement(By.partialLinkText("What changed since version 1")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("version 1 to 2");
        assertThat(browser.findElements(By.cssSelector(".change.changed ins")).get(0).getText()).contains("fourteen");
        assertThat(browser.findElements(By.cssSelector(".change.changed del")).get(0).getText()).contains("twelve");
        assertThat(browser.findElement(By.id("change-C.18")).getText()).contains("Added").contains("generative AI");
        Browser.screenshot(browser, "06-version-diff");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(policyUrl + "#N.4");
        assertThat(browser.findElement(By.id("N.4")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "07-phone-permalink-N4");
    }
}
