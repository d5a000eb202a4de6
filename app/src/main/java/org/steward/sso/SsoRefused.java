package org.steward.sso;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Steward's own refusal of a sign-in the provider vouched for: the reason in words, the address the provider
 * gave, and whether the refusal is that the address is not on the district's roster (then the page names whom to
 * ask).
 */
final class SsoRefused extends OAuth2AuthenticationException {

    static final String CODE = "steward_refused";

    private final String email;
    private final boolean notOnRoster;
    private final Long accountId;

    SsoRefused(String reason, String email, boolean notOnRoster, Long accountId) {
        super(new OAuth2Error(CODE, reason, null), reason);
        this.email = email;
        this.notOnRoster = notOnRoster;
        this.accountId = accountId;
    }

    String reason() {
        return getError().getDescription();
    }

    String email() {
        return email;
    }

    boolean notOnRoster() {
        return notOnRoster;
    }

    Long accountId() {
        return accountId;
    }
}
