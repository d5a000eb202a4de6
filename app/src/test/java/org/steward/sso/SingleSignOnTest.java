package org.steward.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.steward.Fixtures;
import org.steward.accounts.Role;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.districts.District;
import org.steward.staff.StaffDirectory;

/**
 * The whole sign-in through a district's provider, as a browser goes through it: Steward's sign-in page, the
 * provider (a real OpenID Connect provider in this JVM), and back. Two districts, one on Google Workspace and one
 * on Microsoft Entra ID, each with its own roster; everything an attacker or a mistaken person might send back is
 * refused with a page that says why, and the audit trail says so too.
 */
@SsoServerTest
class SingleSignOnTest {

    static final String TENANT = "7d5a1c2e-3b4f-4a6d-9e8f-0a1b2c3d4e5f";
    static final String OTHER_TENANT = "11111111-2222-4333-8444-555555555555";

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired SignInSettings settings;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;

    District maple;
    District cedar;
    Browsing browser;

    @BeforeEach
    void twoDistrictsEachWithItsProvider() {
        maple = fixtures.district("Maple Unified");
        fixtures.roster(maple, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                M1,Ana,Alvarez,ana.alvarez@maple.k12.ca.us,LES,Teacher,,2019-08-01,active
                M2,Dora,Admin,dora@maple.k12.ca.us,LES,Director,,2019-08-01,active
                M3,Lee,Left,lee@maple.k12.ca.us,LES,Teacher,,2019-08-01,active
                """);
        fixtures.account(maple, "M2", Role.DISTRICT_ADMIN);
        assertThat(settings.save(maple.id(), new DistrictSso.Settings(SsoProvider.GOOGLE,
                "steward-maple.apps.googleusercontent.com", "maple.k12.ca.us", null), "maple-secret", "dora")
                .saved()).isTrue();

        cedar = fixtures.district("Cedar Unified");
        fixtures.roster(cedar, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                C1,Cy,Cedar,cy@cedar.k12.ca.us,LES,Teacher,,2019-08-01,active
                """);
        assertThat(settings.save(cedar.id(), new DistrictSso.Settings(SsoProvider.ENTRA,
                "2f7e4b1a-9c3d-4e5f-8a6b-7c8d9e0f1a2b", null, TENANT), "cedar-secret", "admin").saved()).isTrue();
        browser = new Browsing(port);
    }

