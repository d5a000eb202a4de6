package org.steward.sso;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.COUNTY_ADMIN;
import static org.steward.accounts.Role.DISTRICT_ADMIN;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/** Anyone may start a district's sign-in and read why it was refused; its administrators set it up. */
@Component
class SsoPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/login/*", "/login/*/refused", SingleSignOn.START + "/*").permitAll()
                .requestMatchers("/district/sign-in", "/district/sign-in/**")
                .hasAnyRole(roles(DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
