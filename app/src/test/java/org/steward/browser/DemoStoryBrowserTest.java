package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.steward.SharedData;
import org.steward.acknowledgments.Campaigns;

/**
 * The demo's story as a visitor starts it: the employee holds her laptop, signed last school year (last year, not
 * the day the demo loaded) and has this year's acknowledgment to sign; her principal, the demo supervisor, finds her
 * among their staff; HR reminds everyone who has not signed, now. Runs before the test in which she signs.
 * Screenshots go to target/screenshots/.
 */
@Order(1)
class DemoStoryBrowserTest extends DemoDistrictBrowserTest {

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    @Test
    void theEmployeeHoldsHerLaptopHerPrincipalSeesHerAndHrRemindsTheNonSigners() {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        String lastYear = Campaigns.schoolYear(today.minusYears(1));
        browser.get(url("/login"));
        assertThat(browser.findElement(By.id("demo")).getText()).contains("Demo accounts")
                .contains("the teacher's principal").doesNotContain("is loading");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "14-login-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        signInAs("employee");
        String name = browser.findElement(By.cssSelector("header .who span span")).getText();
        assertThat(browser.findElement(By.cssSelector(".notice.info")).getText())
                .contains("You have the acceptable-use policy to read and sign");
        browser.get(url("/my-devices"));
        WebElement held = browser.findElement(By.id("held-heading")).findElement(By.xpath(".."));
        assertThat(held.getText()).contains("L-0001").contains("Laptop");
        Browser.screenshot(browser, "15-demo-employee-devices");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, "15-demo-employee-devices-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.get(url("/acknowledgments"));
        String mine = browser.findElement(By.tagName("main")).getText();
        assertThat(mine).contains(Campaigns.schoolYear(today)).contains(lastYear);
        WebElement signedLastYear = browser.findElements(By.cssSelector("main .badge.published")).stream()
                .filter(b -> b.getText().startsWith("signed ")).findFirst().orElseThrow();
        LocalDate signedOn = LocalDate.parse(signedLastYear.getText().substring("signed ".length()));
        assertThat(signedOn).as("last year's acknowledgment, signed last year")
                .isBefore(today.minusYears(1).plusDays(1)).isAfter(today.minusYears(1).minusDays(41));

        signInAs("supervisor");
        browser.get(url("/staff"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("people you supervise")
                .contains(lastFirst(name));
        browser.findElement(By.linkText(lastFirst(name))).click();
        assertThat(Browser.mainTextWith(browser, "Job function")).contains("Teacher")
                .contains("Lincoln Elementary School");
        Browser.screenshot(browser, "16-demo-supervisor-sees-the-teacher");

        signInAs("hr");
        browser.findElement(By.linkText("Completion report")).click();
        String heading = Browser.mainTextWith(browser, "Not signed yet");
        String count = browser.findElement(By.cssSelector("#non-heading span")).getText();
        assertThat(heading).contains("Send reminders now");
        Browser.click(browser, By.xpath("//button[text()='Send reminders now']"));
        Browser.mainTextWith(browser, "Reminded " + count + " people by e-mail.");
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("Reminded " + count + " people by e-mail.");
        Browser.screenshot(browser, "17-demo-reminders-sent");
        WebElement remind = browser.findElement(By.xpath("//button[text()='Send reminders now']"));
        new Actions(browser).scrollToElement(remind).perform();
        Browser.screenshot(browser, "18-demo-reminders-button");
        browser.manage().window().setSize(new Dimension(400, 900));
        new Actions(browser).scrollToElement(remind).perform();
        Browser.screenshot(browser, "18-demo-reminders-button-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Browser.click(browser, By.xpath("//button[text()='Send reminders now']"));
        Browser.mainTextWith(browser, "were reminded today already"); // the new page's notice, not the last one's
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("Reminded 0 people by e-mail; " + count + " were reminded today already.");

        signInAs("technology");
        browser.get(url("/activity/categories"));
        assertThat(browser.findElement(By.tagName("main")).getText()).as("UT1's lists, read from ../shared")
                .contains("from " + SharedData.data("ut1")).containsPattern("[6-9]\\d categories");
    }

    private static String lastFirst(String name) {
        int space = name.lastIndexOf(' ');
        return name.substring(space + 1) + ", " + name.substring(0, space);
    }
}
