package org.steward.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #ALLOWED_FAILURES} failed sign-ins for a username, that username is
 * locked for {@link #LOCK}, whatever password comes next.
 */
@Component
class LoginThrottle {

    static final int ALLOWED_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean isLocked(String username) {
        Failures f = failures.get(key(username));
        if (f == null) {
            return false;
        }
        if (f.last().plus(LOCK).isBefore(clock.instant())) {
            failures.remove(key(username), f);
            return false;
        }
        return f.count() >= ALLOWED_FAILURES;
    }

    /**
     * Whether the username was locked before the failed sign-in just counted: what a username without an account is
     * told, as one with an account is told when its lock refuses the sign-in.
     */
    boolean wasLockedBeforeThisFailure(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.count() > ALLOWED_FAILURES && !f.last().plus(LOCK).isBefore(clock.instant());
    }

    @EventListener
    @org.springframework.core.annotation.Order(0) // counted before SignInAudit says whether this failure locked
    void on(AuthenticationFailureBadCredentialsEvent event) {
        failures.merge(key(event.getAuthentication().getName()), new Failures(1, clock.instant()),
                (old, one) -> new Failures(old.count() + 1, one.last()));
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        failures.remove(key(event.getAuthentication().getName()));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
