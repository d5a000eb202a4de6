package org.steward.accounts;

import static org.steward.accounts.PageRules.roles;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who opens the pages of passkeys and sessions. A person the district's rule asks for a passkey reaches only the
 * passkey step (and makes their first passkey there) until they use one; everything else, their own passkeys and
 * sessions included, asks for it.
 */
@Component
class SignInPages implements PageRules {

    private final Passkeys passkeys;
    private final PasskeyRequirement requirement;

    SignInPages(Passkeys passkeys, PasskeyRequirement requirement) {
        this.passkeys = passkeys;
        this.requirement = requirement;
    }

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages.requestMatchers(PasskeysAndSessions.PASSKEY_NEEDED)
                .access(AuthenticatedAuthorizationManager.authenticated())
                .requestMatchers(HttpMethod.POST, "/webauthn/register").access(mayRegister())
                .requestMatchers("/accounts/sign-in", "/accounts/*/sessions", "/accounts/*/sessions/**",
                        "/accounts/*/passkeys/**")
                .hasAnyRole(roles(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN))
                .requestMatchers("/account/**").authenticated();
    }

    /**
     * A new passkey: anyone signed in, except that a person whom the rule asks for a passkey, signed in without one,
     * may make only their first (else a stolen password would make the thief a passkey of their own).
     */
    private AuthorizationManager<RequestAuthorizationContext> mayRegister() {
        return (authentication, context) -> {
            var signedIn = authentication.get();
            if (signedIn == null || !signedIn.isAuthenticated() || !(signedIn.getPrincipal() instanceof StewardUser user)) {
                return new AuthorizationDecision(false);
            }
            boolean usedPasskey = signedIn.getAuthorities().stream()
                    .anyMatch(a -> FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(a.getAuthority()));
            return new AuthorizationDecision(usedPasskey || !requirement.appliesTo(user)
                    || !passkeys.hasAny(user.accountId()));
        };
    }
}
