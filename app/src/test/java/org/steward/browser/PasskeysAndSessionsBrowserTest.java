package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.Fixtures;
import org.steward.accounts.AccountClosed;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;

/**
 * Passkeys made and used in Chromium with its virtual authenticator; the district's rule that sends the roles that
 * see the most to the passkey step; a person's sessions and an administrator's sign-out of all of a person's, refused
 * to another district's administrator; a closed account's sessions ended. Every district and account here is made
 * for the test (the demo district's accounts are the other browser tests'). Screenshots go to target/screenshots/.
 */
class PasskeysAndSessionsBrowserTest extends DemoDistrictBrowserTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;

    private VirtualAuthenticator device;

    @AfterEach
    void removeTheDevice() {
        Browser.removePasskeyDevice(browser, device);
        device = null;
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    private void signInWithPassword(StewardUser user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user.getUsername());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.submit(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private void signOut() {
        Browser.click(browser, By.cssSelector("header .who form button"));
        Browser.mainTextWith(browser, "You have signed out");
    }

    private void makePasskey(String label, String button) {
        browser.findElement(By.id("passkey-label")).sendKeys(label);
        Browser.click(browser, By.xpath("//button[text()='" + button + "']"));
    }

    private void bothWidths(String name) {
        Browser.screenshot(browser, name);
        browser.manage().window().setSize(new Dimension(400, 900));
        Browser.screenshot(browser, name + "-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    private List<String> audited(District district, String action) {
        return jdbc.sql("select details from audit_entry where district_id = ? and action = ? order by sequence")
                .params(district.id(), action).query(String.class).list();
    }

    @Test
    void aPersonMakesAPasskeySignsInWithItAloneAndSignsOutTheirSessions() throws Exception {
        District district = fixtures.district("Passkey Unified");
        StewardUser technology = fixtures.user(district, Role.TECHNOLOGY);
        device = Browser.passkeyDevice(browser);

        signInWithPassword(technology);
        Browser.mainTextWith(browser, "");
        browser.get(url("/account/passkeys"));
        assertThat(Browser.mainTextWith(browser, "Your passkeys")).contains("You have no passkey yet.");
        // a passkey without a name is refused in words, and nothing is made
        Browser.click(browser, By.id("register-passkey"));
        assertThat(Browser.mainTextWith(browser, "Give the passkey a name")).contains("Give the passkey a name");
        assertThat(device.getCredentials()).isEmpty();
        Browser.screenshot(browser, "90-passkeys-name-missing");

        makePasskey("Work laptop", "Make a passkey");
        assertThat(Browser.mainTextWith(browser, "Your passkey is made")).contains("Work laptop").contains("not yet");
        assertThat(device.getCredentials()).hasSize(1);
        bothWidths("91-passkeys");

        // signed out, the passkey alone signs in: no username, no password
        signOut();
        Browser.screenshot(browser, "92-login-with-passkey");
        Browser.click(browser, By.id("use-passkey"));
        Browser.waitUntil(() -> browser.findElements(By.cssSelector("header .who")).stream()
                .anyMatch(who -> who.getText().contains(technology.displayName())), "the passkey to sign in");
        assertThat(audited(district, "SIGNED_IN")).anySatisfy(d -> assertThat(d)
                .isEqualTo(technology.getUsername() + " with passkey 'Work laptop'"));

        // the passkey's answer, sent a second time (a replay), signs nobody in: its challenge was used up
        signOut();
        @SuppressWarnings("unchecked")
        Map<String, Object> replay = (Map<String, Object>) browser.executeAsyncScript(ANSWER_TWICE);
        assertThat(replay.get("first")).isEqualTo(200L);
        assertThat(replay.get("second")).isEqualTo(401L);
        browser.get(url("/account/passkeys"));
        Browser.mainTextWith(browser, "Your passkeys"); // the first answer signed in

        // a second session, from another browser, signed in with the password
        OtherBrowser other = new OtherBrowser();
        other.signIn(technology.getUsername());
        assertThat(other.get("/").statusCode()).isEqualTo(200);

        browser.get(url("/account/sessions"));
        String sessions = Browser.mainTextWith(browser, "Where you are signed in");
        assertThat(browser.findElements(By.cssSelector("table.sessions tbody tr"))).hasSize(2);
        assertThat(sessions).contains("passkey").contains("this browser").contains("password")
                .contains("Chrome (headless) on Linux").contains("127.0.0.1");
        bothWidths("93-sessions");

        // the other session signed out from here: its next request is sent to the sign-in page
        Browser.click(browser, By.xpath("//tr[not(.//strong)]//button[text()='Sign out']"));
        assertThat(Browser.mainTextWith(browser, "That session is signed out")).contains("this browser");
        assertThat(browser.findElements(By.cssSelector("table.sessions tbody tr"))).hasSize(1);
        HttpResponse<String> ended = other.get("/");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");

        // this browser's own session signed out: its next click lands on the sign-in page
        Browser.click(browser, By.xpath("//tr[.//strong]//button[text()='Sign out']"));
        assertThat(Browser.mainTextWith(browser, "This session was signed out")).contains("Sign in to Steward");
        browser.get(url("/account/passkeys"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        assertThat(audited(district, "SESSION_ENDED")).filteredOn(d -> d.startsWith("signed out by "))
                .hasSize(2).allSatisfy(d -> assertThat(d).startsWith("signed out by " + technology.displayName()));
        assertThat(audited(district, "SESSION_ENDED")).contains("signed out in its own browser");

        // removed, the passkey no longer signs in
        signInWithPassword(technology);
        Browser.mainTextWith(browser, "");
        browser.get(url("/account/passkeys"));
        Browser.click(browser, By.xpath("//button[text()='Remove']"));
        assertThat(Browser.mainTextWith(browser, "is removed")).contains("You have no passkey yet.");
        assertThat(audited(district, "PASSKEY_REGISTERED")).containsExactly("passkey 'Work laptop'");
        assertThat(audited(district, "PASSKEY_REMOVED")).containsExactly("passkey 'Work laptop'");
        signOut();
        Browser.click(browser, By.id("use-passkey"));
        assertThat(Browser.mainTextWith(browser, "does not know this passkey")).contains("Sign in with your password");
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    @Test
    void theDistrictRequiresAPasskeyOfTheRolesThatSeeTheMostAndRefusesAnotherAccountsPasskey() {
        District district = fixtures.district("Required Unified");
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        StewardUser records = fixtures.user(district, Role.RECORDS);
        StewardUser employee = fixtures.user(district, Role.EMPLOYEE);
        device = Browser.passkeyDevice(browser);

        signInWithPassword(admin);
        Browser.mainTextWith(browser, "");
        browser.get(url("/accounts/sign-in"));
        Browser.mainTextWith(browser, "Sign-in rules");
        bothWidths("94-sign-in-rules");
        browser.findElement(By.id("passkeysRequired")).click();
        Browser.click(browser, By.xpath("//button[text()='Save']"));
        // the administrator holds a role the rule names: their next page is the passkey step
        assertThat(Browser.mainTextWith(browser, "Use a passkey to go on")).contains("make a passkey and use it");
        assertThat(browser.getCurrentUrl()).contains("/account/passkey-needed");
        bothWidths("95-passkey-needed");
        makePasskey("Admin laptop", "Make my passkey and go on");
        Browser.waitUntil(() -> !browser.getCurrentUrl().contains("passkey-needed"), "the step to let the admin on");
        browser.get(url("/accounts/sign-in"));
        assertThat(browser.findElement(By.id("passkeysRequired")).isSelected()).isTrue();
        assertThat(audited(district, "PASSKEYS_REQUIRED")).hasSize(1);

        // records, signed in with a password only, reaches no page but the step
        signInWithPassword(records);
        Browser.mainTextWith(browser, "Use a passkey to go on");
        for (String page : List.of("/", "/audit", "/account/passkeys", "/account/sessions")) {
            browser.get(url(page));
            assertThat(browser.getCurrentUrl()).as(page).contains("/account/passkey-needed");
        }
        // a passkey of another account (the administrator's, on this same device) does not get records in
        String adminHandle = jdbc.sql("select id from user_entities where name = ?").param(admin.getUsername())
                .query(String.class).single();
        byte[] adminsPasskey = device.getCredentials().stream()
                .filter(c -> Base64.getUrlEncoder().withoutPadding().encodeToString(c.getUserHandle()).equals(adminHandle))
                .findFirst().orElseThrow().getId();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) browser.executeAsyncScript(USE_THIS_PASSKEY,
                Base64.getUrlEncoder().withoutPadding().encodeToString(adminsPasskey));
        assertThat(answer.get("status")).isEqualTo(401L);
        assertThat((String) answer.get("body")).contains("That passkey belongs to another account");
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).contains("/account/passkey-needed");
        assertThat(audited(district, "SIGN_IN_FAILED")).anySatisfy(d -> assertThat(d).contains("another account"));

        makePasskey("Records desktop", "Make my passkey and go on");
        Browser.waitUntil(() -> !browser.getCurrentUrl().contains("passkey-needed"), "the step to let records on");
        browser.get(url("/audit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("Use a passkey to go on");
        assertThat(browser.getCurrentUrl()).endsWith("/audit");

        // next time records uses the passkey made: the step asks for it, and a second one may not be made without it
        signInWithPassword(records);
        assertThat(Browser.mainTextWith(browser, "Use your passkey")).doesNotContain("A name for it");
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) browser.executeAsyncScript(REGISTER_WITHOUT_A_PASSKEY);
        assertThat(second.get("status")).isEqualTo(403L);
        Browser.click(browser, By.id("use-passkey"));
        Browser.waitUntil(() -> !browser.getCurrentUrl().contains("passkey-needed"), "the passkey to let records on");
        browser.get(url("/account/sessions"));
        assertThat(Browser.mainTextWith(browser, "Where you are signed in")).contains("password and passkey");

        // an employee is not asked
        signInWithPassword(employee);
        Browser.mainTextWith(browser, "");
        browser.get(url("/account/passkeys"));
        assertThat(Browser.mainTextWith(browser, "Your passkeys")).doesNotContain("Your district asks");

        // records lost the device: the administrator (through the step, with their own passkey) removes its passkey,
        // and records makes a new one at the next sign-in
        signInWithPassword(admin);
        Browser.click(browser, By.id("use-passkey"));
        Browser.waitUntil(() -> !browser.getCurrentUrl().contains("passkey-needed"), "the passkey to let the admin on");
        browser.get(url("/accounts/" + records.accountId() + "/sessions"));
        assertThat(Browser.mainTextWith(browser, "Passkeys of")).contains("Records desktop");
        bothWidths("97-account-sessions-and-passkeys");
        Browser.click(browser, By.xpath("//button[starts-with(normalize-space(.), 'Remove every passkey')]"));
        assertThat(Browser.mainTextWith(browser, "Removed 1 passkey")).contains("No passkey.");
        signInWithPassword(records);
        assertThat(Browser.mainTextWith(browser, "Use a passkey to go on")).contains("make a passkey and use it");
    }

    @Test
    void anAdministratorSignsOutAPersonsSessionsAnotherDistrictsCannotAndAClosedAccountsSessionsEnd()
            throws Exception {
        District district = fixtures.district("Sessions Unified");
        District other = fixtures.district("Other Unified");
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        StewardUser teacher = fixtures.user(district, Role.EMPLOYEE);
        StewardUser otherAdmin = fixtures.user(other, Role.DISTRICT_ADMIN);

        OtherBrowser laptop = new OtherBrowser();
        laptop.signIn(teacher.getUsername());
        OtherBrowser phone = new OtherBrowser();
        phone.signIn(teacher.getUsername());

        // the teacher may not open an account's sessions page, their own included
        assertThat(laptop.get("/accounts/" + teacher.accountId() + "/sessions").statusCode()).isEqualTo(403);

        // another district's administrator: neither the page nor the sign-out, and the sessions stay
        OtherBrowser intruder = new OtherBrowser();
        intruder.signIn(otherAdmin.getUsername());
        HttpResponse<String> page = intruder.get("/accounts/" + teacher.accountId() + "/sessions");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("There is no such account in your district.");
        assertThat(intruder.post("/accounts/" + teacher.accountId() + "/sessions/end", intruder.csrf("/"))
                .statusCode()).isEqualTo(404);
        assertThat(intruder.post("/accounts/" + teacher.accountId() + "/passkeys/remove", intruder.csrf("/"))
                .statusCode()).isEqualTo(404);
        assertThat(intruder.post("/accounts/" + teacher.accountId() + "/sessions/end", "forged").statusCode())
                .isEqualTo(403);
        assertThat(laptop.get("/").statusCode()).isEqualTo(200);

        signInWithPassword(admin);
        Browser.mainTextWith(browser, "");
        browser.get(url("/accounts/" + teacher.accountId() + "/sessions"));
        assertThat(Browser.mainTextWith(browser, "Sessions of " + teacher.displayName())).contains("password");
        assertThat(browser.findElements(By.cssSelector("table.sessions tbody tr"))).hasSize(2);
        bothWidths("96-account-sessions");
        Browser.click(browser, By.xpath("//button[starts-with(normalize-space(.), 'Sign out every session')]"));
        assertThat(Browser.mainTextWith(browser, "Signed out 2 sessions of " + teacher.displayName()))
                .contains("No session is signed in.");
        for (OtherBrowser signedOut : List.of(laptop, phone)) {
            HttpResponse<String> next = signedOut.get("/");
            assertThat(next.statusCode()).isEqualTo(302);
            assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");
        }
        assertThat(audited(district, "SESSION_ENDED")).hasSize(2).allSatisfy(d -> assertThat(d)
                .startsWith("signed out by " + admin.displayName() + ", district administrator"));

        // the account closed (a separation, a suspension): its sessions end by themselves
        OtherBrowser again = new OtherBrowser();
        again.signIn(teacher.getUsername());
        assertThat(again.get("/").statusCode()).isEqualTo(200);
        transaction.executeWithoutResult(status -> events.publishEvent(
                new AccountClosed(district.id(), teacher.accountId(), "separated from the district")));
        Browser.waitUntil(() -> {
            try {
                return again.get("/").statusCode() == 302;
            } catch (Exception e) {
                return false;
            }
        }, "the closed account's session to end");
        // the session ends at once; its audit entry commits with the listener's transaction, a moment later
        Browser.waitUntil(() -> audited(district, "SESSION_ENDED").stream()
                .anyMatch(d -> d.startsWith("the account was closed")), "the closed session's audit entry");
        assertThat(audited(district, "SESSION_ENDED")).last().asString()
                .startsWith("the account was closed: separated from the district");
    }

    /** An attacker's page: asks for the sign-in options, then answers with the passkey given, whatever they allow. */
    private static final String USE_THIS_PASSKEY = """
            const done = arguments[arguments.length - 1];
            const box = document.querySelector('[data-passkeys]');
            const headers = {'Content-Type': 'application/json', [box.dataset.csrfHeader]: box.dataset.csrfToken};
            const decode = t => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
            const encode = b => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/=/g, '')
                .replace(/\\+/g, '-').replace(/\\//g, '_');
            (async () => {
              const options = await (await fetch('/webauthn/authenticate/options', {method: 'POST', headers})).json();
              const credential = await navigator.credentials.get({publicKey: {challenge: decode(options.challenge),
                  rpId: options.rpId, allowCredentials: [{type: 'public-key', id: decode(arguments[0])}]}});
              const r = credential.response;
              const answer = await fetch('/login/webauthn', {method: 'POST', headers, body: JSON.stringify({
                  id: credential.id, rawId: encode(credential.rawId), type: credential.type,
                  response: {authenticatorData: encode(r.authenticatorData), clientDataJSON: encode(r.clientDataJSON),
                             signature: encode(r.signature), userHandle: encode(r.userHandle)},
                  clientExtensionResults: {}})});
              done({status: answer.status, body: await answer.text()});
            })().catch(e => done({status: -1, body: String(e)}));
            """;

    /** The sign-in page's passkey ceremony, its answer sent twice; the statuses of both. */
    private static final String ANSWER_TWICE = """
            const done = arguments[arguments.length - 1];
            const box = document.querySelector('[data-passkeys]');
            const headers = {'Content-Type': 'application/json', [box.dataset.csrfHeader]: box.dataset.csrfToken};
            const decode = t => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
            const encode = b => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/=/g, '')
                .replace(/\\+/g, '-').replace(/\\//g, '_');
            (async () => {
              const options = await (await fetch('/webauthn/authenticate/options', {method: 'POST', headers})).json();
              const credential = await navigator.credentials.get({publicKey: {challenge: decode(options.challenge),
                  rpId: options.rpId}});
              const r = credential.response;
              const body = JSON.stringify({id: credential.id, rawId: encode(credential.rawId), type: credential.type,
                  response: {authenticatorData: encode(r.authenticatorData), clientDataJSON: encode(r.clientDataJSON),
                             signature: encode(r.signature), userHandle: encode(r.userHandle)},
                  clientExtensionResults: {}});
              const first = await fetch('/login/webauthn', {method: 'POST', headers, body});
              // signed in, the session has a new CSRF token: the replay carries it, so only the challenge stops it
              const page = await (await fetch('/account/passkeys')).text();
              headers[box.dataset.csrfHeader] = page.match(/data-csrf-token="([^"]+)"/)[1];
              const second = await fetch('/login/webauthn', {method: 'POST', headers, body});
              done({first: first.status, second: second.status});
            })().catch(e => done({first: -1, second: String(e)}));
            """;

    /** A second passkey asked for while signed in with the password only, past the page that does not offer it. */
    private static final String REGISTER_WITHOUT_A_PASSKEY = """
            const done = arguments[arguments.length - 1];
            const box = document.querySelector('[data-passkeys]');
            const headers = {'Content-Type': 'application/json', [box.dataset.csrfHeader]: box.dataset.csrfToken};
            fetch('/webauthn/register', {method: 'POST', headers, body: JSON.stringify({publicKey: {label: 'thief',
                credential: {id: 'x', rawId: 'eA', type: 'public-key', response: {attestationObject: 'eA',
                clientDataJSON: 'eA', transports: []}, clientExtensionResults: {}}}})})
              .then(r => done({status: r.status}), e => done({status: -1}));
            """;

    /** Another browser signed in with a password: an HTTP client keeping its own session cookie. */
    private final class OtherBrowser {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html").GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String csrf) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf,
                            StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The CSRF token of a page's first form. */
        String csrf(String path) throws IOException, InterruptedException {
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(path).body());
            assertThat(token.find()).as("a CSRF token on " + path).isTrue();
            return token.group(1);
        }

        void signIn(String username) throws IOException, InterruptedException {
            String csrf = csrf("/login");
            HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(url("/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                            + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("error");
        }
    }
}
