package org.steward.sso;

import java.util.Locale;
import java.util.Map;

/**
 * What the provider's ID token must say before Steward looks for the person on the roster: that the account is
 * the district's own (Google's {@code hd}, Entra's {@code tid}) and that its e-mail address is verified.
 */
final class ProviderClaims {

    sealed interface Verdict permits Verified, Refused {
    }

    /** The verified address, in lower case. */
    record Verified(String email) implements Verdict {
    }

    record Refused(String reason, String email) implements Verdict {
    }

    private ProviderClaims() {
    }

    static Verdict check(DistrictSso sso, Map<String, Object> claims) {
        String email = text(claims.get("email")).toLowerCase(Locale.ROOT);
        return sso.provider() == SsoProvider.GOOGLE ? google(sso, claims, email) : entra(sso, claims, email);
    }

    private static Verdict google(DistrictSso sso, Map<String, Object> claims, String email) {
        String hd = text(claims.get("hd")).toLowerCase(Locale.ROOT);
        if (hd.isEmpty()) {
            return new Refused("You signed in with a Google account that is not one of a Google Workspace "
                    + "organization (a personal account, perhaps). Sign in with your " + sso.hostedDomain()
                    + " account.", email);
        }
        if (!hd.equals(sso.hostedDomain())) {
            return new Refused("You signed in with a Google account of " + hd + "; this district signs in with "
                    + "accounts of " + sso.hostedDomain() + " only.", email);
        }
        if (email.isEmpty()) {
            return new Refused("Google did not send your e-mail address, which Steward needs to find you on the "
                    + "district's roster.", email);
        }
        if (!isTrue(claims.get("email_verified"))) {
            return new Refused("Google does not say that " + email + " is verified, so Steward cannot be sure it "
                    + "is yours.", email);
        }
        return new Verified(email);
    }

    // Microsoft's own guidance: email is optional and not verified by itself; xms_edov says that the address's
    // domain is verified by the tenant (docs/sign-in.md)
    private static Verdict entra(DistrictSso sso, Map<String, Object> claims, String email) {
        String tid = text(claims.get("tid")).toLowerCase(Locale.ROOT);
        if (!tid.equals(sso.tenantId())) {
            return new Refused("You signed in with an account of another Microsoft organization"
                    + (tid.isEmpty() ? "" : " (tenant " + tid + ")") + "; this district signs in with accounts of "
                    + "its own tenant, " + sso.tenantId() + ", only.", email);
        }
        if (email.isEmpty()) {
            return new Refused("Microsoft did not send your e-mail address: the district's app registration must "
                    + "add the optional claim 'email' to the ID token (docs/sign-in.md).", email);
        }
        if (!isTrue(claims.get("email_verified")) && !isTrue(claims.get("xms_edov"))) {
            return new Refused("Microsoft does not say that " + email + " is verified by your organization: the "
                    + "district's app registration must add the optional claim 'xms_edov' to the ID token, and "
                    + "the address's domain must be one the tenant verified (docs/sign-in.md).", email);
        }
        return new Verified(email);
    }

    private static boolean isTrue(Object claim) {
        return claim instanceof Boolean b ? b
                : claim != null && ("true".equalsIgnoreCase(claim.toString()) || "1".equals(claim.toString()));
    }

    private static String text(Object claim) {
        return claim == null ? "" : claim.toString().strip();
    }
}
