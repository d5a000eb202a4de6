package org.steward.accounts;

import java.io.IOException;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationManagerFactories;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.steward.audit.AuditLog;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys (Spring Security's WebAuthn, stored with its JDBC repositories), the district's rule that some roles use
 * one (Spring Security's multi-factor authorization: a missing {@code FACTOR_WEBAUTHN} sends the person to
 * {@value #PASSKEY_NEEDED}), and the registry of signed-in sessions. {@link SecurityConfiguration} applies
 * {@link #configure} to its filter chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableMultiFactorAuthentication(authorities = {})
class PasskeysAndSessions {

    static final String PASSKEY_NEEDED = "/account/passkey-needed";

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, Passkeys passkeys) {
        return passkeys.credentials(new JdbcUserCredentialRepository(jdbc));
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingParty(PublicKeyCredentialUserEntityRepository users,
                                                UserCredentialRepository credentials, Environment environment) {
        return new RelyingParty(users, credentials, environment);
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry (and {@link SignInSessions}) of sessions the server ends or renames. */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /**
     * Every rule that asks for a signed-in person or a role also asks for a passkey sign-in from the people the
     * district's rule names; pages left open to them ({@link SignInPages}) bypass it.
     */
    @Bean
    AuthorizationManagerFactory<RequestAuthorizationContext> authorizationManagerFactory(
            PasskeyRequirement requirement) {
        return AuthorizationManagerFactories.<RequestAuthorizationContext>multiFactor()
                .requireFactors(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
                .when(authentication -> authentication != null && authentication.isAuthenticated()
                        && authentication.getPrincipal() instanceof StewardUser user && requirement.appliesTo(user))
                .build();
    }

    /** Adds passkey sign-in and registration, the passkey step and the session registry to the filter chain. */
    static void configure(HttpSecurity http, SessionRegistry sessions, AccountDirectory directory,
                          WebAuthnRelyingPartyOperations relyingParty, Passkeys passkeys, AuditLog audit,
                          SignInSessions signedIn) {
        JsonMapper json = JsonMapper.builder().build();
        // before Spring Security's registration filter, added after the authorization filter when the chain is built
        http.addFilterAfter(new PasskeyRegistrationRefusals(), AuthorizationFilter.class);
        http.addFilterAfter(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                signedIn.seen(request);
                chain.doFilter(request, response);
            }
        }, SecurityContextHolderAwareRequestFilter.class);
        http.webAuthn(webAuthn -> webAuthn
                        // the relying party is the bean above, named after steward.base-url; Steward's own pages register and list passkeys; Spring's page has inline script
                        .disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationManager(new ProviderManager(
                                        new PasskeySignIn(relyingParty, directory, passkeys, audit)));
                                // as for a password: a new session id, and the session registered
                                filter.setSessionAuthenticationStrategy(
                                        http.getSharedObject(SessionAuthenticationStrategy.class));
                                filter.setAuthenticationFailureHandler((request, response, failure) -> {
                                    response.setStatus(401);
                                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                                    response.getWriter().write(json.writeValueAsString(
                                            Map.of("message", failure.getMessage())));
                                });
                                return filter;
                            }
                        }))
                .sessionManagement(session -> session.sessionConcurrency(concurrency -> concurrency
                        .maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login?ended")))
                .exceptionHandling(exceptions -> exceptions.defaultDeniedHandlerForMissingAuthority(
                        entryPoints -> entryPoints.addEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(PASSKEY_NEEDED), AnyRequestMatcher.INSTANCE),
                        FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
    }

}
