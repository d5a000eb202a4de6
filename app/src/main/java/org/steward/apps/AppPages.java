package org.steward.apps;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens the app list: everyone its public list; technology services and administrators the rest.
 */
@Component
class AppPages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers("/apps/approved", "/apps/approved.json", "/apps/approved/**").permitAll()
                .requestMatchers("/apps/**").hasAnyRole(roles(TECHNOLOGY, DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
