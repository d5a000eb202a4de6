package org.steward.sso;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What follows the provider's answer. A sign-in: the session holds the {@link StewardUser} (as after a password
 * sign-in) and the audit trail says SIGNED_IN via SSO. A refusal: the audit trail says SIGN_IN_FAILED and why,
 * and the browser goes to a page that says why in words.
 */
@Component
class SsoOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final String CALLBACK = "/login/oauth2/code/";

    private final DistrictClientRegistrations registrations;
    private final AuditLog audit;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SavedRequestAwareAuthenticationSuccessHandler onwards = new SavedRequestAwareAuthenticationSuccessHandler();

    SsoOutcomes(DistrictClientRegistrations registrations, AuditLog audit) {
        this.registrations = registrations;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, jakarta.servlet.ServletException {
        SignedInThroughSso person = (SignedInThroughSso) authentication.getPrincipal();
        StewardUser user = person.user();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                authorities(user, authentication)));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().removeAttribute(Refusal.SESSION_ATTRIBUTE);
        audit.record(user.districtId(), "SIGNED_IN", "account", user.accountId(),
                "via SSO (" + person.provider().title() + ") as " + person.email());
        onwards.onAuthenticationSuccess(request, response, context.getAuthentication());
    }

    /**
     * The person's roles and the factors of the sign-in: the provider's authorization code (as Spring Security's
     * OAuth 2.0 login records it) and any Spring Security kept from an earlier sign-in in this session.
     */
    private static List<GrantedAuthority> authorities(StewardUser user, Authentication authentication) {
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authentication.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .forEach(authorities::add);
        if (authorities.stream().noneMatch(a -> FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY
                .equals(a.getAuthority()))) {
            authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
        }
        return authorities;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String slug = path.startsWith(CALLBACK) ? path.substring(CALLBACK.length()) : null;
        var lookup = registrations.lookup(slug);
        var district = lookup instanceof DistrictClientRegistrations.Ready ready ? ready.district()
                : ((DistrictClientRegistrations.Unavailable) lookup).district();
        String brand = lookup instanceof DistrictClientRegistrations.Ready ready ? ready.sso().provider().brand()
                : "the provider";
        String title = lookup instanceof DistrictClientRegistrations.Ready ready ? ready.sso().provider().title()
                : "unavailable";
        SsoRefused refused = exception instanceof SsoRefused r ? r : null;
        String reason = refused != null ? refused.reason()
                : lookup instanceof DistrictClientRegistrations.Unavailable unavailable ? unavailable.reason()
                : inWords(exception, brand);
        if (district != null) {
            audit.record(district.id(), "SIGN_IN_FAILED", "account",
                    refused != null && refused.accountId() != null ? refused.accountId() : "",
                    "via SSO (" + title + ")" + (refused != null && refused.email() != null && !refused.email().isEmpty()
                            ? " as " + refused.email() : "") + ": " + reason);
        }
        request.getSession().setAttribute(Refusal.SESSION_ATTRIBUTE, new Refusal(slug,
                district == null ? null : district.id(), reason, refused != null && refused.notOnRoster(),
                refused == null ? null : refused.email()));
        response.sendRedirect(request.getContextPath() + (district == null ? "/login/sso/refused"
                : "/login/" + district.slug() + "/refused"));
    }

    /** Spring Security's refusals of the provider's answer, said as a person would understand them. */
    static String inWords(AuthenticationException exception, String brand) {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
        String description = exception instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null ? oauth.getError().getDescription() : "";
        return switch (code) {
            case "authorization_request_not_found" -> "This answer from " + brand + " was already used, or is "
                    + "for a sign-in this browser did not start (opened twice, from an old bookmark, or in another "
                    + "browser). Nothing was signed in: start again.";
            case "invalid_redirect_uri_parameter" -> "The answer from " + brand + " came back to another "
                    + "district's sign-in than the one this browser started. Nothing was signed in: start again "
                    + "from your own district's sign-in page.";
            case "invalid_state_parameter" -> "The answer from " + brand + " does not belong to the sign-in "
                    + "this browser started. Nothing was signed in: start again.";
            case "invalid_id_token" -> description.toLowerCase(Locale.ROOT).contains("expired")
                    ? "The sign-in from " + brand + " had expired before it reached Steward. Start again."
                    : "The sign-in from " + brand + " could not be trusted (" + description + "). Nothing was "
                    + "signed in.";
            case "invalid_nonce" -> "The sign-in from " + brand + " was not the one this browser started "
                    + "(a replayed token). Nothing was signed in: start again.";
            case "access_denied" -> "The sign-in was cancelled or refused at " + brand + ".";
            case "invalid_token_response", "invalid_grant", "invalid_client", "unauthorized_client" ->
                    brand + " did not accept Steward's sign-in (" + (description.isEmpty() ? code : description)
                    + "): the district's client id or secret may be wrong; its administrators check the sign-in "
                    + "settings.";
            default -> "The sign-in through " + brand + " did not go through"
                    + (description.isEmpty() && code.isEmpty() ? "." : " (" + (description.isEmpty() ? code
                    : description) + ").") + " Nothing was signed in: start again.";
        };
    }
}
