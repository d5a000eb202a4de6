package org.steward.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through its chromedriver; nothing is downloaded. Where the packages are missing
 * the browser tests are skipped with a message, except under CI ({@code CI=true}), where that is a failure.
 */
final class Browser {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * axe-core's run over the whole page for WCAG 2.1 A and AA, reporting only the violations (what passed is not
     * worth axe's time to describe), its results as JSON for the library's own {@code Results}.
     */
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                               resultTypes: ['violations']})
               .then(results => done(JSON.stringify(results)), error => done(JSON.stringify({error: String(error)})));
            """;

    private static ChromeDriver shared;

    private Browser() {
    }

    /**
     * One Chromium for all the browser tests of the run (starting one takes seconds), handed to each test as new:
     * no cookies, a blank page, the desktop width. It is closed when the tests' JVM ends.
     */
    static ChromeDriver open() {
        if (shared == null) {
            shared = start();
            ChromeDriver started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
        }
        shared.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of()); // every origin's, signed out
        shared.get("about:blank");
        shared.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        return shared;
    }

    static ChromeDriver start() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!installed) {
            String message = "Browser tests need Debian's chromium and chromium-driver packages "
                    + "(apt-get install chromium chromium-driver); they are not installed here.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message + " Skipping.");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", axeScript()));
        return driver;
    }

    /**
     * axe-core as the axe-core Selenium library ships it, evaluated by Chromium in every page it opens before the
     * page's own scripts. The library's {@code AxeBuilder} sends its 550 KB through WebDriver and opens a second
     * window for every check: 0.8 s a page, where the check itself takes 0.15 s.
     */
    private static String axeScript() {
        try {
            return new com.deque.html.axecore.providers.EmbeddedResourceAxeProvider().getScript();
        } catch (IOException | javax.naming.OperationNotSupportedException e) {
            throw new IllegalStateException("axe-core's script is missing from its library", e);
        }
    }

    /**
     * A passkey device in the shared browser: Chromium's virtual authenticator (CTAP2, built into the device, with
     * user verification that always succeeds), keeping the passkeys made with it until it is removed. The browser is
     * shared by every browser test: remove the device at the end of the test ({@link #removePasskeyDevice}).
     */
    static org.openqa.selenium.virtualauthenticator.VirtualAuthenticator passkeyDevice(ChromeDriver driver) {
        return driver.addVirtualAuthenticator(new org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions()
                .setProtocol(org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    static void removePasskeyDevice(ChromeDriver driver,
                                    org.openqa.selenium.virtualauthenticator.VirtualAuthenticator device) {
        if (device != null) {
            driver.removeVirtualAuthenticator(device);
        }
    }

    /**
     * A condition on a page that is being replaced holds once the new page is there; until then its elements may be
     * stale, missing, or (as Chromium sometimes says) "not belong to the document".
     */
    private static boolean holds(java.util.function.BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (org.openqa.selenium.WebDriverException e) {
            return false;
        }
    }

    /**
     * Clicks a button that sends its form and waits until the browser has left the page: until then the old page's
     * elements are still there to be read, and reading them as the new page's fails by chance.
     */
    static void submit(org.openqa.selenium.WebDriver browser, org.openqa.selenium.WebElement button) {
        button.click();
        waitUntil(() -> {
            try {
                button.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException left) {
                return true;
            }
        }, "the page after sending its form");
    }

    /** Clicks what the page shows once it is there, whatever the page it replaces was doing. */
    static void click(org.openqa.selenium.WebDriver browser, org.openqa.selenium.By what) {
        waitUntil(() -> {
            browser.findElement(what).click();
            return true;
        }, "something to click: " + what);
    }

    /** The text of the page's main part once it holds {@code expected}: after a click, the new page's. */
    static String mainTextWith(org.openqa.selenium.WebDriver browser, String expected) {
        try {
            waitUntil(() -> browser.findElement(org.openqa.selenium.By.tagName("main")).getText().contains(expected),
                    "a page saying '" + expected + "'");
        } catch (AssertionError e) {
            String shown;
            try {
                shown = browser.findElement(org.openqa.selenium.By.tagName("main")).getText();
            } catch (org.openqa.selenium.WebDriverException unreadable) {
                shown = "(nothing readable)";
            }
            throw new AssertionError(e.getMessage() + "; the page at " + browser.getCurrentUrl() + " says:\n"
                    + shown, e);
        }
        return browser.findElement(org.openqa.selenium.By.tagName("main")).getText();
    }

    /** Sets a date field's value as a person's date picker would (typing into one depends on the browser's locale). */
    static void setDate(ChromeDriver browser, String id, String value) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(org.openqa.selenium.By.id(id)),
                value);
    }

    /**
     * Sends a form of the page with its CSRF token and a reason, as the signed-in browser would, and keeps what it
     * answers: a download (a PDF, a file) the browser would save out of the test's reach.
     */
    static java.net.http.HttpResponse<byte[]> postForm(ChromeDriver browser, org.openqa.selenium.WebElement form,
                                                        String reason) throws java.io.IOException, InterruptedException {
        String token = form.findElement(org.openqa.selenium.By.name("_csrf")).getAttribute("value");
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        String body = "_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                + "&reason=" + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8);
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(form.getAttribute("action")))
                        .header("Cookie", "JSESSIONID=" + session)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Waits up to ten seconds for something a page does by itself, such as an htmx update. */
    static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > end) {
                Assertions.fail("Waited ten seconds in vain for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Saves what the page shows, after checking it with axe-core against WCAG 2.1 A and AA (the ADA Title II rule's
     * standard): a page with a violation fails the test that shows it, naming the rule and the elements.
     */
    private static com.deque.html.axecore.results.Results axe(ChromeDriver driver, String page) {
        String json = (String) driver.executeAsyncScript(AXE_RUN);
        try {
            com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json);
            if (results.has("error")) {
                throw new AssertionError("axe could not check " + page + ": " + results.get("error").asText());
            }
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .treeToValue(results, com.deque.html.axecore.results.Results.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("axe's results for " + page + " are not JSON: " + e.getMessage(), e);
        }
    }

    static void screenshot(ChromeDriver driver, String name) {
        com.deque.html.axecore.results.Results axe = axe(driver, name);
        java.util.List<String> violations = axe.getViolations().stream()
                .map(v -> v.getId() + " (" + v.getHelp() + "): " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).limit(3).toList())
                .toList();
        if (!violations.isEmpty()) {
            throw new AssertionError("axe finds WCAG 2.1 AA violations on " + name + ": " + violations);
        }
        try {
            Path folder = Path.of("target", "screenshots");
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #screenshot}, of the whole page however long: the window is made as tall as the page, then put back. */
    static void screenshotWhole(ChromeDriver driver, String name) {
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(),
                (int) Math.min(height + (size.getHeight() - viewportHeight(driver)), 12_000)));
        try {
            screenshot(driver, name);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    private static long viewportHeight(ChromeDriver driver) {
        return (Long) driver.executeScript("return window.innerHeight");
    }
}
