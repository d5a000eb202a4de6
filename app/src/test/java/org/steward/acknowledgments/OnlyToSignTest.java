package org.steward.acknowledgments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.TestClock;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.policies.PolicyLibrary;

/**
 * An employee whose privileges are suspended pending acknowledgment signs in only to sign: every other page sends
 * them to one that says why; once they have signed, the next page is open to them without signing in again.
 */
@StewardTest
class OnlyToSignTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Autowired Campaigns campaigns;
    @Autowired Reminders reminders;
    @Autowired SignaturePage signaturePage;
    @Autowired PolicyLibrary policies;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static Instant at(LocalDate day) {
        return day.atTime(9, 0).atZone(LA).toInstant();
    }

    @Test
    void aSuspendedEmployeeReachesOnlyTheSigningPagesUntilTheySign() throws Exception {
        clock.set(at(LocalDate.of(2026, 8, 3)));
        District district = fixtures.district("Only To Sign");
        fixtures.roster(district, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                T1,Ana,Alvarez,ana-ots@example.org,LES,Teacher,,2019-08-01,active
                """);
        var policy = fixtures.modelPolicy(district);
        long version = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        Campaign campaign = campaigns.open(district.id(), new Campaigns.Opening("2026-27", version, Set.of(), Set.of(),
                LocalDate.of(2026, 8, 3), LocalDate.of(2026, 9, 15)), "hr");
        StewardUser before = fixtures.account(district, "T1", Role.EMPLOYEE);
        assertThat(before.mayOnlySign()).isFalse();
        clock.set(at(LocalDate.of(2026, 9, 30))); // past the due date and the grace period: suspended
        reminders.run(district.id());

        StewardUser ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        assertThat(ana.mayOnlySign()).isTrue();
        mvc.perform(get("/").with(user(ana))).andExpect(redirectedUrl("/signing-only"));
        mvc.perform(get("/my-devices").with(user(ana))).andExpect(redirectedUrl("/signing-only"));
        mvc.perform(post("/approvals").with(user(ana)).with(csrf())).andExpect(redirectedUrl("/signing-only"));
        String why = mvc.perform(get("/signing-only").with(user(ana))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(why).contains("was due on 2026-09-15 and is not signed", "Read and sign the policy")
                .doesNotContain("My devices");
        mvc.perform(get("/acknowledgments").with(user(ana))).andExpect(status().isOk());
        mvc.perform(get("/acknowledgments/" + campaign.id()).with(user(ana))).andExpect(status().isOk());
        // a problem to report is received from her too (Clovis K.2: at once), and she reads her receipt
        mvc.perform(get("/report").with(user(ana))).andExpect(status().isOk());
        String receipt = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/report").param("kind", "SECURITY").param("what", "My password was on a sticky note"
                                + " a student read").with(user(ana)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(receipt).startsWith("/my/reports/");
        mvc.perform(get(receipt).with(user(ana))).andExpect(status().isOk());
        mvc.perform(get("/my/reports").with(user(ana))).andExpect(status().isOk());

        // signed in with the password: audited as a sign-in only to sign
        var signedIn = mvc.perform(formLogin().user(ana.getUsername()).password("correct horse battery"))
                .andExpect(authenticated()).andReturn();
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'SIGNED_IN'")
                .param(district.id()).query(String.class).list()).anyMatch(d -> d.contains("only to sign"));
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();

        Set<String> ticked = signaturePage.statements(district.id()).stream().map(s -> String.valueOf(s.id()))
                .collect(Collectors.toSet());
        var signing = post("/acknowledgments/" + campaign.id()).session(session).with(csrf())
                .param("typedName", "Ana Alvarez");
        for (String id : ticked) {
            signing = signing.param("statement", id);
        }
        mvc.perform(signing);
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        mvc.perform(get("/signing-only").session(session)).andExpect(redirectedUrl("/"));
    }
}
