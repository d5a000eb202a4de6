package org.steward.publishing;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens publishing's pages: every employee checks the students they teach and submits posts; technology services
 * and administrators import students and choices; administrators keep the settings. Each page still checks whose
 * students and posts it shows.
 */
@Component
class PublishingPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/publishing/import/**").hasAnyRole(roles(TECHNOLOGY, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/publishing/settings/**").hasAnyRole(roles(DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
