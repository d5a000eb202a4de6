package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Technology services hands two devices to the demo supervisor (refused first for unencrypted storage), the
 * supervisor signs once for both on their own page, reports the storage stolen (refused without the police report,
 * accepted with it), and technology records the laptop's return and its receipt.
 * Screenshots go to target/screenshots/.
 */
class DeviceCustodyBrowserTest extends DemoDistrictBrowserTest {

    private void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(username);
    }

    @Test
    void twoDevicesHandedOverInOneSignatureOneReportedStolenTheOtherReturnedWithAReceipt() throws Exception {
        signInAs("supervisor");
        String name = browser.findElement(By.cssSelector("header .who span span")).getText();

        signInAs("technology");
        browser.get(url("/devices?type=PORTABLE_STORAGE"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("U-0001").contains("(not encrypted)");
        Browser.screenshot(browser, "40-devices");

        browser.get(url("/devices/handovers/new"));
        choose(name);
        browser.findElement(By.id("tags")).sendKeys("L-0031 U-0001");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.bad")).getText())
                .contains("U-0001 is portable storage that is not encrypted (Stanislaus 9.g)");
        Browser.screenshot(browser, "41-handover-refused");

        WebElement tags = browser.findElement(By.id("tags"));
        tags.clear();
        tags.sendKeys("L-0031, U-0006");
        choose(name);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).startsWith("Ready: 2 device(s)");

        signInAs("supervisor");
        Browser.waitUntil(() -> browser.findElement(By.tagName("main")).getText()
                .contains("Devices wait for your signature."), "the home page to say devices wait");
        Browser.screenshot(browser, "53-home-devices-to-sign");
        browser.get(url("/my-devices"));
        WebElement waiting = browser.findElement(By.cssSelector("section[aria-label='Hand-over waiting for your signature']"));
        assertThat(waiting.getText()).contains("L-0031").contains("U-0006");
        waiting.findElements(By.cssSelector("input[name=statement]")).forEach(WebElement::click);
        waiting.findElement(By.name("typedName")).sendKeys(name);
        Browser.screenshot(browser, "42-my-devices-sign");
        waiting.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("Signed: you are now the authorized possessor of these devices.");
        assertThat(browser.findElement(By.id("held-heading")).findElement(By.xpath("..")).getText())
                .contains("L-0031").contains("U-0006");
        Browser.screenshot(browser, "43-my-devices-held");

        browser.findElement(By.cssSelector("a[aria-label='Report a loss, theft or damage of U-0006']")).click();
        browser.findElement(By.id("kind-theft")).click();
        browser.findElement(By.id("whatHappened")).sendKeys("Taken from my bag at the district office");
        browser.findElement(By.id("place")).sendKeys("District office, room 12");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.bad")).getText()).isEqualTo("Not reported: a theft "
                + "needs the police report's number; a theft needs the police report attached.");
        assertThat(browser.findElement(By.id("whatHappened")).getAttribute("value"))
                .isEqualTo("Taken from my bag at the district office");
        Browser.screenshot(browser, "46-theft-refused");
        java.nio.file.Path report = java.nio.file.Files.createTempFile("police-report", ".pdf");
        java.nio.file.Files.writeString(report, "%PDF-1.4 police report");
        browser.findElement(By.id("policeReportNumber")).sendKeys("SPD-2026-1187");
        browser.findElement(By.id("policeReport")).sendKeys(report.toString());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).startsWith("Reported (number ");
        assertThat(browser.findElement(By.id("held-heading")).findElement(By.xpath("..")).getText())
                .contains("L-0031").doesNotContain("U-0006");
        Browser.screenshot(browser, "47-theft-reported");

        signInAs("technology");
        browser.get(url("/devices?q=L-0031"));
        browser.findElement(By.linkText("L-0031")).click();
        assertThat(Browser.mainTextWith(browser, "Possessor: " + name)).contains("Custody");
        browser.findElement(By.cssSelector("#condition option[value=WORN]")).click();
        browser.findElement(By.id("notes")).sendKeys("Scuffed lid");
        browser.findElement(By.xpath("//button[text()='Record the return and sign the receipt']")).click();
        String receipt = Browser.mainTextWith(browser, "Return receipt");
        assertThat(receipt).contains("Return receipt").contains("The District received from " + name)
                .contains("L-0031").contains("Condition: worn: Scuffed lid").contains("signed for the District by technology");
        Browser.screenshot(browser, "44-return-receipt");
        browser.findElement(By.linkText("Back to the device")).click();
        assertThat(Browser.mainTextWith(browser, "Possessor: the District")).contains("Custody");
        Browser.screenshot(browser, "45-device-history");
        browser.findElement(By.linkText("handover")).click();
        assertThat(Browser.mainTextWith(browser, "What the employee signed"))
                .contains("Acceptable-use policy acknowledged at the time").contains("L-0031").contains("U-0006");
        Browser.screenshot(browser, "48-handover-record");

        browser.get(url("/devices/incidents"));
        browser.findElements(By.cssSelector("main tbody tr")).stream().filter(r -> r.getText().contains("U-0006"))
                .findFirst().orElseThrow().findElement(By.tagName("a")).click();
        browser.findElement(By.id("cost")).sendKeys("89");
        browser.findElement(By.id("d-insurance")).click();
        browser.findElement(By.xpath("//button[text()='Record the decision']")).click();
        assertThat(Browser.mainTextWith(browser, "Decided; the employee is told"))
                .contains("insurance").contains("Decided by technology");
        Browser.screenshot(browser, "49-theft-decided");

        browser.get(url("/"));
        Browser.waitUntil(() -> !browser.findElements(By.id("devices-heading")).isEmpty(), "the home page");
        assertThat(browser.findElement(By.id("devices-heading")).findElement(By.xpath("..")).getText())
                .contains("0 loss, theft or damage reports to assess").contains("unsafe");
        Browser.screenshot(browser, "54-home-technology");
        browser.get(url("/devices/unsafe"));
        Browser.screenshot(browser, "50-unsafe-devices");
        browser.get(url("/devices/audits"));
        browser.findElement(By.xpath("//button[text()='Open an audit']")).click();
        browser.findElement(By.id("assetTag")).sendKeys("L-0004");
        browser.findElement(By.xpath("//button[text()='It is here']")).click();
        assertThat(Browser.mainTextWith(browser, "L-0004 is here.")).contains("1 of");
        Browser.screenshot(browser, "51-site-audit");
        browser.get(url("/devices/settings"));
        Browser.screenshot(browser, "52-device-settings");
    }

    /**
     * Picks the employee as a technician does: types their name and chooses them from the suggestions. A page that
     * comes back refused already offers choices for the name; htmx replaces them with its own, unchosen, 250 ms after
     * the typing, so the choice is made in the suggestions that answer the typing (the old ones gone, htmx done), not
     * in the old ones, where it would be lost before the form is sent.
     */
    private void choose(String name) {
        java.util.List<WebElement> offered = browser.findElements(By.cssSelector("#person-choices fieldset.choices"));
        WebElement field = browser.findElement(By.id("person"));
        field.clear();
        field.sendKeys(name);
        if (!offered.isEmpty()) {
            Browser.waitUntil(() -> isStale(offered.get(0)), "the suggestions for what was typed");
        }
        Browser.waitUntil(() -> browser.findElements(By.cssSelector(".htmx-request")).isEmpty()
                && !browser.findElements(By.cssSelector("#person-choices fieldset.choices")).isEmpty(),
                "the suggestions for what was typed");
        Browser.click(browser, By.xpath("//fieldset[contains(@class, 'choices')]//label[span[@class='choice-name' "
                + "and normalize-space(.)='" + name + "']]"));
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        }
    }
}
