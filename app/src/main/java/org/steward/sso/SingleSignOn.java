package org.steward.sso;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;
import org.steward.accounts.SignInMethod;

import jakarta.servlet.http.HttpServletRequest;

/**
 * OpenID Connect sign-in with Spring Security's OAuth2 client: {@code /oauth2/authorization/{slug}} sends the
 * browser to the district's provider (with state, nonce and PKCE), {@code /login/oauth2/code/{slug}} takes the
 * answer. A district whose sign-in cannot start (none set up, the provider unreachable) falls through to a page
 * that says why ({@link SsoLoginController}), never to an error.
 */
@Component
class SingleSignOn implements SignInMethod {

    static final String START = "/oauth2/authorization";

    private final DistrictClientRegistrations registrations;
    private final SsoSignIn signIn;
    private final SsoOutcomes outcomes;

    SingleSignOn(DistrictClientRegistrations registrations, SsoSignIn signIn, SsoOutcomes outcomes) {
        this.registrations = registrations;
        this.signIn = signIn;
        this.outcomes = outcomes;
    }

    @Override
    public void configure(HttpSecurity http) throws Exception {
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                // the provider's tokens are not used after sign-in: they go with the session
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .authorizationEndpoint(start -> start.authorizationRequestResolver(startingRequests()))
                .userInfoEndpoint(user -> user.oidcUserService(signIn))
                .successHandler(outcomes)
                .failureHandler(outcomes));
    }

    private OAuth2AuthorizationRequestResolver startingRequests() {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, START);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                .andThen(this::googleDomainHint));
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (!path.startsWith(START + "/")) {
                    return null;
                }
                // a district whose sign-in cannot start is answered by a page, not by Spring's error
                return registrations.findByRegistrationId(path.substring(START.length() + 1)) == null ? null
                        : resolver.resolve(request);
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return registrations.findByRegistrationId(registrationId) == null ? null
                        : resolver.resolve(request, registrationId);
            }
        };
    }

    // Google's account chooser shows only the district's domain; hd in the ID token is still what is checked
    private void googleDomainHint(OAuth2AuthorizationRequest.Builder request) {
        request.attributes(attributes -> {
            Object slug = attributes.get("registration_id");
            if (slug != null && registrations.lookup(slug.toString()) instanceof DistrictClientRegistrations.Ready ready
                    && ready.sso().provider() == SsoProvider.GOOGLE) {
                request.additionalParameters(parameters -> parameters.put("hd", ready.sso().hostedDomain()));
            }
        });
    }
}
