package org.steward.sso;

import java.time.Clock;
import java.util.List;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.steward.accounts.Account;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.SignInGate;
import org.steward.accounts.StewardUser;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Admits the person a district's provider vouched for, once Spring Security has checked the ID token's signature,
 * issuer, audience, expiry and nonce: the account must be the district's own with a verified address
 * ({@link ProviderClaims}), the address that of one active person on the district's roster, and
 * {@link SignInGate} must let that person's account in. The ID token carries every claim needed (hd, tid, email,
 * its verification): no user-info call. Anything else is an {@link SsoRefused} saying why.
 */
@Component
class SsoSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final DistrictClientRegistrations registrations;
    private final StaffDirectory staff;
    private final AccountDirectory accounts;
    private final SignInGate gate;
    private final SsoIdentities identities;
    private final Clock clock;

    SsoSignIn(DistrictClientRegistrations registrations, StaffDirectory staff, AccountDirectory accounts,
              SignInGate gate, SsoIdentities identities, Clock clock) {
        this.registrations = registrations;
        this.staff = staff;
        this.accounts = accounts;
        this.gate = gate;
        this.identities = identities;
        this.clock = clock;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        String slug = request.getClientRegistration().getRegistrationId();
        if (!(registrations.lookup(slug) instanceof DistrictClientRegistrations.Ready ready)) {
            throw new SsoRefused("This district's single sign-on was turned off while you were signing in.", null,
                    false, null);
        }
        // Spring Security exchanges a code whose answer came to another district's address for the district that
        // started it; Steward refuses it, so that each district's address signs in to that district only
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                && !current.getRequest().getRequestURI().endsWith("/login/oauth2/code/" + slug)) {
            throw new SsoRefused(SsoOutcomes.inWords(new OAuth2AuthenticationException(
                    "invalid_redirect_uri_parameter"), ready.sso().provider().brand()), null, false, null);
        }
        OidcIdToken token = request.getIdToken();
        ProviderClaims.Verdict verdict = ProviderClaims.check(ready.sso(), token.getClaims());
        if (verdict instanceof ProviderClaims.Refused refused) {
            throw new SsoRefused(refused.reason(), refused.email(), false, null);
        }
        String email = ((ProviderClaims.Verified) verdict).email();
        long districtId = ready.district().id();
        List<StaffMember> onRoster = staff.withEmail(districtId, email);
        List<StaffMember> active = onRoster.stream().filter(StaffMember::isActive).toList();
        if (onRoster.isEmpty()) {
            throw new SsoRefused(email + " is not on the staff roster of " + ready.district().name()
                    + ", so Steward does not know who you are there.", email, true, null);
        }
        if (active.isEmpty()) {
            StaffMember left = onRoster.get(0);
            throw new SsoRefused("The roster of " + ready.district().name() + " says that " + left.fullName()
                    + " (" + email + ") left the district" + (left.separatedOn() == null ? ""
                    : " on " + left.separatedOn()) + ": a separated employee cannot sign in.", email, false, null);
        }
        if (active.size() > 1) {
            throw new SsoRefused("The roster of " + ready.district().name() + " gives " + email + " to "
                    + active.size() + " people, so Steward cannot tell which you are: HR corrects the roster.",
                    email, false, null);
        }
        StaffMember member = active.get(0);
        String via = "via SSO (" + ready.sso().provider().title() + ")";
        Account account = accounts.forSingleSignOn(districtId, member.id(), email, member.fullName(), via);
        StewardUser user;
        try {
            user = gate.admit(account, false); // the password throttle counts password guesses, not these
        } catch (DisabledException e) {
            throw new SsoRefused(e.getMessage(), email, false, account.id());
        }
        if (!user.isEnabled()) {
            throw new SsoRefused("Your Steward account in " + ready.district().name() + " is closed.", email, false,
                    account.id());
        }
        identities.signedIn(account.id(), districtId, token.getIssuer().toString(), token.getSubject(), email,
                clock.instant());
        return new SignedInThroughSso(user, token, email, ready.sso().provider());
    }
}
