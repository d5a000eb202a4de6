package org.steward.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.steward.Fixtures;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.districts.District;

/**
 * A district administrator sets up single sign-on on the district's sign-in settings page: the secret goes in and
 * never comes out, bad settings are refused in words and change nothing, each change is audited, and nobody else
 * (an employee, another district's administrator, a forged form) changes it.
 */
@SsoServerTest
class SignInSettingsPageTest {

    static final String TENANT = "7d5a1c2e-3b4f-4a6d-9e8f-0a1b2c3d4e5f";

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired AuditLog audit;

    District birch;
    StewardUser admin;

    @BeforeEach
    void aDistrictAndItsAdministrator() {
        birch = fixtures.district("Birch Unified");
        fixtures.roster(birch, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                B1,Bea,Boss,bea@birch.k12.ca.us,LES,Director,,2019-08-01,active
                B2,Ben,Teacher,ben@birch.k12.ca.us,LES,Teacher,,2019-08-01,active
                """);
        admin = fixtures.account(birch, "B1", Role.DISTRICT_ADMIN);
    }

    private Browsing signedIn(StewardUser user) {
        Browsing browser = new Browsing(port);
        Browsing.Page home = browser.submit("/login", browser.open("/login"),
                Map.of("username", user.getUsername(), "password", "correct horse battery"));
        assertThat(home.uri().getPath()).isEqualTo("/");
        return browser;
    }

    private static Map<String, String> google(String clientId, String secret, String domain) {
        return Map.of("provider", "GOOGLE", "clientId", clientId, "clientSecret", secret, "hostedDomain", domain,
                "tenantId", "");
    }

    @Test
    void theAdministratorSetsUpGoogleAndTheSecretIsNeverShownBack() {
        Browsing browser = signedIn(admin);
        Browsing.Page page = browser.open("/district/sign-in");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Single sign-on is not set up")
                .contains("http://localhost:" + port + "/login/oauth2/code/" + birch.slug());

        Browsing.Page saved = browser.submit("/district/sign-in", page,
                google("steward-birch.apps.googleusercontent.com", "GOCSPX-very-secret", "Birch.k12.ca.us"));
        assertThat(saved.uri().getPath()).isEqualTo("/district/sign-in");
        assertThat(saved.text()).contains("Saved: single sign-on set up: Google Workspace, client id "
                + "steward-birch.apps.googleusercontent.com, domain birch.k12.ca.us.").contains("On :")
                .doesNotContain("GOCSPX-very-secret");
        assertThat(saved.body()).doesNotContain("GOCSPX-very-secret");
        var entry = audit.latest(birch.id(), "district_sso", null, 1).get(0);
        assertThat(entry.action()).isEqualTo("SSO_CONFIGURED");
        assertThat(entry.details()).doesNotContain("GOCSPX");

        // the district's sign-in page now offers Google
        assertThat(new Browsing(port).open("/login/" + birch.slug()).text()).contains("Sign in with Google");
        assertThat(new Browsing(port).open("/login/sso").text()).contains("Birch Unified");

        // a change without a secret keeps the one held
        Browsing.Page kept = browser.submit("/district/sign-in", saved,
                google("steward-birch.apps.googleusercontent.com", "", "birch.k12.ca.us"));
        assertThat(kept.text()).contains("client secret kept");

        Browsing.Page off = browser.submit("/district/sign-in/off", kept, Map.of());
        assertThat(off.text()).contains("single sign-on turned off");
        assertThat(audit.latest(birch.id(), "district_sso", null, 1).get(0).action()).isEqualTo("SSO_TURNED_OFF");
        assertThat(new Browsing(port).open("/login/" + birch.slug()).text())
                .contains("Birch Unified has not set up single sign-on");
    }

    @Test
    void badSettingsAreRefusedInWordsAndChangeNothing() {
        Browsing browser = signedIn(admin);
        Browsing.Page page = browser.open("/district/sign-in");
        Browsing.Page noSecret = browser.submit("/district/sign-in", page,
                google("steward-birch.apps.googleusercontent.com", "", "birch.k12.ca.us"));
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.text()).contains("Enter the client secret: Google gives it with the client id. Nothing "
                + "was saved.");
        assertThat(browser.submit("/district/sign-in", page, google("123456", "s", "birch.k12.ca.us")).text())
                .contains("A Google client id ends in .apps.googleusercontent.com; '123456' does not.");
        assertThat(browser.submit("/district/sign-in", page,
                google("x.apps.googleusercontent.com", "s", "not a domain")).text())
                .contains("'not a domain' is not a domain name such as sample.k12.ca.us.");
        Browsing.Page badTenant = browser.submit("/district/sign-in", page, Map.of("provider", "ENTRA",
                "clientId", "2f7e4b1a-9c3d-4e5f-8a6b-7c8d9e0f1a2b", "clientSecret", "s", "tenantId", "contoso"));
        assertThat(badTenant.status()).isEqualTo(400);
        assertThat(badTenant.text()).contains("The tenant id is the directory (tenant) id, a GUID")
                .contains("'contoso' is not one");
        assertThat(browser.submit("/district/sign-in", page, Map.of("provider", "FACEBOOK", "clientId", "x",
                "clientSecret", "s")).text()).contains("Choose Google Workspace or Microsoft Entra ID.");
        assertThat(browser.open("/district/sign-in").text()).contains("Single sign-on is not set up");
        assertThat(audit.latest(birch.id(), "district_sso", null, 1)).isEmpty();
    }

    @Test
    void nobodyElseChangesTheDistrictsSignIn() {
        StewardUser employee = fixtures.account(birch, "B2", Role.EMPLOYEE);
        Browsing browser = signedIn(employee);
        assertThat(browser.open("/district/sign-in").status()).isEqualTo(403);
        Browsing.Page home = browser.open("/");
        assertThat(browser.submit("/district/sign-in", home,
                google("x.apps.googleusercontent.com", "s", "birch.k12.ca.us")).status()).isEqualTo(403);

        // a form without its CSRF token is refused, even from the administrator
        Browsing administrator = signedIn(admin);
        assertThat(administrator.post("/district/sign-in",
                google("x.apps.googleusercontent.com", "s", "birch.k12.ca.us")).status()).isEqualTo(403);

        // another district's administrator sees and changes their own district's settings only
        District elm = fixtures.district("Elm Unified");
        Browsing elmAdmin = signedIn(fixtures.user(elm, Role.DISTRICT_ADMIN));
        Browsing.Page elmPage = elmAdmin.open("/district/sign-in");
        elmAdmin.submit("/district/sign-in", elmPage, Map.of("provider", "ENTRA",
                "clientId", "2f7e4b1a-9c3d-4e5f-8a6b-7c8d9e0f1a2b", "clientSecret", "elm-secret", "tenantId", TENANT));
        assertThat(administrator.open("/district/sign-in").text()).contains("Single sign-on is not set up")
                .doesNotContain("2f7e4b1a");
        assertThat(audit.latest(birch.id(), "district_sso", null, 1)).isEmpty();
        assertThat(audit.latest(elm.id(), "district_sso", null, 1)).hasSize(1);
    }
}