    private static Map<String, Object> google(String email, Object verified, String hd) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        if (hd != null) {
            claims.put("hd", hd);
        }
        claims.put("name", "From Google");
        return claims;
    }

    private static Map<String, Object> entra(String email, String tid, boolean edov) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", email);
        claims.put("tid", tid);
        if (edov) {
            claims.put("xms_edov", true);
        }
        return claims;
    }

    /** From the district's sign-in page, through its button, to the provider and back. */
    private Browsing.Page signInThrough(District district) {
        Browsing.Page page = browser.open("/login/" + district.slug());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/oauth2/authorization/" + district.slug());
        return browser.open("/oauth2/authorization/" + district.slug());
    }

    private AuditEntry lastEntry(District district, String action) {
        return audit.latest(district.id(), "account", null, 50).stream().filter(e -> e.action().equals(action))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " in " + district.name()));
    }

    @Test
    void aMapleTeacherSignsInWithGoogleAndCannotReplayTheAnswerNorUseAPassword() {
        MockIdentityProvider.nextToken("google", "google-ana", google("Ana.Alvarez@Maple.k12.ca.us", true,
                "maple.k12.ca.us"), 3600);
        Browsing.Page home = signInThrough(maple);

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.text()).contains("Ana Alvarez").contains("Maple Unified");
        assertThat(lastEntry(maple, "SIGNED_IN").details())
                .isEqualTo("via SSO (Google Workspace) as ana.alvarez@maple.k12.ca.us");

        // the provider's answer, sent again (from the history, or by someone who saw it) signs nobody in
        Browsing replaying = new Browsing(port);
        Browsing.Page replayed = replaying.open(home.visited("/login/oauth2/code/").toString());
        assertThat(replayed.uri().getPath()).isEqualTo("/login/" + maple.slug() + "/refused");
        assertThat(replayed.text()).contains("was already used, or is for a sign-in this browser did not start");
        assertThat(replaying.open("/").uri().getPath()).isEqualTo("/login");
        // and in the browser that signed in, the same answer once more is refused as well
        assertThat(browser.open(home.visited("/login/oauth2/code/").toString()).text())
                .contains("was already used");
        assertThat(lastEntry(maple, "SIGN_IN_FAILED").details()).contains("was already used");

        // the account single sign-on made has no password: the password form never opens it
        Browsing withPassword = new Browsing(port);
        Browsing.Page login = withPassword.open("/login");
        Browsing.Page refused = withPassword.submit("/login", login,
                Map.of("username", "ana.alvarez@maple.k12.ca.us", "password", ""));
        assertThat(refused.uri().toString()).endsWith("/login?error");
        assertThat(withPassword.open("/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void aStaffMemberWithAnAccountSignsInToItWithItsRoles() {
        MockIdentityProvider.nextToken("google", "google-dora", google("dora@maple.k12.ca.us", true,
                "maple.k12.ca.us"), 3600);
        Browsing.Page home = signInThrough(maple);
        assertThat(home.text()).contains("Dora Admin");
        Browsing.Page settingsPage = browser.open("/district/sign-in");
        assertThat(settingsPage.status()).isEqualTo(200);
        assertThat(settingsPage.text()).contains("Sign-in settings").contains("On : staff sign in with Google Workspace");
        assertThat(settingsPage.body()).contains("value=\"maple.k12.ca.us\"");
    }

    @Test
    void aCedarTeacherSignsInWithMicrosoftWhenTheTenantVouchesForTheAddress() {
        MockIdentityProvider.nextToken(TENANT, "entra-cy", entra("cy@cedar.k12.ca.us", TENANT, true), 3600);
        Browsing.Page home = signInThrough(cedar);
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.text()).contains("Cy Cedar").contains("Cedar Unified");
        assertThat(lastEntry(cedar, "SIGNED_IN").details())
                .isEqualTo("via SSO (Microsoft Entra ID) as cy@cedar.k12.ca.us");
    }

    @Test
    void aGoogleAccountOfAnotherDomainOrAPersonalOneIsRefused() {
        MockIdentityProvider.nextToken("google", "google-x", google("ana.alvarez@gmail-like.org", true,
                "gmail-like.org"), 3600);
        Browsing.Page page = signInThrough(maple);
        assertThat(page.uri().getPath()).isEqualTo("/login/" + maple.slug() + "/refused");
        assertThat(page.text()).contains("You signed in with a Google account of gmail-like.org; this district "
                + "signs in with accounts of maple.k12.ca.us only.").contains("Dora Admin");
        assertThat(lastEntry(maple, "SIGN_IN_FAILED").details()).startsWith("via SSO (Google Workspace) as "
                + "ana.alvarez@gmail-like.org: You signed in with a Google account of gmail-like.org");

        MockIdentityProvider.nextToken("google", "google-y", google("ana@personal.example", true, null), 3600);
        assertThat(signInThrough(maple).text()).contains("not one of a Google Workspace organization");
        assertThat(browser.open("/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anAccountOfAnotherMicrosoftTenantIsRefused() {
        MockIdentityProvider.nextToken(TENANT, "entra-z", entra("cy@cedar.k12.ca.us", OTHER_TENANT, true), 3600);
        Browsing.Page page = signInThrough(cedar);
        assertThat(page.text()).contains("You signed in with an account of another Microsoft organization (tenant "
                + OTHER_TENANT + "); this district signs in with accounts of its own tenant, " + TENANT + ", only.");
        assertThat(lastEntry(cedar, "SIGN_IN_FAILED").details()).contains("another Microsoft organization");
    }

    @Test
    void anAddressTheProviderDoesNotVouchForIsRefused() {
        MockIdentityProvider.nextToken("google", "google-u", google("ana.alvarez@maple.k12.ca.us", false,
                "maple.k12.ca.us"), 3600);
        assertThat(signInThrough(maple).text()).contains("Google does not say that ana.alvarez@maple.k12.ca.us is "
                + "verified, so Steward cannot be sure it is yours.");

        // Microsoft: an address without xms_edov (nor email_verified) is not taken on trust
        MockIdentityProvider.nextToken(TENANT, "entra-u", entra("cy@cedar.k12.ca.us", TENANT, false), 3600);
        assertThat(signInThrough(cedar).text()).contains("Microsoft does not say that cy@cedar.k12.ca.us is "
                + "verified by your organization").contains("xms_edov");
        assertThat(browser.open("/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anAddressNotOnTheRosterIsToldSoAndWhomToAsk() {
        MockIdentityProvider.nextToken("google", "google-n", google("new.hire@maple.k12.ca.us", true,
                "maple.k12.ca.us"), 3600);
        Browsing.Page page = signInThrough(maple);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("new.hire@maple.k12.ca.us is not on the staff roster of Maple Unified")
                .contains("Whom to ask").contains("Dora Admin").contains("dora@maple.k12.ca.us");
        assertThat(lastEntry(maple, "SIGN_IN_FAILED").details())
                .contains("new.hire@maple.k12.ca.us is not on the staff roster");
        // the page is this browser's own: another browser opening its address is told nothing
        assertThat(new Browsing(port).open("/login/" + maple.slug() + "/refused").text())
                .contains("This browser has no refused sign-in to show").doesNotContain("new.hire");
    }

    @Test
    void aSeparatedEmployeeIsRefused() {
        long lee = staff.withEmail(maple.id(), "lee@maple.k12.ca.us").get(0).id();
        staff.separate(maple.id(), lee, LocalDate.of(2026, 6, 30), "resigned");
        MockIdentityProvider.nextToken("google", "google-lee", google("lee@maple.k12.ca.us", true,
                "maple.k12.ca.us"), 3600);
        assertThat(signInThrough(maple).text()).contains("Lee Left (lee@maple.k12.ca.us) left the district on "
                + "2026-06-30: a separated employee cannot sign in.");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Map<String, Object> claims = google("ana.alvarez@maple.k12.ca.us", true, "maple.k12.ca.us");
        Instant issued = Instant.now().minusSeconds(1200);
        claims.put("iat", java.util.Date.from(issued));
        claims.put("nbf", java.util.Date.from(issued));
        claims.put("exp", java.util.Date.from(issued.plusSeconds(600))); // ten minutes ago, past the minute's leeway
        MockIdentityProvider.nextToken("google", "google-old", claims, 600);
        Browsing.Page page = signInThrough(maple);
        assertThat(page.text()).contains("The sign-in from Google had expired before it reached Steward.");
        assertThat(browser.open("/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anotherDistrictsRegistrationDoesNotLetAPersonIn() {
        // Cedar's teacher, vouched for by Maple's provider, is not on Maple's roster
        MockIdentityProvider.nextToken("google", "google-cy", google("cy@cedar.k12.ca.us", true,
                "maple.k12.ca.us"), 3600);
        assertThat(signInThrough(maple).text()).contains("cy@cedar.k12.ca.us is not on the staff roster of Maple "
                + "Unified");

        // Maple's answer carried to Cedar's address: Cedar's sign-in was never started
        MockIdentityProvider.nextToken("google", "google-ana3", google("ana.alvarez@maple.k12.ca.us", true,
                "maple.k12.ca.us"), 3600);
        Browsing fresh = new Browsing(port);
        Browsing.Page started = fresh.open("/login/" + maple.slug());
        assertThat(started.status()).isEqualTo(200);
        String toProvider = fresh.openWithoutFollowing("/oauth2/authorization/" + maple.slug());
        String back = fresh.openWithoutFollowing(toProvider);
        assertThat(back).contains("/login/oauth2/code/" + maple.slug());
        Browsing.Page elsewhere = fresh.open(back.replace("/login/oauth2/code/" + maple.slug(),
                "/login/oauth2/code/" + cedar.slug()));
        assertThat(elsewhere.uri().getPath()).isEqualTo("/login/" + cedar.slug() + "/refused");
        assertThat(elsewhere.text()).contains("came back to another district's sign-in than the one this browser "
                + "started");
        assertThat(fresh.open("/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void aDistrictWithoutSingleSignOnOrNoDistrictAtAllIsAPageNotAnError() {
        District oak = fixtures.district("Oak Unified");
        Browsing.Page none = browser.open("/oauth2/authorization/" + oak.slug());
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.text()).contains("Oak Unified has not set up single sign-on");
        Browsing.Page nowhere = browser.open("/oauth2/authorization/no-such-district");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.text()).contains("No district has the short name 'no-such-district'");
        assertThat(browser.open("/login/no-such-district").status()).isEqualTo(404);
        assertThat(browser.open("/login/oauth2/code/" + maple.slug() + "?code=forged&state=forged").text())
                .contains("was already used, or is for a sign-in this browser did not start");
    }
}
