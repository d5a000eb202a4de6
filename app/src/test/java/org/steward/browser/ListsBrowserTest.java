package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.StewardUser;
import org.steward.activity.InternetUse;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;

/**
 * Long lists in the demo district: technology services go through the findings queue grouped by person, open one
 * person's findings and send two for investigation at once (then reopen them); HR pages and sorts the staff
 * directory and a campaign's non-signers; the district administrator pages, sorts and searches the approvals inbox.
 * At a desktop's width and a phone's.
 */
class ListsBrowserTest extends DemoDistrictBrowserTest {

    @Autowired Approvals approvals;
    @Autowired AccountDirectory accounts;
    @Autowired InternetUse use;

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

    @Test
    void theApprovalsInboxPagesSortsAndFindsARequest() {
        // twelve requests for a mass e-mail wait for the district administrator, asked as the employee would
        StewardUser employee = (StewardUser) accounts.loadUserByUsername("employee");
        for (int i = 1; i <= 12; i++) {
            approvals.submit(employee.districtId(), employee, Kind.MASS_EMAIL, Map.of("audience",
                    "Families of room %02d".formatted(i), "subject", "Field trip", "summary", "The permission slips"));
        }
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url("/login"));
        signIn("district-admin");
        browser.get(url("/approvals?inbox.size=10"));
        assertThat(Browser.mainTextWith(browser, "Waiting for your decision")).contains("requests 1 to 10 of");
        Browser.screenshot(browser, "104-approvals-inbox-paged");
        Browser.click(browser, By.cssSelector("#inbox-heading ~ nav.pager a[rel=next]"));
        assertThat(Browser.mainTextWith(browser, "Page 2 of")).contains("requests 11 to");

        Browser.click(browser, By.xpath("//th/a[span[text()='Request']]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("inbox.sort=request"), "the inbox sorted by request");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort=ascending]")).getText()).startsWith("Request");
        assertThat(browser.getCurrentUrl()).contains("inbox.size=10").doesNotContain("inbox.page=");

        browser.findElement(By.id("q")).sendKeys("room 1");
        browser.findElement(By.xpath("//form[@role='search']//button[text()='Search']")).click();
        assertThat(Browser.mainTextWith(browser, "requests 1 to 3 of 3.")).contains("Families of room 10")
                .contains("Families of room 12").doesNotContain("Families of room 09");
        Browser.screenshot(browser, "105-approvals-inbox-found");

        browser.manage().window().setSize(new Dimension(400, 900));
        browser.get(url("/approvals?inbox.size=10&inbox.page=2"));
        Browser.mainTextWith(browser, "Page 2 of");
        browser.executeScript("document.getElementById('inbox-heading').scrollIntoView()");
        Browser.screenshot(browser, "106-approvals-inbox-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aCampaignsNonSignersPageAndSortBesideItsSigners() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url("/login"));
        signIn("hr");
        Browser.click(browser, By.linkText("Completion report"));
        Browser.mainTextWith(browser, "Not signed yet");
        browser.get(browser.getCurrentUrl() + "?unsigned.size=10&signed.size=10");
        String first = Browser.mainTextWith(browser, "Not signed yet");
        assertThat(first).contains("people 1 to 10 of");
        String firstName = browser.findElement(By.cssSelector("#non-heading ~ .table-wrap tbody tr td a")).getText();
        browser.executeScript("document.getElementById('non-heading').scrollIntoView()");
        Browser.screenshot(browser, "107-non-signers-paged");

        Browser.click(browser, By.cssSelector("#non-heading ~ nav.pager a[rel=next]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("unsigned.page=2"), "the second page of non-signers");
        assertThat(browser.findElement(By.cssSelector("#non-heading ~ nav.pager")).getText())
                .contains("people 11 to 20 of");
        assertThat(browser.findElements(By.cssSelector("#non-heading ~ .table-wrap tbody tr td:first-child a")))
                .extracting(WebElement::getText).doesNotContain(firstName);
        // the signers' list keeps its own page and order
        assertThat(browser.getCurrentUrl()).contains("signed.sort=signed").contains("signed.size=10");

        Browser.click(browser, By.xpath("//h2[@id='non-heading']/..//th/a[span[text()='Name']]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("unsigned.sort=name"), "the non-signers by name");
        assertThat(browser.findElement(By.cssSelector("#non-heading ~ .table-wrap th[aria-sort=ascending]")).getText())
                .startsWith("Name");
        assertThat(browser.findElement(By.cssSelector("#non-heading ~ nav.pager")).getText())
                .contains("Page 1 of");
        browser.executeScript("document.getElementById('non-heading').scrollIntoView()");
        Browser.screenshot(browser, "108-non-signers-by-name");

        browser.manage().window().setSize(new Dimension(400, 900));
        browser.navigate().refresh();
        Browser.mainTextWith(browser, "Not signed yet");
        browser.executeScript("document.getElementById('non-heading').scrollIntoView()");
        Browser.screenshot(browser, "109-non-signers-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aPersonsReportPagesItsSitesUnderTheReasonGivenForIt() {
        StewardUser technology = (StewardUser) accounts.loadUserByUsername("technology");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        String person = use.topUsers(technology.districtId(), today.minusDays(29), today, 1).get(0).key();
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/people?person=" + person));
        Browser.mainTextWith(browser, "Why do you need to see");
        browser.findElement(By.id("reason")).sendKeys("Complaint about streaming in class");
        browser.findElement(By.xpath("//button[text()='Show the report']")).click();
        Browser.mainTextWith(browser, "Sites visited");
        browser.get(browser.getCurrentUrl() + "&sites.size=10");
        assertThat(browser.findElement(By.cssSelector("#sites-heading ~ nav.pager")).getText()).contains("sites 1 to 10 of");
        browser.executeScript("document.getElementById('sites-heading').scrollIntoView()");
        Browser.screenshot(browser, "112-person-sites-paged");

        Browser.click(browser, By.cssSelector("#sites-heading ~ nav.pager a[rel=next]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("sites.page=2"), "the person's second page of sites");
        assertThat(browser.findElement(By.cssSelector("#sites-heading ~ nav.pager")).getText()).contains("sites 11 to");
        // the reason is kept: the page is still shown under it, and says so
        assertThat(Browser.mainTextWith(browser, "Complaint about streaming in class")).contains("Sites visited");
        Browser.click(browser, By.xpath("//h2[@id='sites-heading']/..//th/a[span[text()='Visits']]"));
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("sites.sort=visits"), "the sites by visits");
        assertThat(browser.findElement(By.cssSelector("#sites-heading ~ .table-wrap th[aria-sort=descending]"))
                .getText()).startsWith("Visits");

        browser.manage().window().setSize(new Dimension(400, 900));
        browser.navigate().refresh();
        Browser.mainTextWith(browser, "Sites visited");
        browser.executeScript("document.getElementById('sites-heading').scrollIntoView()");
        Browser.screenshot(browser, "113-person-sites-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Scrolls a phone's screen to the list, past its filters. */
    void showTheList() {
        browser.executeScript("document.querySelector('nav.pager').scrollIntoView()");
    }
}
