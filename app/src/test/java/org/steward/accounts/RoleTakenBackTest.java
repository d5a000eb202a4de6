package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

/**
 * A role taken back is gone from that moment, not at the person's next sign-in: technology services taken from
 * someone who is reading a person's internet use ends their sessions, and their next page asks them to sign in
 * again. The administrator who took it keeps their own session.
 */
@StewardTest
class RoleTakenBackTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired SignInSessions sessions;
    @Autowired JdbcClient jdbc;

    @Test
    void takingBackARoleEndsThatPersonsSessionsAtOnce() throws Exception {
        District district = fixtures.district("Taken Back Unified");
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        StewardUser technician = fixtures.user(district, Role.TECHNOLOGY);
        MockHttpSession theirs = new MockHttpSession();
        MockHttpSession mine = new MockHttpSession();
        mvc.perform(get("/activity").session(theirs).with(user(technician))).andExpect(status().isOk());
        mvc.perform(get("/accounts").session(mine).with(user(admin))).andExpect(status().isOk());
        assertThat(sessions.of(technician.accountId(), theirs.getId())).hasSize(1);

        mvc.perform(post("/accounts/{id}/roles/revoke", technician.accountId()).session(mine).with(user(admin))
                        .with(csrf()).param("role", "TECHNOLOGY").param("reason", "Moved to teaching this year"))
                .andExpect(redirectedUrl("/accounts/" + technician.accountId()));

        mvc.perform(get("/activity").session(theirs).with(user(technician)))
                .andExpect(redirectedUrl("/login?ended"));
        assertThat(sessions.of(technician.accountId(), null)).isEmpty();
        assertThat(jdbc.sql("""
                        select reason || ' ' || details from audit_entry
                         where action = 'SESSION_ENDED' and record_id = ?""")
                .param(String.valueOf(technician.accountId())).query(String.class).list())
                .singleElement().asString().contains("was taken back (Moved to teaching this year)");
        mvc.perform(get("/accounts").session(mine).with(user(admin))).andExpect(status().isOk());
    }
}
