package org.steward.devices;

import static org.steward.accounts.PageRules.roles;
import static org.steward.accounts.Role.*;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;
import org.steward.accounts.PageRules;

/**
 * Who opens devices: technology services keeps the inventory; HR, records and investigators read it;
 * investigators also confiscate and open a device's content.
 */
@Component
class DevicePages implements PageRules {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers(HttpMethod.POST, "/devices/*/confiscate", "/devices/*/access")
                .hasAnyRole(roles(TECHNOLOGY, INVESTIGATOR, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers(HttpMethod.POST, "/devices/**")
                .hasAnyRole(roles(TECHNOLOGY, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/devices/import/**", "/devices/handovers/new")
                .hasAnyRole(roles(TECHNOLOGY, DISTRICT_ADMIN, COUNTY_ADMIN))
                .requestMatchers("/devices/**")
                .hasAnyRole(roles(TECHNOLOGY, HR, RECORDS, INVESTIGATOR, DISTRICT_ADMIN, COUNTY_ADMIN));
    }
}
