package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.steward.Fixtures;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.sso.MockIdentityProvider;
import org.steward.sso.SsoServerTest;

/**
 * The district administrator sets up Google sign-in on the settings page; a new hire not yet on the roster is
 * refused with a page naming whom to ask, and a teacher on it signs in with Google. Both pages at a desktop's and
 * a phone's width, checked with axe. Screenshots go to target/screenshots/.
 */
@SsoServerTest
class SingleSignOnBrowserTest {

    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1280, 1000);

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    ChromeDriver browser;
    District willow;
    StewardUser admin;

    @BeforeEach
    void aDistrictWithItsRosterAndAdministrator() {
        browser = Browser.open();
        willow = fixtures.district("Willow Unified");
        fixtures.roster(willow, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                W1,Wanda,Wills,wanda@willow.k12.ca.us,LES,Director,,2019-08-01,active
                W2,Tomas,Reyes,tomas.reyes@willow.k12.ca.us,LES,Teacher,,2019-08-01,active
                """);
        admin = fixtures.account(willow, "W1", Role.DISTRICT_ADMIN);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void theAdministratorSetsUpGoogleAndStaffSignInWithIt() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(admin.getUsername());
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browser.click(browser, By.linkText("Sign-in"));
        assertThat(Browser.mainTextWith(browser, "Sign-in settings")).contains("Single sign-on is not set up")
                .contains("/login/oauth2/code/" + willow.slug());
        Browser.screenshot(browser, "sso-01-settings");

        browser.findElement(By.id("provider-GOOGLE")).click();
        browser.findElement(By.id("clientId")).sendKeys("steward-willow.apps.googleusercontent.com");
        browser.findElement(By.id("clientSecret")).sendKeys("GOCSPX-willow-secret");
        browser.findElement(By.id("hostedDomain")).sendKeys("willow.k12.ca.us");
        browser.findElement(By.xpath("//button[text()='Save']")).click();
        assertThat(Browser.mainTextWith(browser, "Saved: single sign-on set up")).contains("On: staff sign in with "
                + "Google Workspace").doesNotContain("GOCSPX");
        assertThat(browser.findElement(By.id("clientSecret")).getAttribute("value")).isEmpty();
        Browser.screenshot(browser, "sso-02-settings-saved");
        browser.manage().window().setSize(PHONE);
        Browser.screenshot(browser, "sso-03-settings-phone");
        browser.manage().window().setSize(DESKTOP);
        Browser.click(browser, By.xpath("//button[text()='Sign out']"));

        // a new hire whose roster entry has not arrived yet
        MockIdentityProvider.nextToken("google", "google-new", Map.of("email", "new.hire@willow.k12.ca.us",
                "email_verified", true, "hd", "willow.k12.ca.us"), 3600);
        Browser.click(browser, By.linkText("Sign in with your district's Google or Microsoft account"));
        Browser.click(browser, By.linkText("Willow Unified"));
        assertThat(Browser.mainTextWith(browser, "Sign in to Willow Unified")).contains("Sign in with Google");
        browser.manage().window().setSize(PHONE);
        Browser.screenshot(browser, "sso-04-district-sign-in-phone");
        browser.manage().window().setSize(DESKTOP);
        Browser.click(browser, By.id("sso"));
        assertThat(Browser.mainTextWith(browser, "Signing in was refused"))
                .contains("new.hire@willow.k12.ca.us is not on the staff roster of Willow Unified")
                .contains("Wanda Wills, wanda@willow.k12.ca.us");
        Browser.screenshot(browser, "sso-05-refused-not-on-roster");
        browser.manage().window().setSize(PHONE);
        Browser.screenshot(browser, "sso-06-refused-not-on-roster-phone");
        browser.manage().window().setSize(DESKTOP);

        // a teacher on the roster starts again and is in
        MockIdentityProvider.nextToken("google", "google-tomas", Map.of("email", "tomas.reyes@willow.k12.ca.us",
                "email_verified", true, "hd", "willow.k12.ca.us"), 3600);
        Browser.click(browser, By.linkText("Start again"));
        Browser.click(browser, By.id("sso"));
        Browser.waitUntil(() -> browser.findElement(By.cssSelector(".who")).getText().contains("Tomas Reyes"),
                "Tomas signed in");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("Willow Unified");
    }
}
