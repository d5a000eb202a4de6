package org.steward.accounts;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.COUNTY_ADMIN;
import static org.steward.accounts.Role.DISTRICT_ADMIN;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The pages an e-mailed link opens are anyone's (the link's token is what proves who follows it); accounts and
 * sites are the district administrators' (and a county administrator's, acting in the district).
 */
@Component
class AccountsPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/invitation/**", "/password/forgot", "/password/reset/**").permitAll()
                .requestMatchers("/accounts", "/accounts/**", "/district/**")
                .hasAnyRole(roles(DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
