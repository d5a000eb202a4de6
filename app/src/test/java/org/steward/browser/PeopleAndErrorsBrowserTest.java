package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Technology services picks a person by typing part of a name (a hand-over) and by employee id (the internet use
 * report, which still asks for a reason); a supervisor opening someone else's profile and an employee opening a
 * finding get a page saying what is wrong and where to go. At the desktop's width and a phone's.
 * Screenshots go to target/screenshots/.
 */
class PeopleAndErrorsBrowserTest extends DemoDistrictBrowserTest {

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    private List<WebElement> suggestionsOnceShown() {
        Browser.waitUntil(() -> !browser.findElements(By.cssSelector("#person-choices .choices label")).isEmpty(),
                "suggestions under the field");
        return browser.findElements(By.cssSelector("#person-choices .choices label"));
    }

    @Test
    void aHandOverPicksThePersonByPartOfTheirNameAndTheReportByEmployeeId() {
        signInAs("technology");
        // a principal of the demo district, not one of the demo accounts' people whom other tests hand devices to
        browser.get(url("/staff?q=E2001"));
        String listed = browser.findElement(By.cssSelector("#results tbody tr a")).getText(); // "Last, First"
        String name = listed.substring(listed.indexOf(", ") + 2) + " " + listed.substring(0, listed.indexOf(", "));
        String part = listed.substring(0, Math.min(4, listed.indexOf(", ")));

        browser.get(url("/devices/handovers/new"));
        WebElement field = browser.findElement(By.id("person"));
        field.sendKeys(part.toLowerCase());
        List<WebElement> shown = suggestionsOnceShown();
        assertThat(shown).extracting(WebElement::getText).anySatisfy(s -> assertThat(s).startsWith(name));
        assertThat(browser.findElement(By.id("person-count")).getText()).contains("match");
        // the suggestions are reached from the field with the keyboard
        field.sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("type")).isEqualTo("radio");
        Browser.screenshot(browser, "60-handover-picker");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "61-handover-picker-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        Browser.click(browser, By.xpath("//fieldset[contains(@class, 'choices')]//label[span[@class='choice-name' "
                + "and normalize-space(.)='" + name + "']]"));
        browser.findElement(By.id("tags")).sendKeys("H-0007");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).contains("1 device(s)")
                .contains(name);

        // the internet use report takes the employee id the pages show
        browser.get(url("/activity"));
        WebElement person = browser.findElement(By.id("person"));
        person.sendKeys("E1010");
        String employee = suggestionsOnceShown().get(0).findElement(By.className("choice-name")).getText();
        Browser.screenshot(browser, "62-report-picker");
        browser.findElement(By.xpath("//button[text()='Continue']")).click();
        assertThat(Browser.mainTextWith(browser, "Why do you need to see")).contains(employee + "'s activity?");
        browser.findElement(By.id("reason")).sendKeys("Complaint about streaming during class time");
        browser.findElement(By.xpath("//button[text()='Show the report']")).click();
        assertThat(Browser.mainTextWith(browser, "Shown to")).contains("Complaint about streaming during class time")
                .contains(employee);

        // a part of a name typed without choosing asks whom it means
        browser.get(url("/activity"));
        browser.findElement(By.id("person")).sendKeys("Garcia");
        browser.findElement(By.xpath("//button[text()='Continue']")).click();
        assertThat(Browser.mainTextWith(browser, "Whose internet use?")).contains("could mean more than one person")
                .contains("Garcia");
        Browser.screenshot(browser, "63-report-choose-person");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "64-report-choose-person-phone");
    }

    @Test
    void aRefusalReachedFromAPageIsAPageSayingWhereToGo() {
        signInAs("technology");
        // the records manager's profile: in the district, not on the demo supervisor's (a principal's) staff
        browser.get(url("/staff?q=E0005"));
        String profile = browser.findElement(By.cssSelector("#results tbody tr a")).getAttribute("href");

        signInAs("supervisor");
        browser.get(profile);
        assertThat(Browser.mainTextWith(browser, "Not found")).contains("This person is not on your staff")
                .doesNotContain("\"detail\"").doesNotContain("no such employee");
        assertThat(browser.findElement(By.linkText("The staff directory")).getAttribute("href")).endsWith("/staff");
        assertThat(browser.findElement(By.cssSelector("header nav")).getText()).contains("Staff");
        Browser.screenshot(browser, "65-error-not-on-your-staff");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "66-error-not-on-your-staff-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        signInAs("employee");
        browser.get(url("/activity/findings/999999999"));
        assertThat(Browser.mainTextWith(browser, "Not found")).contains("There is no such finding for you to see");
        browser.findElement(By.linkText("Your internet use and findings")).click();
        Browser.mainTextWith(browser, "internet use");
        browser.get(url("/devices"));
        assertThat(Browser.mainTextWith(browser, "Not allowed")).contains("Your role does not allow this");
        Browser.screenshot(browser, "67-error-not-allowed");
    }
}
