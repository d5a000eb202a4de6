package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.steward.sso.MockIdentityProvider;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 19's whole story in Chromium, through the pages only. A new installation: the operator opens the setup link
 * Steward prints on its first start and becomes the county administrator, who adds a district and invites its
 * administrator. She accepts the e-mailed invitation, imports the roster, sets up Google sign-in (a real OpenID
 * Connect provider in the tests' JVM stands in for Google) and gives a network technician the technology role with
 * a reason. He signs in with Google, makes a passkey, signs out and back in with the passkey alone, and opens a page
 * only technology services may. A teacher signs in with Google too; once she is separated on the roster, her next
 * sign-in is refused saying why. The key pages at a desktop's and a phone's width, each checked with axe
 * (target/screenshots/story-*.png). Nothing is set up by SQL or by calling a service: the only help from outside
 * the pages is the test provider saying what its next ID token claims, and the mail GreenMail received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // an installation of its own, empty: no demo, no account, so that Steward offers its setup link
        "steward.db.ephemeral=true", "steward.demo.enabled=false", "steward.scheduling.enabled=false",
        "steward.activity.dir=target/test-activity", "steward.activity.watched=${java.io.tmpdir}/steward-watched/{district}",
        "steward.activity.ports=32000-32099", "steward.audit.key=${random.value}${random.value}",
        "steward.audit.checkpoints=target/test-audit-checkpoints/${random.uuid}",
        "spring.mail.host=localhost", "spring.mail.port=3025"})
