package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/** The check every browser test's screenshot makes: a page that breaks WCAG 2.1 AA fails it, by rule and element. */
class AccessibilityCheckTest {

    @Test
    void aPageWithAnImageWithoutTextAndAnUnlabelledFieldFailsTheCheck() {
        ChromeDriver browser = Browser.open();
        String page = """
                <!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
                <h1>A broken page</h1><img src="photo.png" id="photo"><input type="text" id="nameless">
                </main></body></html>""";
        browser.get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));

        assertThatThrownBy(() -> Browser.screenshot(browser, "00-broken-page"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt").hasMessageContaining("#photo")
                .hasMessageContaining("label").hasMessageContaining("#nameless");
    }
}
