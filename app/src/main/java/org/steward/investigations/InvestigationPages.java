package org.steward.investigations;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.INVESTIGATOR;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/** Investigations are the investigators' alone. */
@Component
class InvestigationPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/investigations", "/investigations/**").hasAnyRole(roles(INVESTIGATOR));
    }
}
