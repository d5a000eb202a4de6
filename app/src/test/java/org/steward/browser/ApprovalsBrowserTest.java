package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A teacher asks for a new app; her principal approves the first step, technology services completes its privacy
 * review and approves it with a condition, and the app appears on the public list. The teacher's request for a mass
 * e-mail is denied, and the teacher sees why. Screenshots go to target/screenshots/.
 */
class ApprovalsBrowserTest extends DemoDistrictBrowserTest {

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    private void click(String buttonText) {
        browser.findElement(By.xpath("//button[text()='" + buttonText + "']")).click();
    }

    private void waitForNotice(String css, String text) {
        Browser.waitUntil(() -> browser.findElements(By.cssSelector(css)).stream()
                .anyMatch(n -> n.getText().contains(text)), "'" + text + "'");
    }

    @Test
    void aTeachersAppIsReviewedAndApprovedAndHerMassEmailIsDeniedWithAReason() {
        signInAs("district-admin");
        browser.get(url("/approvals/routes"));
        browser.findElement(By.cssSelector("#SOFTWARE_INSTALL-0 option[value=SUPERVISOR]")).click();
        browser.findElement(By.cssSelector("#SOFTWARE_INSTALL-1 option[value=TECHNOLOGY]")).click();
        browser.findElement(By.id("SOFTWARE_INSTALL-0")).findElement(By.xpath("ancestor::form")).findElement(
                By.cssSelector("button[type=submit]")).click();
        waitForNotice(".notice.ok", "Saved the route for installing software");
        Browser.screenshot(browser, "70-approval-routes");

        signInAs("employee");
        browser.get(url("/approvals"));
        Browser.screenshot(browser, "71-approvals-employee");
        browser.findElement(By.linkText("A new app or online service")).click();
        browser.findElement(By.id("app")).sendKeys("Story Builder");
        browser.findElement(By.id("vendor")).sendKeys("Tale Tools");
        browser.findElement(By.id("url")).sendKeys("https://storybuilder.example.com");
        browser.findElement(By.id("purpose")).sendKeys("Students write and illustrate stories");
        browser.findElement(By.id("students")).sendKeys("3-5");
        click("Ask");
        waitForNotice(".notice.ok", "Sent.");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("pending")
                .contains("Waiting for the supervisor")
                .contains("required by Staff Technology Acceptable Use Policy, version 2, H.2")
                .contains("require prior approval from technology services"); // the words it cites
        Browser.screenshot(browser, "72-app-request-sent");

        browser.get(url("/approvals/new?kind=MASS_EMAIL"));
        browser.findElement(By.id("audience")).sendKeys("All staff");
        browser.findElement(By.id("subject")).sendKeys("Bake sale");
        browser.findElement(By.id("summary")).sendKeys("Please buy cookies for the field trip fund");
        click("Ask");
        waitForNotice(".notice.ok", "Sent.");

        signInAs("supervisor"); // her principal decides the first step
        browser.get(url("/approvals"));
        assertThat(browser.findElement(By.id("inbox-heading")).findElement(By.xpath("..")).getText())
                .contains("A new app or online service: Story Builder");
        browser.findElement(By.linkText("A new app or online service: Story Builder")).click();
        click("Approve");
        waitForNotice(".notice.ok", "Recorded: the request is now pending.");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Waiting for Technology services");
        Browser.screenshot(browser, "77-app-request-supervisor-approved");

        signInAs("technology");
        browser.get(url("/approvals"));
        browser.findElement(By.linkText("A new app or online service: Story Builder")).click();
        browser.findElement(By.linkText("The app's privacy review")).click();
        browser.findElements(By.cssSelector("input[type=radio][value=YES]")).forEach(WebElement::click);
        click("Record the review");
        waitForNotice(".notice.ok", "meets every required term");
        browser.findElement(By.cssSelector("#status option[value=APPROVED_WITH_CONDITIONS]")).click();
        browser.findElement(By.id("conditions")).sendKeys("Students publish stories inside the class only.");
        click("Record the decision");
        waitForNotice(".notice.ok", "Story Builder is approved with conditions.");
        browser.get(url("/approvals"));
        browser.findElement(By.linkText("A new app or online service: Story Builder")).click();
        click("Approve");
        waitForNotice(".notice.ok", "Recorded: the request is now approved.");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Conditions: Students publish stories inside the class only.");
        Browser.screenshot(browser, "73-app-request-approved");

        signInAs("district-admin");
        browser.get(url("/approvals"));
        browser.findElement(By.linkText("An \"All District\" or mass e-mail: All staff")).click();
        browser.findElement(By.id("reason")).sendKeys("District e-mail is for school business; post it in the staff room.");
        click("Deny");
        waitForNotice(".notice.ok", "Recorded: the request is now denied.");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(url("/approvals"));
        WebElement menu = browser.findElement(By.cssSelector("header .menu-button"));
        assertThat(menu.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("main-nav")).isDisplayed()).isFalse();
        Browser.screenshot(browser, "75-approvals-phone-administrator");
        menu.click();
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(browser.findElement(By.linkText("Approvals")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "76-phone-menu-open");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        browser.get(url("/approvals"));
        assertThat(browser.findElement(By.cssSelector("header .menu-button")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("main-nav")).isDisplayed()).isTrue();

        signInAs("employee");
        browser.get(url("/approvals"));
        browser.findElement(By.linkText("An \"All District\" or mass e-mail: All staff")).click();
        assertThat(Browser.mainTextWith(browser, "Decisions")).contains("denied")
                .contains("District e-mail is for school business; post it in the staff room.");
        Browser.screenshot(browser, "74-mass-email-denied");

        browser.manage().deleteAllCookies();
        browser.get(url("/apps/approved/sample?q=story"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Story Builder")
                .contains("Students publish stories inside the class only.");
    }
}
