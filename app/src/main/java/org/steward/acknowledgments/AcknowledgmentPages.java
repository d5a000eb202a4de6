package org.steward.acknowledgments;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens acknowledgments: a kiosk's signer without an account; HR and administrators the campaigns;
 * supervisors their staff's completion.
 */
@Component
class AcknowledgmentPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/kiosk", "/kiosk/done", "/kiosk/reported").permitAll()
                .requestMatchers("/kiosk/open").hasAnyRole(roles(HR, SUPERVISOR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/acknowledgments/signature-page/**")
                .hasAnyRole(roles(HR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers(HttpMethod.POST, "/acknowledgments/campaigns/**")
                .hasAnyRole(roles(HR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/acknowledgments/campaigns/**")
                .hasAnyRole(roles(HR, SUPERVISOR, DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
