package org.steward.sso;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.steward.accounts.StewardUser;

/**
 * The provider's person, admitted: carries the Steward principal that replaces it in the session once the sign-in
 * succeeds, so every page sees a {@link StewardUser} however its person signed in.
 */
final class SignedInThroughSso extends DefaultOidcUser {

    private final StewardUser user;
    private final String email;
    private final SsoProvider provider;

    SignedInThroughSso(StewardUser user, OidcIdToken idToken, String email, SsoProvider provider) {
        super(user.getAuthorities(), idToken);
        this.user = user;
        this.email = email;
        this.provider = provider;
    }

    StewardUser user() {
        return user;
    }

    String email() {
        return email;
    }

    SsoProvider provider() {
        return provider;
    }
}
