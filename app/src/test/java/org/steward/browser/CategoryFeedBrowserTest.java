package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.steward.SharedData;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

/**
 * Technology services set the district's download address and its checksum file, check it now, read what changed in
 * the lists (UT1's from ../shared, published again with a few games more, a few gambling sites fewer and a new
 * category) and go back to the previous lists; the demo is left with its own lists and no download. Screenshots go
 * to target/screenshots/, at desktop and phone widths.
 */
class CategoryFeedBrowserTest extends DemoDistrictBrowserTest {

    MockWebServer server;

    @BeforeEach
    void aListServerPublishingUt1Again() throws Exception {
        byte[] archive = republishedUt1();
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        server = new MockWebServer();
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(archive)).build());
        server.enqueue(new MockResponse.Builder().body(sum + "  blacklists.tar.gz\n").build());
        server.start();
    }

    @AfterEach
    void stopTheServer() {
        server.close();
    }

    @Test
    void theDownloadIsSetCheckedAndItsChangesShownAndThePreviousListsPutBack() {
        browser.get(url("/login"));
        signIn("technology");
        browser.get(url("/activity/categories"));
        assertThat(Browser.mainTextWith(browser, "URL category lists")).contains("No download address is set");

        browser.findElement(By.id("address")).sendKeys(server.url("/blacklists.tar.gz").toString());
        browser.findElement(By.id("checksumAddress")).sendKeys(server.url("/blacklists.tar.gz.sha256").toString());
        browser.findElement(By.cssSelector("#hour option[value='3']")).click();
        browser.findElement(By.xpath("//button[text()='Save the download address']")).click();
        assertThat(Browser.mainTextWith(browser, "Saved: Steward downloads the lists from"))
                .contains("every day at 03:00 (Pacific Time)")
                .contains("every day at 03:00, Pacific Time (America/Los_Angeles)")
                .contains("Next check:");
        Browser.screenshot(browser, "95-category-feed-set");

        Browser.click(browser, By.xpath("//button[text()='Check now']"));
        String page = Browser.mainTextWith(browser, "Installed. Put in use:");
        assertThat(page).contains("The lists changed").contains("Re-apply to stored logs")
                .contains("Findings and usage from the").contains("What changed")
                .contains("1 category changed, 1 new, 0 removed")
                .contains("steward_test New category 2 0")
                .contains("games Changed 3 0");
        assertThat(browser.findElement(By.linkText("Re-apply to stored logs")).getAttribute("href"))
                .endsWith("/activity/reapply");
        Browser.screenshot(browser, "96-category-lists-changed");

        browser.manage().window().setSize(new Dimension(400, 900));
        browser.get(url("/activity/categories"));
        Browser.mainTextWith(browser, "What changed");
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("changes-heading")));
        Browser.screenshot(browser, "97-category-lists-changed-phone");
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("checks-heading")));
        Browser.screenshot(browser, "98-category-checks-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        // back to the demo's own lists, and no download left behind for the other tests
        Browser.click(browser, By.xpath("//button[text()='Go back to the previous lists']"));
        assertThat(Browser.mainTextWith(browser, "The previous lists are in use again"))
                .contains("from " + SharedData.data("ut1")).contains("games Changed 0 3")
                .contains("Previous: can be put back");
        Browser.screenshot(browser, "99-category-lists-put-back");
        Browser.click(browser, By.xpath("//button[text()='Stop downloading']"));
        assertThat(Browser.mainTextWith(browser, "Steward no longer downloads the lists"))
                .contains("No download address is set");
    }

    /** UT1's lists as the demo has them, with three games more, two sites in a new category, packed as UT1 packs. */
    private static byte[] republishedUt1() throws IOException {
        Path ut1 = SharedData.data("ut1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
             Stream<Path> files = Files.walk(ut1)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = ut1.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                boolean list = relative.contains("/") && List.of("domains", "urls").contains(name);
                boolean alias = !relative.contains("/") && name.matches("[a-z0-9_-]+") && Files.size(file) < 64;
                if (!list && !alias) {
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                if (relative.equals("games/domains")) {
                    content = (new String(content, StandardCharsets.ISO_8859_1)
                            + "new-game-one.example\nnew-game-two.example\nnew-game-three.example\n")
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                entry(tar, "blacklists/" + relative, content);
            }
            entry(tar, "blacklists/steward_test/domains",
                    "first.example\nsecond.example\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return bytes.toByteArray();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
