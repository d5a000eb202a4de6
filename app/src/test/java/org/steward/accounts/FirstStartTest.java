package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A new installation has no password at all until the one-time setup link creates the first administrator. */
@SpringBootTest(properties = {"steward.db.ephemeral=true", "steward.demo.enabled=false", "first-start=true",
        "steward.scheduling.enabled=false", "steward.activity.syslog=false"})
@AutoConfigureMockMvc
class FirstStartTest {

    @Autowired MockMvc mvc;
    @Autowired SetupLink setupLink;
    @Autowired AccountDirectory accounts;

    @Test
    void theSetupLinkCreatesTheFirstAdministratorOnce() throws Exception {
        assertThat(accounts.isEmpty()).isTrue();
        String token = setupLink.issue();
        mvc.perform(get("/setup/not-the-token")).andExpect(status().isNotFound());
        mvc.perform(get("/setup/" + token)).andExpect(status().isOk());

        mvc.perform(post("/setup/" + token).with(csrf()).param("districtName", "First Unified")
                        .param("districtSlug", "first").param("username", "director")
                        .param("displayName", "Dana Director").param("password", "short"))
                .andExpect(status().isOk());
        assertThat(accounts.isEmpty()).as("a too-short password creates nothing").isTrue();

        mvc.perform(post("/setup/" + token).with(csrf()).param("districtName", "First Unified")
                        .param("districtSlug", "first").param("username", "director")
                        .param("displayName", "Dana Director").param("password", "a long enough passphrase"))
                .andExpect(redirectedUrl("/login?setup"));
        mvc.perform(formLogin().user("director").password("a long enough passphrase"))
                .andExpect(authenticated().withRoles("DISTRICT_ADMIN", "COUNTY_ADMIN"));
        mvc.perform(get("/setup/" + token)).andExpect(status().isNotFound());
    }
}
