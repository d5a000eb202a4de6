package org.steward.accounts;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.steward.audit.AuditLog;

/**
 * A sign-in with a passkey: Spring Security's relying party checks the signature, then the account is admitted
 * through {@link SignInGate} as every sign-in is, and the signed-in person is a {@link StewardUser} like any other
 * (Spring Security's own provider would make the principal the passkey's user entity). A person already signed in
 * (with a password, asked for a passkey) may only use one of their own: another account's passkey is refused.
 */
final class PasskeySignIn implements AuthenticationProvider {

    private final WebAuthnRelyingPartyOperations relyingParty;
    private final AccountDirectory directory;
    private final Passkeys passkeys;
    private final AuditLog audit;

    PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, AccountDirectory directory, Passkeys passkeys,
                  AuditLog audit) {
        this.relyingParty = relyingParty;
        this.directory = directory;
        this.passkeys = passkeys;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        var request = ((WebAuthnAuthenticationRequestToken) authentication).getWebAuthnRequest();
        Bytes credentialId = request.getPublicKey().getRawId();
        var owner = passkeys.ownerOf(credentialId).orElseThrow(() -> new BadCredentialsException(
                "Steward does not know this passkey: it may have been removed. Sign in with your password."));
        PublicKeyCredentialUserEntity entity;
        try {
            entity = relyingParty.authenticate(request);
        } catch (RuntimeException e) {
            audit.record(owner.districtId(), "SIGN_IN_FAILED", "account", owner.accountId(),
                    "passkey not accepted: " + e.getMessage());
            throw new BadCredentialsException("The passkey's answer was not accepted. Try again.", e);
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.getPrincipal() instanceof StewardUser signedIn
                && signedIn.accountId() != owner.accountId()) {
            audit.record(signedIn.homeDistrictId(), "SIGN_IN_FAILED", "account", signedIn.accountId(),
                    "a passkey of another account (" + owner.username() + ") was offered");
            throw new BadCredentialsException("That passkey belongs to another account, not to "
                    + signedIn.getUsername() + ". Use one of your own passkeys.");
        }
        StewardUser user = (StewardUser) directory.loadUserByUsername(entity.getName());
        if (!user.isEnabled()) {
            throw new DisabledException("This account cannot sign in. Ask your district administrator.");
        }
        if (!user.isAccountNonLocked()) {
            throw new LockedException("Too many failed sign-ins for this username. Wait 15 minutes and try again.");
        }
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
        String label = passkeys.labelOf(credentialId).orElse("?");
        audit.record(user.homeDistrictId(), "SIGNED_IN", "account", user.accountId(),
                user.getUsername() + " with passkey '" + label + "'");
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
