package org.steward.accounts;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.steward.audit.AuditLog;

/**
 * Sign-in and the coarse rule of who may open which pages, each module giving its own ({@link PageRules}); each
 * page then checks its records belong to the signer's district. Browsers get a content security policy with no
 * inline script and no framing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain web(HttpSecurity http, LoginThrottle throttle, List<PageRules> modules,
                           List<SignInMethod> methods, SessionRegistry sessions, AccountDirectory directory,
                           WebAuthnRelyingPartyOperations relyingParty, Passkeys passkeys, AuditLog audit,
                           SignInSessions signedIn) throws Exception {
        PasskeysAndSessions.configure(http, sessions, directory, relyingParty, passkeys, audit, signedIn);
        http.authorizeHttpRequests(pages -> {
                    pages.requestMatchers("/login", "/setup/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                            "/error").permitAll()
                            .requestMatchers("/districts/**").hasRole(Role.COUNTY_ADMIN.name());
                    modules.forEach(module -> module.authorize(pages));
                    pages.anyRequest().authenticated();
                })
                .formLogin(login -> login
                        .loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        // a locked username is told alike whether or not it has an account: no way to learn which do
                        .failureHandler((request, response, exception) -> {
                            // refused by SignInGate, after the right password: the sign-in page says why
                            if (exception instanceof DisabledException) {
                                request.getSession().setAttribute(LoginController.REFUSAL, exception.getMessage());
                                response.sendRedirect(request.getContextPath() + "/login?refused");
                                return;
                            }
                            response.sendRedirect(
                                request.getContextPath() + (exception instanceof LockedException
                                        || throttle.wasLockedBeforeThisFailure(request.getParameter("username"))
                                        ? "/login?locked" : "/login?error"));
                        })
                        .permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(modules.stream()
                        .flatMap(module -> module.withoutCsrfToken().stream()).toArray(String[]::new)))
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        // sent on secure requests only (TLS, or behind a proxy that says so)
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()")));
        for (SignInMethod method : methods) {
            method.configure(http);
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
