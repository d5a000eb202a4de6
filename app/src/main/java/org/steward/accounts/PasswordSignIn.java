package org.steward.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Sign-in with a username and password. A locked username is refused first, whatever the password (LoginThrottle);
 * then the password is checked, and only then {@link SignInGate} says whether the person may come in and why not,
 * so a closed account or suspended district is told only to someone who knows its password. A username without an
 * account, or an account without a password (invited, or single sign-on only), costs a hash comparison all the same
 * and is answered as a wrong password. As Spring Security's own password provider does, the signed-in person carries
 * the password factor ({@code FACTOR_PASSWORD}): the sessions page says how they signed in from it, and the
 * district's passkey rule (multi-factor authorization) counts it.
 */
@Component
class PasswordSignIn implements AuthenticationProvider {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final SignInGate gate;
    private final String decoy;

    PasswordSignIn(Accounts accounts, PasswordEncoder passwords, LoginThrottle throttle, SignInGate gate) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.gate = gate;
        this.decoy = passwords.encode("a password nobody has, compared so that every refusal takes as long");
    }

    @Override
    public Authentication authenticate(Authentication asked) {
        String username = asked.getName() == null ? "" : asked.getName().strip().toLowerCase(Locale.ROOT);
        String password = PasswordRules.normalized(asked.getCredentials() == null ? ""
                : asked.getCredentials().toString());
        if (throttle.isLocked(username)) {
            throw new LockedException("This username is locked for a while after too many failed sign-ins.");
        }
        var account = accounts.findByUsername(username);
        String hash = account.map(Account::passwordHash).orElse(null);
        if (hash == null) {
            passwords.matches(password, decoy);
            throw new BadCredentialsException("Wrong username or password.");
        }
        if (!passwords.matches(password, hash)) {
            throw new BadCredentialsException("Wrong username or password.");
        }
        StewardUser user = gate.admit(account.get(), false);
        user.eraseCredentials();
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        var signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        signedIn.setDetails(asked.getDetails());
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
