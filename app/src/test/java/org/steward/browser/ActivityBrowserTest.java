package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Technology services upload a proxy log and watch it ingest, open a person's report (giving a reason) and confirm a
 * finding; the demo's week of logs fills the report and the queue. Screenshots go to target/screenshots/.
 */
class ActivityBrowserTest extends DemoDistrictBrowserTest {

    @TempDir Path dir;

    @Test
    void aLogIsUploadedAPersonsReportOpenedForAReasonAndAFindingConfirmed() throws IOException {
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity"));
        assertThat(Browser.mainTextWith(browser, "Internet use")).contains("Top sites by time connected")
                .contains("google.com").contains("khanacademy.org");
        Browser.screenshot(browser, "80-internet-use");

        // upload a log of 20,000 lines and watch it run
        browser.get(url("/activity/sources"));
        Browser.screenshot(browser, "81-activity-sources");
        browser.findElement(By.linkText("Squid proxy (district office)")).click();
        Path log = dir.resolve("access-today.log");
        List<String> lines = new ArrayList<>();
        long start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            long t = start + i * 1_000L;
            lines.add("%d.%03d %6d 10.30.0.%d TCP_MISS/200 1500 GET https://docs.google.com/d/%d - HIER_DIRECT/1.2.3.4 text/html"
                    .formatted(t / 1000, t % 1000, 120, i % 50, i));
        }
        lines.add("not a log line");
        Files.write(log, lines);
        browser.findElement(By.id("file")).sendKeys(log.toString());
        browser.findElement(By.xpath("//button[text()='Upload and ingest']")).click();
        assertThat(Browser.mainTextWith(browser, "Done:")).contains("20,001 lines").contains("not a log line");
        Browser.screenshot(browser, "82-run-done");

        // a person's report needs a reason
        browser.get(url("/activity/findings"));
        assertThat(Browser.mainTextWith(browser, "Findings")).contains("Online games during duty time");
        Browser.screenshot(browser, "83-findings-queue");
        browser.findElement(By.linkText("Online games during duty time")).click();
        assertThat(Browser.mainTextWith(browser, "The clause it enforces")).contains("C.4").contains("Evidence");
        Browser.screenshot(browser, "84-finding");
        String findingPage = browser.getCurrentUrl();
        browser.findElement(By.linkText("(internet use report)")).click();
        assertThat(Browser.mainTextWith(browser, "Why do you need to see")).contains("recorded in the audit log");
        Browser.screenshot(browser, "85-reason-asked");
        browser.findElement(By.id("reason")).sendKeys("Finding about games during class time");
        browser.findElement(By.id("caseRef")).sendKeys("TS-2026-014");
        browser.findElement(By.xpath("//button[text()='Show the report']")).click();
        assertThat(Browser.mainTextWith(browser, "Shown to")).contains("Finding about games during class time")
                .contains("Sites visited");
        Browser.screenshot(browser, "86-person-report");

