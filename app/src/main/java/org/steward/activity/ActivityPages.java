package org.steward.activity;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens monitoring: each person their own findings; technology services and investigators named
 * activity, under the privacy guard; technology services and administrators the sources and rules.
 */
@Component
class ActivityPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers(HttpMethod.POST, "/api/events").permitAll() // a source's token, checked by the API
                .requestMatchers("/activity/mine", "/activity/findings", "/activity/findings/*").authenticated()
                .requestMatchers("/activity/people", "/activity/people.csv", "/activity/people.pdf", "/activity/top",
                        "/activity/views",
                        "/activity/findings/*/triage").hasAnyRole(roles(TECHNOLOGY, INVESTIGATOR))
                // re-applying dismisses findings by the thousand: those who triage them, not administrators
                .requestMatchers(HttpMethod.POST, "/activity/reapply").hasAnyRole(roles(TECHNOLOGY))
                .requestMatchers("/activity/sources/**", "/activity/runs/**", "/activity/categories/**",
                        "/activity/leases/**", "/activity/settings/**", "/activity/rules", "/activity/rules/**",
                        "/activity/calendar", "/activity/backtests/*", "/activity/reapply", "/activity/reapply/**")
                .hasAnyRole(roles(TECHNOLOGY, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/activity", "/activity/**")
                .hasAnyRole(roles(TECHNOLOGY, INVESTIGATOR, DISTRICT_ADMIN, COUNTY_ADMIN));
    }

    @Override
    public List<String> withoutCsrfToken() {
        return List.of("/api/events");
    }
}
