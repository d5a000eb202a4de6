package org.steward.policies;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who changes the policy: administrators and HR; everyone signed in reads it.
 */
@Component
class PolicyPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers(HttpMethod.GET, "/policies/import", "/policies/*/versions/*/clauses/*/edit")
                .hasAnyRole(roles(HR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers(HttpMethod.POST, "/policies/**", "/api/policies/**")
                .hasAnyRole(roles(HR, DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
