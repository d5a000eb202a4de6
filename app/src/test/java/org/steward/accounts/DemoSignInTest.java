package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;

/**
 * The sign-in page of a demo installation: while the demo district loads it says so and asks again every two seconds;
 * once loaded it lists the demo accounts; a load that failed says to read the server's log.
 */
@StewardTest
class DemoSignInTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @MockitoBean DemoMode demo;

    @Test
    void whileTheDemoLoadsTheSignInPageSaysSoAndListsTheAccountsOnceItHasLoaded() throws Exception {
        when(demo.state()).thenReturn(DemoMode.State.LOADING);
        String loading = page(false);
        assertThat(loading).contains("The demo district is loading.").contains("hx-get=\"/login\"")
                .contains("hx-trigger=\"every 2s\"").contains("id=\"username\"").doesNotContain("Demo accounts");
        assertThat(page(true)).as("htmx's question: the demo's part of the page only")
                .contains("The demo district is loading.").doesNotContain("id=\"username\"");

        StewardUser user = fixtures.user(fixtures.district("Demo Sign In"), Role.HR);
        jdbc.sql("insert into demo_credential (username, password) values (?, 'pw-on-the-page')")
                .param(user.getUsername()).update();
        when(demo.state()).thenReturn(DemoMode.State.READY);
        String ready = page(true);
        assertThat(ready).contains("Demo accounts").contains(user.getUsername()).contains("pw-on-the-page")
                .doesNotContain("is loading").doesNotContain("hx-trigger");

        when(demo.state()).thenReturn(DemoMode.State.FAILED);
        assertThat(page(false)).contains("The demo district did not load").doesNotContain("hx-trigger");
        when(demo.state()).thenReturn(DemoMode.State.OFF);
        assertThat(page(false)).doesNotContain("demo district").doesNotContain("Demo accounts");
    }

    private String page(boolean htmx) throws Exception {
        var request = get("/login");
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
