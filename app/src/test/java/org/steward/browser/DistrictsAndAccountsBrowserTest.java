package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The county administrator adds a district with its sites and invites its administrator, who follows the e-mailed
 * link, chooses a username and password, signs in, makes an account for a staff member and gives her a role with a
 * reason, then renames a site; a used link and a forgotten password have their pages. At a desktop's width and a
 * phone's, every page checked with axe.
 */
class DistrictsAndAccountsBrowserTest extends DemoDistrictBrowserTest {

    static final String PASSWORD = "seven blue herons at dawn";

    @Autowired JdbcClient jdbc;
    @Autowired org.steward.policies.PolicyLibrary policies;
    @Autowired org.steward.acknowledgments.Campaigns campaigns;
    @Autowired org.steward.acknowledgments.Reminders reminders;
    @Autowired org.steward.TestClock clock;

    private String link(String to, String path) {
        String body = jdbc.sql("""
                        select body from mail_message where recipient = ? and body like '%' || ? || '%'
                         order by id desc limit 1""")
                .params(to, path).query(String.class).single();
        Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{20,})").matcher(body);
        assertThat(m.find()).as("a link in: " + body).isTrue();
        return m.group(1);
    }

    private void both(String name) {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Browser.screenshot(browser, name + "-desktop");
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, name + "-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aCountyAdministratorStartsADistrictWhoseAdministratorGivesARole() throws Exception {
        browser.get(url("/login"));
        signIn("county-admin");
        browser.get(url("/districts"));
        Browser.click(browser, By.linkText("Add a district"));
        browser.findElement(By.id("name")).sendKeys("Ceres Unified School District");
        browser.findElement(By.id("slug")).sendKeys("ceres-usd");
        browser.findElement(By.id("sites")).sendKeys("CHS, Ceres High School\nWalter White Elementary");
        both("120-district-new");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(Browser.mainTextWith(browser, "Invite its first administrator"))
                .contains("CHS Ceres High School", "WWE Walter White Elementary");

        browser.findElement(By.id("displayName")).sendKeys("Dana Director");
        browser.findElement(By.id("email")).sendKeys("dana@ceres.example.org");
        browser.findElement(By.xpath("//button[text()='Send the invitation']")).click();
        Browser.mainTextWith(browser, "The invitation is on its way to dana@ceres.example.org");
        both("121-district-invited");

        browser.manage().deleteAllCookies();
        String token = link("dana@ceres.example.org", "/invitation/");
        browser.get(url("/invitation/" + token));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys("ceres password 1234");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(Browser.mainTextWith(browser, "may not contain")).contains("'ceres'");
        both("122-invitation-refused");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.mainTextWith(browser, "Your username and password are set");
        browser.get(url("/invitation/" + token));
        Browser.mainTextWith(browser, "works once");
        both("123-link-used");

        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.get(url("/district/sites"));
        browser.findElement(By.id("code")).sendKeys("DO");
        browser.findElement(By.id("name")).sendKeys("District Office");
        browser.findElement(By.xpath("//button[text()='Add the site']")).click();
        Browser.mainTextWith(browser, "District Office is added.");
        both("124-district-sites");

        java.nio.file.Path roster = java.nio.file.Files.createTempFile("ceres", ".csv");
        java.nio.file.Files.writeString(roster, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                C100,Rosa,Reyes,rosa@ceres.example.org,CHS,Principal,,2012-08-01,active
                C101,Tomas,Nguyen,tomas@ceres.example.org,CHS,Network Technician,C100,2020-08-01,active
                C102,Lee,Park,lee@ceres.example.org,WWE,Teacher,C100,2021-08-01,active
                """);
        browser.get(url("/staff/import"));
        browser.findElement(By.id("files")).sendKeys(roster.toString());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.mainTextWith(browser, "3");

        browser.get(url("/accounts"));
        assertThat(Browser.mainTextWith(browser, "Accounts and roles"))
                .contains("Dana Director", "password", "Nguyen, Tomas", "no account");
        both("125-accounts-roster");
        Browser.click(browser, By.cssSelector("button[aria-label='Make an account for Nguyen, Tomas']"));
        assertThat(Browser.mainTextWith(browser, "Invite to set a password")).contains("Tomas Nguyen", "c101");
        browser.findElement(By.id("give-TECHNOLOGY")).click();
        browser.findElement(By.id("give-reason")).sendKeys("Joins the network team");
        browser.findElement(By.xpath("//button[text()='Give the role']")).click();
        assertThat(Browser.mainTextWith(browser, "Technology services is given."))
                .contains("Joins the network team", "held now", "given when the account was made");
        both("126-account-roles");
        browser.findElement(By.xpath("//button[text()='E-mail an invitation']")).click();
        Browser.mainTextWith(browser, "The invitation is on its way");

        // Tomas's acknowledgment is overdue past its grace period: he signs in only to sign
        long ceres = jdbc.sql("select id from district where slug = 'ceres-usd'").query(Long.class).single();
        var policy = policies.adoptModel(ceres);
        long version = policies.publish(ceres, policy.id(), 1, "Adopted").id();
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        campaigns.open(ceres, new org.steward.acknowledgments.Campaigns.Opening("2026-27", version,
                java.util.Set.of(), java.util.Set.of(), today, today), "dana");
        clock.set(java.time.Instant.now().plus(java.time.Duration.ofDays(20)));
        try {
            reminders.run(ceres);
        } finally {
            clock.reset();
        }
        browser.manage().deleteAllCookies();
        browser.get(url("/invitation/" + link("tomas@ceres.example.org", "/invitation/")));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("tomas");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.mainTextWith(browser, "Your username and password are set");
        browser.findElement(By.id("username")).sendKeys("tomas");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(Browser.mainTextWith(browser, "Sign your acknowledgment first"))
                .contains("is not signed, so your technology privileges are suspended until you sign it");
        assertThat(browser.findElements(By.id("main-nav"))).isEmpty();
        both("129-signing-only");
        browser.get(url("/my-devices"));
        Browser.mainTextWith(browser, "Sign your acknowledgment first");
        Browser.click(browser, By.linkText("Read and sign the policy"));
        Browser.mainTextWith(browser, "2026-27");

        browser.manage().deleteAllCookies();
        browser.get(url("/password/forgot"));
        browser.findElement(By.id("who")).sendKeys("dana");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.mainTextWith(browser, "If there is an account");
        both("127-password-forgot");
        browser.get(url("/password/reset/" + link("dana@ceres.example.org", "/password/reset/")));
        Browser.mainTextWith(browser, "Choose a new password");
        both("128-password-reset");
    }
}
