package org.steward.accounts;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

@StewardTest
class SignInTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void signsInWithTheRightPassword() throws Exception {
        District district = fixtures.district("Sign In Unified");
        StewardUser user = fixtures.user(district, Role.EMPLOYEE);
        mvc.perform(formLogin().user(user.getUsername()).password("correct horse battery"))
                .andExpect(authenticated().withUsername(user.getUsername()));
    }

    @Test
    void locksAUsernameAfterRepeatedFailuresEvenForTheRightPassword() throws Exception {
        District district = fixtures.district("Throttle Unified");
        StewardUser user = fixtures.user(district, Role.EMPLOYEE);
        for (int i = 0; i < LoginThrottle.ALLOWED_FAILURES; i++) {
            mvc.perform(formLogin().user(user.getUsername()).password("guess " + i))
                    .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user(user.getUsername()).password("correct horse battery"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void aLockedUsernameWithoutAnAccountIsAnsweredAsOneWithAnAccount() throws Exception {
        // an attacker probing usernames learns nothing from the lock: the same answers, in the same order
        for (int i = 0; i < LoginThrottle.ALLOWED_FAILURES; i++) {
            mvc.perform(formLogin().user("nobody-here-7").password("guess " + i))
                    .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user("nobody-here-7").password("correct horse battery"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?locked"));
    }
}
