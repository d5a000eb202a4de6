package org.steward.browser;

import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.steward.SharedData;

/**
 * A browser against Steward running the demo district, with the five real policies and UT1's category lists loaded
 * from ../shared.
 * The browser tests share one application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "steward.db.ephemeral=true", "steward.demo.enabled=true", "steward.scheduling.enabled=false",
        "steward.activity.dir=target/test-activity", "steward.activity.watched=${java.io.tmpdir}/steward-watched/{district}",
        "steward.activity.ports=30000-30999", "steward.audit.key-file=target/test-audit.key",
        "steward.audit.checkpoints=target/test-audit-checkpoints/${random.uuid}",
        // the test's list server is on this machine
        "steward.category-feeds.private-addresses=true",
        // mail goes to the GreenMail of the test that reads it
        "spring.mail.host=localhost", "spring.mail.port=3025"})
abstract class DemoDistrictBrowserTest {

    @LocalServerPort int port;
    ChromeDriver browser;

    @DynamicPropertySource
    static void realPoliciesAndLists(DynamicPropertyRegistry registry) {
        registry.add("steward.demo.policies", () -> SharedData.policies().toString());
        registry.add("steward.demo.categories", () -> SharedData.data("ut1").toString());
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The password of a demo account, as the sign-in page lists it in demo mode. */
    String demoPassword(String username) {
        return browser.findElements(By.cssSelector(".demo-credentials tbody tr")).stream()
                .filter(r -> r.getText().startsWith(username + " ")).findFirst().orElseThrow()
                .findElement(By.tagName("code")).getText();
    }

    void signIn(String username) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(demoPassword(username));
        Browser.submit(browser, browser.findElement(By.cssSelector("button[type=submit]")));
    }
}
