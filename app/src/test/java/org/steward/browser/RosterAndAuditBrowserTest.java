package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * HR searches the directory, opens a profile, imports a roster with mistakes and sees every bad line; the district
 * administrator verifies the audit trail, which recorded the profile view and names the person. Screenshots go to target/screenshots/.
 */
class RosterAndAuditBrowserTest extends DemoDistrictBrowserTest {

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    @Test
    void hrFindsAPersonAndImportsARosterThenTheAdministratorVerifiesTheAuditTrail() throws Exception {
        signInAs("hr");
        browser.get(url("/staff"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Staff directory");
        browser.findElement(By.id("q")).sendKeys("Garcia");
        Browser.waitUntil(() -> browser.getCurrentUrl().contains("q=Garcia"), "the search to run as one types");
        Browser.waitUntil(() -> !browser.findElements(By.cssSelector("#results tbody tr")).isEmpty()
                && browser.findElements(By.cssSelector("#results tbody tr")).stream()
                .allMatch(r -> r.getText().contains("Garcia")), "only people named Garcia");
        browser.get(url("/staff?job=Principal"));
        var rows = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.getText()).contains("Principal"));
        Browser.screenshot(browser, "10-staff-directory");

        rows.get(0).findElement(By.tagName("a")).click();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Job function").contains("Supervises");
        String profileUrl = browser.getCurrentUrl();
        String profileName = browser.findElement(By.tagName("h1")).getText();
        String profileEmployeeId = browser.findElement(By.xpath("//dt[text()='Employee id']/following-sibling::dd"))
                .getText();
        Browser.screenshot(browser, "11-staff-profile");

        Path bad = Files.createTempFile("roster", ".csv");
        Files.writeString(bad, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                N1,Nia,New,nia@sample.k12.ca.us,LES,Teacher,E1001,2026-08-01,active
                N2,,Nobody,not-an-email,XYZ,Teacher,E9999,2026-08-01,active
                """);
        browser.get(url("/staff/import"));
        browser.findElement(By.id("files")).sendKeys(bad.toString());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement alert = browser.findElement(By.cssSelector(".notice.bad"));
        assertThat(alert.getText()).contains("Nothing was imported").contains("line 3: missing first name")
                .contains("line 3: bad email 'not-an-email'").contains("line 3: unknown site 'XYZ'")
                .contains("line 3: unknown supervisor E9999");
        Browser.screenshot(browser, "12-staff-import-refused");

        signInAs("district-admin");
        browser.get(url("/audit"));
        browser.findElement(By.xpath("//button[text()='Verify the chain']")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).startsWith("The chain is intact");
        String profileId = profileUrl.substring(profileUrl.lastIndexOf('/') + 1);
        assertThat(browser.findElement(By.cssSelector("table")).getText()) // people by name, not by record id
                .contains("STAFF_PROFILE_VIEWED").contains("staff " + profileName + " (" + profileEmployeeId + ")")
                .doesNotContain("staff " + profileId + " ").contains("AUDIT_VERIFIED");
        Browser.screenshot(browser, "13-audit-verified");
    }
}
