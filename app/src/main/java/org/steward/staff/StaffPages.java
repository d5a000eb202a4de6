package org.steward.staff;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens the roster: HR and administrators keep it; supervisors (their own staff), technology services,
 * records and investigators read it.
 */
@Component
class StaffPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/staff/import/**", "/api/staff/import/**").hasAnyRole(roles(HR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers(HttpMethod.POST, "/staff/**", "/api/staff/**")
                .hasAnyRole(roles(HR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/staff/**", "/api/staff/**")
                .hasAnyRole(roles(HR, SUPERVISOR, TECHNOLOGY, RECORDS, INVESTIGATOR, DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
