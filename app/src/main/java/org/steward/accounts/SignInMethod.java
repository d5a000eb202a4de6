package org.steward.accounts;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A way of signing in besides the password form (single sign-on), a bean of the module that offers it, added to the
 * one filter chain so that its sign-ins pass the same headers, sessions and page rules as every other.
 */
public interface SignInMethod {

    void configure(HttpSecurity http) throws Exception;
}
