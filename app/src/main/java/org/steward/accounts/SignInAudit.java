package org.steward.accounts;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.steward.audit.AuditLog;

/**
 * Every sign-in, failed sign-in and lock goes to the district's audit trail, whichever way the person signed in. A
 * username without an account belongs to no district's trail: it is written to the server's log instead.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    SignInAudit(Accounts accounts, LoginThrottle throttle, AuditLog audit) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StewardUser user) {
            audit.record(user.districtId(), "SIGNED_IN", "account", user.accountId(), user.getUsername()
                    + " signed in " + how(event.getAuthentication().getClass().getSimpleName())
                    + (user.mayOnlySign() ? ", only to sign the acknowledgment (" + user.onlyToSign() + ")" : ""));
        }
    }

    /** After LoginThrottle has counted the failure, so that the failure that locks the username says so. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureProviderNotFoundEvent) {
            // a sign-in this manager has no provider for (single sign-on's, asked of the parent manager after its
            // own refused it): SsoOutcomes audits the refusal with its reason
            return;
        }
        String username = event.getAuthentication().getName() == null ? ""
                : event.getAuthentication().getName().strip().toLowerCase(Locale.ROOT);
        var account = accounts.findByUsername(username);
        if (account.isEmpty()) {
            log.info("Failed sign-in for a username without an account ({}): {}", username.length() > 64
                    ? username.substring(0, 64) : username, event.getException().getClass().getSimpleName());
            return;
        }
        long district = account.get().districtId();
        long id = account.get().id();
        if (event instanceof AuthenticationFailureLockedEvent) {
            audit.record(district, "SIGN_IN_LOCKED", "account", id, username
                    + " tried to sign in while locked after " + LoginThrottle.ALLOWED_FAILURES + " failures");
        } else if (event instanceof AuthenticationFailureDisabledEvent) {
            audit.record(district, "SIGN_IN_FAILED", "account", id, username + " was refused: "
                    + event.getException().getMessage());
        } else if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            audit.record(district, "SIGN_IN_FAILED", "account", id, username + ": wrong password");
            if (throttle.isLocked(username) && !throttle.wasLockedBeforeThisFailure(username)) {
                audit.record(district, "SIGN_IN_LOCKED", "account", id, username + " locked for "
                        + LoginThrottle.LOCK.toMinutes() + " minutes after " + LoginThrottle.ALLOWED_FAILURES
                        + " failed sign-ins");
            }
        } else {
            audit.record(district, "SIGN_IN_FAILED", "account", id, username + ": "
                    + event.getException().getMessage());
        }
    }

    private static String how(String authentication) {
        return authentication.startsWith("UsernamePassword") ? "with a password"
                : authentication.startsWith("OAuth2") ? "through single sign-on"
                : authentication.startsWith("WebAuthn") ? "with a passkey" : "(" + authentication + ")";
    }
}
