package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.TestClock;
import org.steward.districts.District;
import org.steward.districts.Districts;

/**
 * Districts and accounts through their pages, as a county office starts two districts: each district made, its first
 * administrator invited by an e-mailed link and accepting it; roles given and taken back with their history; staff
 * invited to a password; separation, suspension and password resets; and the refusals an attacker would try.
 */
@StewardTest
class DistrictsAndAccountsTest {

    static final String PASSWORD = "orange kayak under the bridge";

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension smtp = new com.icegreen.greenmail.junit5.GreenMailExtension(
            com.icegreen.greenmail.util.ServerSetupTest.SMTP);

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired Districts districts;
    @Autowired AccountDirectory directory;
    @Autowired TestClock clock;

    StewardUser county;
    static int n;

    @BeforeEach
    void countyOffice() {
        county = fixtures.user(fixtures.district("County Office"), Role.COUNTY_ADMIN, Role.DISTRICT_ADMIN);
        n++;
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A district made on the county administrator's pages, and its administrator who accepted the invitation. */
    record Made(District district, StewardUser admin, String username) {
    }

    Made district(String name, String adminEmail) throws Exception {
        String slug = name.toLowerCase().replaceAll("[^a-z]", "") + "-" + n + "-" + System.nanoTime() % 100000;
        mvc.perform(post("/districts").with(user(county)).with(csrf()).param("name", name).param("slug", slug)
                        .param("timeZone", "America/Los_Angeles")
                        .param("sites", "LES, Lincoln Elementary School\nRoosevelt High School"))
                .andExpect(redirectedUrl("/districts/" + slug));
        mvc.perform(post("/districts/" + slug + "/administrator").with(user(county)).with(csrf())
                        .param("displayName", "Dana Director").param("email", adminEmail))
                .andExpect(redirectedUrl("/districts/" + slug))
                .andExpect(flash().attribute("message", org.hamcrest.Matchers.containsString("on its way")));
        String token = link(adminEmail, "/invitation/");
        String username = "dana-" + slug;
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login?ready"));
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(authenticated()
                .withRoles("DISTRICT_ADMIN"));
        return new Made(districts.findBySlug(slug).orElseThrow(), (StewardUser) directory.loadUserByUsername(username),
                username);
    }

    /** The token of the latest link of this kind e-mailed to the address, as the mail server received it. */
    String link(String to, String path) {
        long recorded = jdbc.sql("select count(*) from mail_message where recipient = ?").param(to)
                .query(Long.class).single();
        String[] body = new String[1];
        await().untilAsserted(() -> {
            List<jakarta.mail.internet.MimeMessage> received = java.util.Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> {
                        try {
                            return m.getAllRecipients()[0].toString().equals(to);
                        } catch (jakarta.mail.MessagingException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertThat(received).hasSize((int) recorded);
            body[0] = received.get(received.size() - 1).getContent().toString();
        });
        Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{20,})").matcher(body[0]);
        assertThat(m.find()).as("a link in: " + body[0]).isTrue();
        return m.group(1);
    }

    List<String> audit(District district, String action) {
        return jdbc.sql("select details from audit_entry where district_id = ? and action = ? order by sequence")
                .params(district.id(), action).query(String.class).list();
    }

    String roster(Made made) {
        return """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                P1,Pat,Principal,pat-%1$s@example.org,LES,Principal,,2015-08-01,active
                T1,Ana,Alvarez,ana-%1$s@example.org,LES,Teacher,P1,2019-08-01,active
                """.formatted(made.district().slug());
    }

    static String withoutCsrf(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }

    long staffId(Made made, String employeeId) {
        return jdbc.sql("select id from staff where district_id = ? and employee_id = ?")
                .params(made.district().id(), employeeId).query(Long.class).single();
    }

    @Test
    void aCountyAdministratorMakesADistrictWhoseInvitedAdministratorSetsUpTheirAccountOnce() throws Exception {
        Made a = district("Ceres Unified", "dana-" + n + "@ceres.example.org");
        assertThat(a.district().timeZone()).isEqualTo("America/Los_Angeles");
        assertThat(jdbc.sql("select code || ' ' || name from site where district_id = ? order by code")
                .param(a.district().id()).query(String.class).list())
                .containsExactly("LES Lincoln Elementary School", "RHS Roosevelt High School");
        assertThat(audit(a.district(), "DISTRICT_CREATED")).hasSize(1);
        assertThat(audit(a.district(), "INVITATION_ACCEPTED")).hasSize(1);
        assertThat(audit(a.district(), "SIGNED_IN")).anyMatch(d -> d.contains("signed in with a password"));

        // the link works once: the invitation used, it is refused, and nothing changes
        mvc.perform(post("/districts/" + a.district().slug() + "/administrator").with(user(county)).with(csrf())
                .param("displayName", "Second Admin").param("email", "second-" + n + "@ceres.example.org"));
        String token = link("second-" + n + "@ceres.example.org", "/invitation/");
        // only the token's hash is kept
        assertThat(jdbc.sql("select count(*) from account_link where token_hash = ?").param(token)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from account_link where token_hash = ?")
                .param(org.apache.commons.codec.digest.DigestUtils.sha256Hex(token)).query(Long.class).single())
                .isOne();
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", "second-" + n + "-" + a.username())
                .param("password", "short")).andExpect(status().isBadRequest())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("at least 15 characters"));
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", "second-" + n + "-" + a.username())
                .param("password", "1qaz2wsx3edc4rfv")).andExpect(status().isBadRequest())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("common or breached"));
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", "second-" + n + "-" + a.username())
                .param("password", "ceres is where I work " + n)).andExpect(status().isBadRequest())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("may not contain"));
        mvc.perform(post("/invitation/" + token).param("username", "x" + n).param("password", PASSWORD))
                .andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", "second-" + n + "-" + a.username())
                .param("password", PASSWORD)).andExpect(redirectedUrl("/login?ready"));
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", "third-" + n).param("password", PASSWORD))
                .andExpect(status().isGone())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("works once"));
        mvc.perform(get("/invitation/" + token)).andExpect(status().isGone());
        mvc.perform(get("/invitation/not-a-token-at-all-0123456789")).andExpect(status().isGone());

        // an invitation expires after seven days
        mvc.perform(post("/districts/" + a.district().slug() + "/administrator").with(user(county)).with(csrf())
                .param("displayName", "Late Admin").param("email", "late-" + n + "@ceres.example.org"));
        String late = link("late-" + n + "@ceres.example.org", "/invitation/");
        clock.set(java.time.Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
        mvc.perform(get("/invitation/" + late)).andExpect(status().isGone())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("expired"));
    }

    @Test
    void onlyACountyAdministratorMakesOrSuspendsDistrictsAndASuspendedDistrictsPeopleCannotSignIn() throws Exception {
        Made a = district("Oak Park Unified", "dana-" + n + "@oakpark.example.org");
        Made b = district("Clovis Unified", "dana-" + n + "@clovis.example.org");

        // a district administrator is not a county administrator
        mvc.perform(get("/districts/new").with(user(a.admin()))).andExpect(status().isForbidden());
        mvc.perform(post("/districts").with(user(a.admin())).with(csrf()).param("name", "Mine")
                .param("slug", "mine-" + n).param("timeZone", "America/Los_Angeles")).andExpect(status().isForbidden());
        mvc.perform(post("/districts/" + b.district().slug() + "/suspend").with(user(a.admin())).with(csrf())
                .param("reason", "Taking over my neighbour")).andExpect(status().isForbidden());
        // bad input says what is wrong and makes nothing
        mvc.perform(post("/districts").with(user(county)).with(csrf()).param("name", "Bad Zone")
                        .param("slug", "bad-zone-" + n).param("timeZone", "Mars/Olympus"))
                .andExpect(status().isOk())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("is not a time zone"));
        assertThat(districts.findBySlug("bad-zone-" + n)).isEmpty();
        mvc.perform(post("/districts").with(user(county)).with(csrf()).param("name", "Taken")
                        .param("slug", a.district().slug()).param("timeZone", "America/Los_Angeles"))
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("is taken"));
        mvc.perform(post("/districts").with(user(county)).param("name", "No Token").param("slug", "no-token-" + n)
                .param("timeZone", "America/Los_Angeles")).andExpect(status().isForbidden());
        assertThat(districts.findBySlug("no-token-" + n)).isEmpty();

        // suspended with a reason: B's administrator is refused, saying why, after the right password only
        mvc.perform(post("/districts/" + b.district().slug() + "/suspend").with(user(county)).with(csrf())
                .param("reason", "")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("Say why")));
        mvc.perform(post("/districts/" + b.district().slug() + "/suspend").with(user(county)).with(csrf())
                .param("reason", "Contract ended in June"));
        MvcResult refused = mvc.perform(formLogin().user(b.username()).password(PASSWORD))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?refused")).andReturn();
        String page = mvc.perform(get("/login").session((org.springframework.mock.web.MockHttpSession)
                refused.getRequest().getSession())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("is suspended in Steward (Contract ended in June)");
        mvc.perform(formLogin().user(b.username()).password("not the password at all"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user(a.username()).password(PASSWORD)).andExpect(authenticated());
        assertThat(audit(b.district(), "DISTRICT_SUSPENDED")).hasSize(1);
        assertThat(audit(b.district(), "SIGN_IN_FAILED")).anyMatch(d -> d.contains("was refused"))
                .anyMatch(d -> d.contains("wrong password"));

        mvc.perform(post("/districts/" + b.district().slug() + "/reopen").with(user(county)).with(csrf())
                .param("reason", "New contract signed"));
        mvc.perform(formLogin().user(b.username()).password(PASSWORD)).andExpect(authenticated());
        assertThat(audit(b.district(), "DISTRICT_REOPENED")).hasSize(1);
    }

    @Test
    void aDistrictAdministratorGivesAndTakesBackRolesWithReasonsInTheirOwnDistrictOnly() throws Exception {
        Made a = district("Stanislaus Unified", "dana-" + n + "@stan.example.org");
        Made b = district("Modesto Unified", "dana-" + n + "@modesto.example.org");
        fixtures.roster(a.district(), roster(a));
        fixtures.roster(b.district(), roster(b));

        String list = mvc.perform(get("/accounts").with(user(a.admin()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Alvarez, Ana", "Principal, Pat", "Dana Director", "no account")
                .doesNotContain("ana-" + b.district().slug());
        mvc.perform(get("/accounts?sort=password")).andExpect(status().is3xxRedirection()); // signed out
        mvc.perform(get("/accounts?sort=password_hash").with(user(a.admin()))).andExpect(status().isBadRequest());

        // Ana's account made, given TECHNOLOGY with a reason, shown with its history
        MvcResult made = mvc.perform(post("/accounts/for-staff/" + staffId(a, "T1")).with(user(a.admin()))
                .with(csrf())).andReturn();
        String anaPage = made.getResponse().getRedirectedUrl();
        long ana = Long.parseLong(anaPage.substring("/accounts/".length()));
        mvc.perform(post(anaPage + "/roles").with(user(a.admin())).with(csrf()).param("role", "TECHNOLOGY")
                .param("reason", "")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("Say why")));
        mvc.perform(post(anaPage + "/roles").with(user(a.admin())).with(csrf()).param("role", "COUNTY_ADMIN")
                .param("reason", "Wants to see everything")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("not a role a district administrator gives")));
        mvc.perform(post(anaPage + "/roles").with(user(a.admin())).with(csrf()).param("role", "SUPERVISOR")
                .param("reason", "Wants to see her staff")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("a supervisor is one by the roster")));
        mvc.perform(post(anaPage + "/roles").with(user(a.admin())).with(csrf()).param("role", "TECHNOLOGY")
                .param("reason", "Joins the network team")).andExpect(flash().attribute("message", "Technology services is given."));
        mvc.perform(post(anaPage + "/roles").with(user(a.admin())).with(csrf()).param("role", "TECHNOLOGY")
                .param("reason", "Joins the network team")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("already")));
        String history = mvc.perform(get(anaPage).with(user(a.admin()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(history).contains("Joins the network team", a.username(), "held now");
        assertThat(audit(a.district(), "ROLE_GRANTED")).containsExactly("TECHNOLOGY given to t1");

        // another district's administrator, and the wrong role, reach none of it
        mvc.perform(get(anaPage).with(user(b.admin()))).andExpect(status().isNotFound());
        mvc.perform(post(anaPage + "/roles/revoke").with(user(b.admin())).with(csrf()).param("role", "TECHNOLOGY")
                .param("reason", "Hostile takeover")).andExpect(status().isNotFound());
        mvc.perform(post("/accounts/for-staff/" + staffId(a, "P1")).with(user(b.admin())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post(anaPage + "/roles").with(user(a.admin())).param("role", "HR")
                .param("reason", "Forged from another site")).andExpect(status().isForbidden());
        StewardUser employee = fixtures.user(a.district(), Role.EMPLOYEE);
        mvc.perform(get("/accounts").with(user(employee))).andExpect(status().isForbidden());
        mvc.perform(post(anaPage + "/roles").with(user(employee)).with(csrf()).param("role", "HR")
                .param("reason", "I would like it please")).andExpect(status().isForbidden());

        // taken back with a reason; an administrator cannot take their own administrator role
        mvc.perform(post(anaPage + "/roles/revoke").with(user(a.admin())).with(csrf()).param("role", "TECHNOLOGY")
                .param("reason", "Left the network team")).andExpect(flash().attribute("message",
                "Technology services is taken back."));
        assertThat(audit(a.district(), "ROLE_REVOKED")).containsExactly("TECHNOLOGY taken from t1");
        assertThat(mvc.perform(get(anaPage).with(user(a.admin()))).andReturn().getResponse().getContentAsString())
                .contains("Left the network team", "Joins the network team");
        long adminId = a.admin().accountId();
        mvc.perform(post("/accounts/" + adminId + "/roles/revoke").with(user(a.admin())).with(csrf())
                .param("role", "DISTRICT_ADMIN").param("reason", "Stepping down today"))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("your own")));

        // SUPERVISOR follows from the roster at sign-in: Pat supervises Ana
        mvc.perform(post("/accounts/for-staff/" + staffId(a, "P1")).with(user(a.admin())).with(csrf()));
        long pat = jdbc.sql("select id from account where staff_id = ?").param(staffId(a, "P1")).query(Long.class)
                .single();
        mvc.perform(post("/accounts/" + pat + "/invite").with(user(a.admin())).with(csrf()))
                .andExpect(flash().attribute("message", org.hamcrest.Matchers.containsString("on its way")));
        String token = link("pat-" + a.district().slug() + "@example.org", "/invitation/");
        mvc.perform(post("/invitation/" + token).with(csrf()).param("username", "pat-" + a.district().slug())
                .param("password", PASSWORD)).andExpect(redirectedUrl("/login?ready"));
        mvc.perform(formLogin().user("pat-" + a.district().slug()).password(PASSWORD))
                .andExpect(authenticated().withRoles("EMPLOYEE", "SUPERVISOR"));
        assertThat(ana).isPositive();

        // an account closed with a reason is refused, saying why; reopened, it signs in again
        mvc.perform(post("/accounts/" + pat + "/close").with(user(b.admin())).with(csrf())
                .param("reason", "Closing my rival's staff")).andExpect(status().isNotFound());
        mvc.perform(post("/accounts/" + adminId + "/close").with(user(a.admin())).with(csrf())
                .param("reason", "Leaving the district")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("your own")));
        mvc.perform(post("/accounts/" + pat + "/close").with(user(a.admin())).with(csrf())
                .param("reason", "On leave this semester")).andExpect(flash().attribute("message",
                org.hamcrest.Matchers.containsString("closed")));
        MvcResult closed = mvc.perform(formLogin().user("pat-" + a.district().slug()).password(PASSWORD))
                .andExpect(redirectedUrl("/login?refused")).andReturn();
        assertThat(mvc.perform(get("/login").session((org.springframework.mock.web.MockHttpSession)
                closed.getRequest().getSession())).andReturn().getResponse().getContentAsString())
                .contains("This account is closed (On leave this semester (closed by " + a.username() + "))");
        assertThat(audit(a.district(), "ACCOUNT_CLOSED")).hasSize(1);
        mvc.perform(post("/accounts/" + pat + "/reopen").with(user(a.admin())).with(csrf())
                .param("reason", "Back from leave"));
        mvc.perform(formLogin().user("pat-" + a.district().slug()).password(PASSWORD)).andExpect(authenticated());
    }

    @Test
    void aSeparatedEmployeesAccountClosesAndTheirNextSignInIsRefused() throws Exception {
        Made a = district("Fresno Unified", "dana-" + n + "@fresno.example.org");
        fixtures.roster(a.district(), roster(a));
        String anaPage = mvc.perform(post("/accounts/for-staff/" + staffId(a, "T1")).with(user(a.admin()))
                .with(csrf())).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(post(anaPage + "/invite").with(user(a.admin())).with(csrf()));
        String ana = "ana-" + a.district().slug();
        mvc.perform(post("/invitation/" + link(ana + "@example.org", "/invitation/")).with(csrf())
                .param("username", ana).param("password", PASSWORD)).andExpect(redirectedUrl("/login?ready"));
        mvc.perform(formLogin().user(ana).password(PASSWORD)).andExpect(authenticated());

        mvc.perform(post("/staff/" + staffId(a, "T1") + "/separate").with(user(a.admin())).with(csrf())
                .param("on", "2026-11-20").param("reason", "resigned"));
        // refused from that moment, before the account is closed (the roster says so), and closed after
        MvcResult refused = mvc.perform(formLogin().user(ana).password(PASSWORD)).andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?refused")).andReturn();
        assertThat(mvc.perform(get("/login").session((org.springframework.mock.web.MockHttpSession)
                refused.getRequest().getSession())).andReturn().getResponse().getContentAsString())
                .contains("Your employment with the district ended on 2026-11-20");
        await().untilAsserted(() -> assertThat(audit(a.district(), "ACCOUNT_CLOSED"))
                .containsExactly("employment ended on 2026-11-20"));
        assertThat(jdbc.sql("select enabled from account where username = ?").param(ana).query(Boolean.class)
                .single()).isFalse();
        assertThat(mvc.perform(get("/accounts?q=Alvarez").with(user(a.admin()))).andReturn().getResponse()
                .getContentAsString()).contains("no: separated");
    }

    @Test
    void aPasswordIsResetByALinkThatWorksOnceForAnHourAndTheAnswerTellsNobodyWhetherTheAccountExists()
            throws Exception {
        Made a = district("Merced Unified", "dana-" + n + "@merced.example.org");
        String known = mvc.perform(post("/password/forgot").with(csrf()).param("who", a.username()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String unknown = mvc.perform(post("/password/forgot").with(csrf()).param("who", "nobody-" + n))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(withoutCsrf(unknown)).isEqualTo(withoutCsrf(known)).contains("If there is an account");
        String token = link("dana-" + n + "@merced.example.org", "/password/reset/");
        String newPassword = "violet lanterns over quiet water";
        mvc.perform(post("/password/reset/" + token).with(csrf()).param("password", "aaaaaaaaaaaaaaaaaaaa"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/password/reset/" + token).with(csrf()).param("password", newPassword))
                .andExpect(redirectedUrl("/login?reset"));
        mvc.perform(formLogin().user(a.username()).password(PASSWORD)).andExpect(unauthenticated());
        mvc.perform(formLogin().user(a.username()).password(newPassword)).andExpect(authenticated());
        mvc.perform(post("/password/reset/" + token).with(csrf()).param("password", PASSWORD))
                .andExpect(status().isGone());
        assertThat(audit(a.district(), "PASSWORD_RESET")).hasSize(1);

        // asked again at once, no second mail goes; a few minutes later one does, and it lasts an hour
        long mails = jdbc.sql("select count(*) from mail_message where recipient = ?")
                .param("dana-" + n + "@merced.example.org").query(Long.class).single();
        mvc.perform(post("/password/forgot").with(csrf()).param("who", a.username()));
        assertThat(jdbc.sql("select count(*) from mail_message where recipient = ?")
                .param("dana-" + n + "@merced.example.org").query(Long.class).single()).isEqualTo(mails);
        java.time.Instant later = java.time.Instant.now().plus(Duration.ofMinutes(3));
        clock.set(later);
        mvc.perform(post("/password/forgot").with(csrf()).param("who", "dana-" + n + "@merced.example.org"));
        String late = link("dana-" + n + "@merced.example.org", "/password/reset/");
        clock.set(later.plus(Duration.ofMinutes(61)));
        mvc.perform(get("/password/reset/" + late)).andExpect(status().isGone())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("expired"));
    }

    @Test
    void failuresAndTheLockAreAudited() throws Exception {
        Made a = district("Turlock Unified", "dana-" + n + "@turlock.example.org");
        for (int i = 0; i < LoginThrottle.ALLOWED_FAILURES; i++) {
            mvc.perform(formLogin().user(a.username()).password("wrong guess " + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user(a.username()).password(PASSWORD)).andExpect(redirectedUrl("/login?locked"));
        assertThat(audit(a.district(), "SIGN_IN_FAILED")).hasSize(LoginThrottle.ALLOWED_FAILURES);
        assertThat(audit(a.district(), "SIGN_IN_LOCKED")).hasSize(2)
                .anyMatch(d -> d.contains("locked for 15 minutes")).anyMatch(d -> d.contains("while locked"));
    }

    @Test
    void aDistrictAdministratorKeepsTheirOwnDistrictsSites() throws Exception {
        Made a = district("Ripon Unified", "dana-" + n + "@ripon.example.org");
        Made b = district("Escalon Unified", "dana-" + n + "@escalon.example.org");
        mvc.perform(post("/district/sites").with(user(a.admin())).with(csrf()).param("code", "DO")
                .param("name", "District Office")).andExpect(flash().attribute("message", "District Office is added."));
        mvc.perform(post("/district/sites").with(user(a.admin())).with(csrf()).param("code", "LES")
                .param("name", "Again")).andExpect(flash().attribute("problem",
                org.hamcrest.Matchers.containsString("already")));
        long les = jdbc.sql("select id from site where district_id = ? and code = 'LES'").param(a.district().id())
                .query(Long.class).single();
        mvc.perform(post("/district/sites/" + les).with(user(b.admin())).with(csrf()).param("name", "Mine now"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/district/sites/" + les).with(user(a.admin())).with(csrf()).param("name", "Lincoln School"));
        assertThat(mvc.perform(get("/district/sites").with(user(a.admin()))).andReturn().getResponse()
                .getContentAsString()).contains("Lincoln School", "District Office").doesNotContain("Mine now");
        StewardUser hr = fixtures.user(a.district(), Role.HR);
        mvc.perform(get("/district/sites").with(user(hr))).andExpect(status().isForbidden());
    }
}