        browser.get(findingPage);
        browser.findElement(By.cssSelector("input[name=status][value=CONFIRMED]")).click();
        browser.findElement(By.id("reason")).sendKeys("Seen in class by the principal as well.");
        browser.findElement(By.xpath("//button[text()='Record']")).click();
        assertThat(Browser.mainTextWith(browser, "The finding is now confirmed")).contains("Confirmed by");
        Browser.screenshot(browser, "87-finding-confirmed");

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 900));
        browser.get(url("/activity"));
        Browser.mainTextWith(browser, "Internet use");
        Browser.screenshot(browser, "88-internet-use-phone");
    }

    @Test
    void aRuleIsBacktestedAndItsConditionCheckedAndAFolderAndAReceiverAreSetUp() throws IOException {
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/rules"));
        assertThat(Browser.mainTextWith(browser, "Monitoring rules")).contains("Online games during duty time")
                .contains("Duty time: 07:30-16:00");
        Browser.screenshot(browser, "89-rules");

        Browser.click(browser, By.linkText("Online games during duty time"));
        Browser.mainTextWith(browser, "enforces");
        browser.findElement(By.id("condition")).sendKeys("bytes > 1000 && hots == 'x'");
        browser.findElement(By.xpath("//button[text()='Save the rule']")).click();
        assertThat(Browser.mainTextWith(browser, "does not compile")).contains("column 17: There is no field `hots` (did you mean `host`?)");
        Browser.screenshot(browser, "90-rule-condition-refused");

        browser.findElement(By.id("condition")).clear();
        browser.findElement(By.cssSelector("#time option[value=ALWAYS]")).click();
        browser.findElement(By.xpath("//button[text()='Backtest without saving']")).click();
        assertThat(Browser.mainTextWith(browser, "Nothing was stored")).contains("would raise").contains("kept log file");
        Browser.screenshot(browser, "91-rule-backtest");

        browser.get(url("/activity/calendar"));
        browser.findElement(By.id("holidays")).sendKeys("2026-11-26 Thanksgiving\n2026-11-27 Day after\n2026-13-01 Typo");
        browser.findElement(By.xpath("//button[text()='Save the calendar']")).click();
        assertThat(Browser.mainTextWith(browser, "Holidays, line 3")).contains("'2026-13-01'");
        Browser.screenshot(browser, "92-calendar-refused");

        // a watched folder: the log in it is read at once, and again as it grows
        Path folder = org.steward.Fixtures.serverFolder("sample", "squid"); // a folder the server grants the demo
        long t = Instant.now().minus(1, ChronoUnit.HOURS).toEpochMilli();
        Files.writeString(folder.resolve("access.log"), "%d.%03d 120 10.30.0.7 TCP_MISS/200 1500 GET https://www.pbs.org/ - HIER_DIRECT/1.2.3.4 text/html\n"
                .formatted(t / 1000, t % 1000));
        browser.get(url("/activity/sources"));
        browser.findElement(By.id("name")).sendKeys("Proxy log folder");
        browser.findElement(By.cssSelector("#kind option[value=FOLDER]")).click();
        browser.findElement(By.id("folder")).sendKeys(folder.toString());
        browser.findElement(By.xpath("//button[text()='Add the source']")).click();
        Browser.mainTextWith(browser, "Watched folder");
        // the folder is read at once when it is added: a click on "Read new lines now" finds the line, or finds it
        // read already ("Nothing new."); either way one run of one line, read to the end of the file
        long written = Files.size(folder.resolve("access.log"));
        browser.findElement(By.xpath("//button[text()='Read new lines now']")).click();
        Browser.waitUntil(() -> {
            String page = browser.findElement(By.tagName("main")).getText();
            if (page.contains("Read to byte " + written)
                    && page.contains("runs 1 to 1 of 1")) {
                return true;
            }
            browser.navigate().refresh();
            return false;
        }, "the folder's line read in one run");
        Browser.screenshot(browser, "93-watched-folder");

        browser.get(url("/activity/sources"));
        browser.findElement(By.id("name")).sendKeys("Proxy syslog");
        browser.findElement(By.cssSelector("#kind option[value=SYSLOG]")).click();
        browser.findElement(By.id("port")).clear(); // the district's next free port
        browser.findElement(By.id("senders")).sendKeys("127.0.0.1");
        browser.findElement(By.xpath("//button[text()='Add the source']")).click();
        assertThat(Browser.mainTextWith(browser, "Syslog receiver")).contains("Taken only from 127.0.0.1")
                .contains("messages taken since the server started");
        Browser.screenshot(browser, "94-syslog-receiver");

        browser.get(url("/staff"));
        Browser.click(browser, By.cssSelector("main table tbody tr a"));
        assertThat(Browser.mainTextWith(browser, "Internet use")).contains("Open the internet use report");
        Browser.screenshot(browser, "95-profile-internet-use");
    }

}
