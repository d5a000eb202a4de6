package org.steward.accounts;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * One module's rule of who may open its pages, a bean each module with pages declares. The sign-in's one filter
 * chain applies every module's rules (their paths do not overlap), then asks a signed-in person for anything else;
 * each page still checks that its records belong to the signer's district.
 */
public interface PageRules {

    /** Adds the module's path matchers, most specific first. */
    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages);

    /** Paths that carry no CSRF token because something else proves who calls them (an API token). */
    default List<String> withoutCsrfToken() {
        return List.of();
    }

    /** The names Spring Security's {@code hasAnyRole} takes. */
    static String[] roles(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