@ContextConfiguration(initializers = MockIdentityProvider.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInStoryBrowserTest {

    static final String PASSWORD = "seven blue herons at dawn";
    static final String DOMAIN = "ceres.k12.ca.us";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @LocalServerPort int port;
    ChromeDriver browser;
    VirtualAuthenticator device;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
    }

    @AfterEach
    void removeTheDevice() {
        Browser.removePasskeyDevice(browser, device);
        device = null;
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void both(String name) {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Browser.screenshot(browser, "story-" + name + "-desktop");
        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshot(browser, "story-" + name + "-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    private void submit() {
        Browser.submit(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private void signInWithPassword(String username) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit();
    }

    private void signedInAs(String name) {
        Browser.waitUntil(() -> browser.findElements(By.cssSelector("header .who")).stream()
                .anyMatch(who -> who.getText().contains(name)), name + " signed in");
    }

    private void signOut() {
        Browser.click(browser, By.cssSelector("header .who form button"));
        Browser.mainTextWith(browser, "You have signed out");
    }

    /** From Steward's sign-in page through the district's Google sign-in, the provider vouching for this address. */
    private void signInWithGoogle(String subject, String email) {
        MockIdentityProvider.nextToken("google", subject, Map.of("email", email, "email_verified", true, "hd", DOMAIN,
                "name", "From Google"), 3600);
        browser.get(url("/login"));
        Browser.click(browser, By.linkText("Sign in with your district's Google or Microsoft account"));
        Browser.click(browser, By.linkText("Ceres Unified School District"));
        Browser.mainTextWith(browser, "Sign in to Ceres Unified School District");
        Browser.click(browser, By.id("sso"));
    }

    /** The token of the latest link of this kind e-mailed to the address, as GreenMail received it. */
    private String link(String to, String path) {
        Pattern token = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{20,})");
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> bodies = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(to))
                    .map(SignInStoryBrowserTest::body).filter(b -> token.matcher(b).find()).toList();
            assertThat(bodies).as("mail to " + to + " with a link " + path).isNotEmpty();
            Matcher m = token.matcher(bodies.get(bodies.size() - 1));
            assertThat(m.find()).isTrue();
            found[0] = m.group(1);
        });
        return found[0];
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCountyStartsADistrictWhoseStaffSignInWithGoogleAndAPasskeyAndASeparatedTeacherIsRefused(
            CapturedOutput startup) throws Exception {
        // 1. the operator opens the link Steward printed on its first start: the county office and its administrator
        Matcher setup = Pattern.compile("/setup/([A-Za-z0-9_-]{20,})").matcher(startup.getOut());
        assertThat(setup.find()).as("Steward prints a setup link on its first start").isTrue();
        browser.get(url("/setup/" + setup.group(1)));
        Browser.mainTextWith(browser, "Set up Steward");
        browser.findElement(By.id("districtName")).sendKeys("Stanislaus County Office of Education");
        browser.findElement(By.id("districtSlug")).sendKeys("stanislaus-coe");
        browser.findElement(By.id("displayName")).sendKeys("Casey County");
        browser.findElement(By.id("username")).sendKeys("casey");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        both("01-setup");
        submit();
        Browser.mainTextWith(browser, "Your district and administrator account are ready");
        browser.get(url("/setup/" + setup.group(1)));
        assertThat(Browser.mainTextWith(browser, "not valid or was used")).contains("Not found");

        signInWithPassword("casey");
        signedInAs("Casey County");
        Browser.click(browser, By.linkText("Districts"));
        Browser.click(browser, By.linkText("Add a district"));
        browser.findElement(By.id("name")).sendKeys("Ceres Unified School District");
        browser.findElement(By.id("slug")).sendKeys("ceres-usd");
        browser.findElement(By.id("sites")).sendKeys("CHS, Ceres High School\nWWE, Walter White Elementary");
        both("02-district-new");
        submit();
        assertThat(Browser.mainTextWith(browser, "Ceres Unified School District is made"))
                .contains("CHS Ceres High School", "WWE Walter White Elementary", "America/Los_Angeles");
        browser.findElement(By.id("displayName")).sendKeys("Dana Director");
        browser.findElement(By.id("email")).sendKeys("dana@" + DOMAIN);
        Browser.click(browser, By.xpath("//button[text()='Send the invitation']"));
        assertThat(Browser.mainTextWith(browser, "The invitation is on its way to dana@" + DOMAIN))
                .contains("Invited, not yet accepted: Dana Director");
        both("03-district-invited");
        signOut();

        // 2. the district's administrator accepts the e-mailed invitation and sets a password
        browser.get(url("/invitation/" + link("dana@" + DOMAIN, "/invitation/")));
        Browser.mainTextWith(browser, "Welcome, Dana Director");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        both("04-invitation");
        submit();
        Browser.mainTextWith(browser, "Your username and password are set");
        signInWithPassword("dana");
        signedInAs("Dana Director");
        assertThat(browser.findElement(By.cssSelector("header .who")).getText())
                .contains("Ceres Unified School District");

        // she imports the roster
        Path roster = Files.createTempFile("ceres-roster", ".csv");
        Files.writeString(roster, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                C100,Rosa,Reyes,rosa.reyes@ceres.k12.ca.us,CHS,Principal,,2012-08-01,active
                C101,Tomas,Nguyen,tomas.nguyen@ceres.k12.ca.us,CHS,Network Technician,C100,2020-08-01,active
                C102,Lee,Park,lee.park@ceres.k12.ca.us,WWE,Teacher,C100,2021-08-01,active
                """);
        Browser.click(browser, By.linkText("Staff"));
        Browser.click(browser, By.linkText("Import the roster"));
        browser.findElement(By.id("files")).sendKeys(roster.toString());
        submit();
        assertThat(Browser.mainTextWith(browser, "Imported 3 staff")).contains("3 new");
        both("05-roster-imported");

        // and sets up Google sign-in against the test provider
        Browser.click(browser, By.linkText("Sign-in"));
        assertThat(Browser.mainTextWith(browser, "Sign-in settings")).contains("Single sign-on is not set up")
                .contains("/login/oauth2/code/ceres-usd");
        browser.findElement(By.id("provider-GOOGLE")).click();
        browser.findElement(By.id("clientId")).sendKeys("steward-ceres.apps.googleusercontent.com");
        browser.findElement(By.id("clientSecret")).sendKeys("GOCSPX-ceres-test-secret");
        browser.findElement(By.id("hostedDomain")).sendKeys(DOMAIN);
        Browser.click(browser, By.xpath("//button[text()='Save']"));
        assertThat(Browser.mainTextWith(browser, "Saved"))
                .contains("On: staff sign in with Google Workspace").doesNotContain("GOCSPX")
                .doesNotContain("could not read");
        both("06-sso-settings");

        // 3. she makes an account for the network technician and gives him the technology role, saying why
        Browser.click(browser, By.linkText("Accounts"));
        assertThat(Browser.mainTextWith(browser, "Accounts and roles")).contains("Nguyen, Tomas", "no account");
        Browser.click(browser, By.cssSelector("button[aria-label='Make an account for Nguyen, Tomas']"));
        // the district signs in with Google: the account needs no password, and the page says how he signs in
        assertThat(Browser.mainTextWith(browser, "Tomas Nguyen")).contains("Can sign in", "How: single sign-on")
                .doesNotContain("Invite to set a password");
        browser.findElement(By.id("give-TECHNOLOGY")).click();
        browser.findElement(By.id("give-reason")).sendKeys("Runs the district's web filter from now on");
        Browser.click(browser, By.xpath("//button[text()='Give the role']"));
        assertThat(Browser.mainTextWith(browser, "Technology services is given."))
                .contains("Runs the district's web filter from now on", "held now", "dana");
        both("07-account-role-given");
        signOut();

        // 4. the technician signs in with Google: his account, with its role
        signInWithGoogle("google-tomas", "tomas.nguyen@" + DOMAIN);
        signedInAs("Tomas Nguyen");
        assertThat(browser.findElement(By.id("main-nav")).getText()).contains("Internet use");

        // he makes a passkey on this device
        device = Browser.passkeyDevice(browser);
        Browser.click(browser, By.linkText("Passkeys and sessions"));
        assertThat(Browser.mainTextWith(browser, "Your passkeys")).contains("You have no passkey yet.");
        browser.findElement(By.id("passkey-label")).sendKeys("Work laptop");
        Browser.click(browser, By.id("register-passkey"));
        assertThat(Browser.mainTextWith(browser, "Your passkey is made")).contains("Work laptop");
        assertThat(device.getCredentials()).hasSize(1);
        both("08-passkey-made");

        // signed out, he signs back in with the passkey alone, and opens a page only technology services may
        signOut();
        both("09-sign-in-page");
        Browser.click(browser, By.id("use-passkey"));
        signedInAs("Tomas Nguyen");
        Browser.click(browser, By.linkText("Internet use"));
        assertThat(Browser.mainTextWith(browser, "Look at a person's activity")).contains("Internet use")
                .doesNotContain("Not allowed");
        both("10-technology-page");
        browser.get(url("/account/sessions"));
        assertThat(Browser.mainTextWith(browser, "Where you are signed in")).contains("passkey");
        signOut();

        // 5. a teacher signs in with Google; her role is an employee's
        signInWithGoogle("google-lee", "lee.park@" + DOMAIN);
        signedInAs("Lee Park");
        assertThat(browser.findElement(By.id("main-nav")).getText()).doesNotContain("Internet use");
        browser.get(url("/activity"));
        assertThat(Browser.mainTextWith(browser, "Not allowed")).contains("Your role does not allow this");
        signOut();

        // the administrator separates her on the roster
        signInWithPassword("dana");
        signedInAs("Dana Director");
        Browser.click(browser, By.linkText("Staff"));
        Browser.click(browser, By.linkText("Park, Lee"));
        Browser.mainTextWith(browser, "Separate from employment");
        String lastDay = browser.findElement(By.id("on")).getAttribute("value");
        browser.findElement(By.id("reason")).sendKeys("Resigned at the end of the semester");
        both("11-separate");
        Browser.click(browser, By.xpath("//button[text()='Separate']"));
        assertThat(Browser.mainTextWith(browser, "Lee Park is separated as of " + lastDay))
                .contains("separated on " + lastDay);
        Browser.click(browser, By.linkText("Accounts"));
        assertThat(Browser.mainTextWith(browser, "Accounts and roles")).contains("no: separated");
        signOut();

        // her next sign-in is refused, saying why
        signInWithGoogle("google-lee", "lee.park@" + DOMAIN);
        assertThat(Browser.mainTextWith(browser, "Signing in was refused"))
                .contains("The roster of Ceres Unified School District says that Lee Park (lee.park@" + DOMAIN
                        + ") left the district on " + lastDay + ": a separated employee cannot sign in.")
                .contains("Dana Director");
        assertThat(browser.findElements(By.cssSelector("header .who"))).isEmpty();
        both("12-separated-refused");
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }
}
