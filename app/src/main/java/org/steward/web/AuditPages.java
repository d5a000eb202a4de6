package org.steward.web;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who reads the audit trail: administrators, records and investigators.
 */
@Component
class AuditPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/audit/**", "/api/audit/**")
                .hasAnyRole(roles(DISTRICT_ADMIN, RECORDS, INVESTIGATOR, COUNTY_ADMIN));
    }
}
