package org.steward.investigations;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.INVESTIGATOR;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Investigations are the investigators' alone, but for a case's own pages, which its assignees see too: those ask
 * {@link CaseAccess} of every request.
 */
@Component
class InvestigationPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/investigations/cases/*", "/investigations/cases/*/**").authenticated();
        pages.requestMatchers("/investigations", "/investigations/**").hasAnyRole(roles(INVESTIGATOR));
    }
}
