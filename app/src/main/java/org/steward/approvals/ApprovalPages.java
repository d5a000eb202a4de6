package org.steward.approvals;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens approvals: every signed-in person asks, and decides what waits for them (each request
 * checks its own approvers); administrators set the routes.
 */
@Component
class ApprovalPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/approvals/routes/**").hasAnyRole(roles(DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
