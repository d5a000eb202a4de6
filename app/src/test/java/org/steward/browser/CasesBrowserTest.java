package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.Fixtures;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.investigations.CaseFixtures;
import org.steward.investigations.Referred;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * An investigator takes a finding sent for investigation into a case, adds a task and a note, and closes it with
 * "privileges cancelled" under the clause the employee signed; the employee can no longer sign in, and is told why;
 * once the district's administrator reopens her account, she reads the outcome and the clause. Screenshots at desktop and phone widths go to target/screenshots/.
 */
class CasesBrowserTest extends DemoDistrictBrowserTest {

    static final String PASSWORD = "correct horse battery";
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            """;

    @Autowired Fixtures fixtures;
    @Autowired CaseFixtures cases;
    @Autowired StaffDirectory staff;

    @Test
    void aReferralBecomesACaseClosedWithPrivilegesCancelledUnderTheClauseSheSigned() throws Exception {
        District district = fixtures.district("Case Story Unified");
        fixtures.roster(district, ROSTER);
        StewardUser ivy = fixtures.account(district, "I1", Role.INVESTIGATOR);
        StewardUser ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        StaffMember anaMember = staff.active(district.id()).stream().filter(m -> m.employeeId().equals("T1"))
                .findFirst().orElseThrow();
        cases.signed(district, anaMember);
        Referred referral = cases.gamesSentForInvestigation(district, "ana");

        signIn(ivy);
        browser.get(url("/investigations"));
        Browser.click(browser, By.cssSelector("button[aria-label='Open a case from finding " + referral.findingId()
                + "']"));
        assertThat(Browser.mainTextWith(browser, "Case 1 is open.")).contains("Ana Alvarez")
                .contains("Finding " + referral.findingId());

        browser.findElement(By.id("task-title")).sendKeys("Ask the principal about the mornings");
        browser.findElement(By.cssSelector("#task-assignee option[value='" + ivy.accountId() + "']")).click();
        Browser.click(browser, By.xpath("//button[text()='Add the task']"));
        assertThat(Browser.mainTextWith(browser, "Task added.")).contains("Ask the principal about the mornings");

        browser.findElement(By.id("note")).sendKeys("The principal confirms: games every morning, first period.");
        Browser.click(browser, By.xpath("//button[text()='Add the note']"));
        assertThat(Browser.mainTextWith(browser, "Note added.")).contains("games every morning, first period");
        Browser.screenshot(browser, "96-case");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        Browser.screenshot(browser, "96-case-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.navigate().refresh();

        java.util.List<org.openqa.selenium.WebElement> clauses = browser.findElements(By.cssSelector("#clause option"));
        assertThat(clauses).hasSizeGreaterThan(1);
        String clause = clauses.get(1).getAttribute("value");
        browser.findElement(By.cssSelector("#outcome option[value=PRIVILEGES_CANCELLED]")).click();
        clauses.get(1).click();
        browser.findElement(By.id("summary")).sendKeys("Played online games during duty every morning.");
        Browser.click(browser, By.xpath("//button[text()='Close the case']"));
        assertThat(Browser.mainTextWith(browser, "Closed with its outcome.")).contains("Privileges cancelled")
                .contains("Clause violated").contains(clause);
        Browser.screenshot(browser, "97-case-closed");

        browser.get(url("/investigations/cases"));
        assertThat(Browser.mainTextWith(browser, "Cases")).contains("Closed: Privileges cancelled");
        Browser.screenshot(browser, "97-cases");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        Browser.screenshot(browser, "97-cases-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        signIn(ana);
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(Browser.mainTextWith(browser, "This account is closed"))
                .contains("privileges cancelled under clause " + clause + ", as decided in investigation case 1")
                .doesNotContain("Case Story Unified");

        // the district opens her account again, as after an appeal, and she reads the outcome
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        signIn(admin);
        browser.get(url("/accounts/" + ana.accountId()));
        browser.findElement(By.id("standing-reason")).sendKeys("Reinstated after her appeal to the board");
        Browser.click(browser, By.xpath("//button[text()='Reopen the account']"));
        assertThat(Browser.mainTextWith(browser, "Close the account")).doesNotContain("Closed: ");
        signIn(ana);
        Browser.click(browser, By.linkText("Outcomes about me"));
        assertThat(Browser.mainTextWith(browser, "Privileges cancelled")).contains(clause)
                .contains("Played online games during duty every morning.")
                .doesNotContain("Ask the principal").doesNotContain("first period");
        Browser.screenshot(browser, "98-my-outcomes");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        Browser.screenshot(browser, "98-my-outcomes-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    private void signIn(StewardUser user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user.getUsername());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.submit(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
    }
}
