package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Long lists in the demo district: technology services go through the findings queue grouped by person, open one
 * person's findings and send two for investigation at once (then reopen them); HR pages and sorts the staff
 * directory. At a desktop's width and a phone's.
 */
class ListsBrowserTest extends DemoDistrictBrowserTest {

    @Test
    void theFindingsQueueGroupedByPersonTriagesTwoFindingsAtOnce() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/findings"));
        Browser.click(browser, By.linkText("By person"));
        assertThat(Browser.mainTextWith(browser, "Triage the chosen findings as")).contains("people 1 to");
        WebElement person = browser.findElement(By.cssSelector("details.person"));
        String name = person.findElement(By.cssSelector("summary .name")).getText();
        person.findElement(By.tagName("summary")).click();
        List<WebElement> boxes = person.findElements(By.cssSelector("input[name=ids]"));
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
        boxes.get(0).click();
        boxes.get(1).click();
        Browser.screenshot(browser, "96-findings-by-person");

        browser.findElement(By.cssSelector("input[name=status][value=INVESTIGATION]")).click();
        browser.findElement(By.id("bulk-reason")).sendKeys("Pattern across the week");
        browser.findElement(By.xpath("//button[text()='Triage the chosen findings']")).click();
        assertThat(Browser.mainTextWith(browser, "2 findings are now for investigation.")).contains("By person");
        Browser.screenshot(browser, "97-findings-triaged-at-once");

        // the same two, reopened at once: without a reason every one is refused and named, nothing changed
        browser.get(url("/activity/findings?status=INVESTIGATION&group=person"));
        WebElement again = browser.findElement(By.cssSelector("details.person"));
        assertThat(again.findElement(By.cssSelector("summary .name")).getText()).isEqualTo(name);
        again.findElement(By.tagName("summary")).click();
        again.findElements(By.cssSelector("input[name=ids]")).forEach(WebElement::click);
        browser.findElement(By.cssSelector("input[name=status][value=OPEN]")).click();
        browser.findElement(By.xpath("//button[text()='Triage the chosen findings']")).click();
        assertThat(Browser.mainTextWith(browser, "Nothing was changed.")).contains("Say why the finding is reopened");
        Browser.screenshot(browser, "98-findings-triage-refused");

        // the header's box chooses every finding shown about the person
        browser.findElement(By.cssSelector("details.person summary")).click();
        browser.findElement(By.cssSelector("details.person input[data-choose-all]")).click();
        // the first person's boxes only: another browser test may have sent someone else's finding for investigation
        assertThat(browser.findElement(By.cssSelector("details.person")).findElements(By.cssSelector("input[name=ids]")))
                .hasSize(2).allSatisfy(box -> assertThat(box.isSelected()).isTrue());
        browser.findElement(By.cssSelector("input[name=status][value=OPEN]")).click();
        browser.findElement(By.id("bulk-reason")).sendKeys("Shown to me by mistake");
        browser.findElement(By.xpath("//button[text()='Triage the chosen findings']")).click();
        Browser.mainTextWith(browser, "2 findings are now open.");

        // every finding, worst first, at a phone's width
        browser.get(url("/activity/findings?sort=severity"));
        assertThat(browser.findElement(By.cssSelector("th[aria-sort]")).getText()).startsWith("Severity");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.mainTextWith(browser, "Page 1 of");
        showTheList();
        Browser.screenshot(browser, "99-findings-queue-phone");
        browser.get(url("/activity/findings?group=person"));
        browser.findElement(By.cssSelector("details.person summary")).click();
        showTheList();
        Browser.screenshot(browser, "100-findings-by-person-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void theStaffDirectoryPagesAndSortsWithItsFiltersKept() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url("/login"));
        signIn("hr");
        browser.get(url("/staff?size=10"));
        String first = Browser.mainTextWith(browser, "Page 1 of");
        assertThat(first).contains("people 1 to 10 of");
        Browser.screenshot(browser, "101-staff-directory-paged");
        Browser.click(browser, By.cssSelector("nav.pager a[rel=next]"));
        assertThat(Browser.mainTextWith(browser, "Page 2 of")).contains("people 11 to 20 of");
        assertThat(browser.findElement(By.cssSelector("nav.pager a[aria-current=page]")).getText()).contains("2");

        Browser.click(browser, By.xpath("//th/a[span[text()='Site']]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("sort=site"), "the directory sorted by site");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort=ascending]")).getText()).startsWith("Site");
        assertThat(Browser.mainTextWith(browser, "Page 1 of")).contains("people 1 to 10 of");
        Browser.click(browser, By.xpath("//th/a[span[text()='Site']]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("dir=desc"), "the directory sorted the other way");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort=descending]")).getText()).startsWith("Site");
        Browser.screenshot(browser, "102-staff-directory-sorted");

        browser.manage().window().setSize(new Dimension(400, 900));
        browser.get(url("/staff?size=10&page=3"));
        Browser.mainTextWith(browser, "Page 3 of");
        showTheList();
        Browser.screenshot(browser, "103-staff-directory-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Scrolls a phone's screen to the list, past its filters. */
    void showTheList() {
        browser.executeScript("document.querySelector('nav.pager').scrollIntoView()");
    }
}
