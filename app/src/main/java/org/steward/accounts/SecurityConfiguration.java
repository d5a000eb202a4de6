package org.steward.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Sign-in and the coarse rule of who may open which pages; each page then checks its records belong to the
 * signer's district. Browsers get a content security policy with no inline script and no framing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final String[] POLICY_EDITORS = {"DISTRICT_ADMIN", "HR", "COUNTY_ADMIN"};
    private static final String[] AUDIT_READERS = {"DISTRICT_ADMIN", "RECORDS", "INVESTIGATOR", "COUNTY_ADMIN"};
    private static final String[] ROSTER_KEEPERS = {"HR", "DISTRICT_ADMIN", "COUNTY_ADMIN"};
    private static final String[] CAMPAIGN_RUNNERS = {"HR", "DISTRICT_ADMIN", "COUNTY_ADMIN"};
    private static final String[] COMPLETION_READERS = {"HR", "SUPERVISOR", "DISTRICT_ADMIN", "COUNTY_ADMIN"};
    private static final String[] DEVICE_KEEPERS = {"TECHNOLOGY", "DISTRICT_ADMIN", "COUNTY_ADMIN"};
    private static final String[] DEVICE_READERS = {"TECHNOLOGY", "HR", "RECORDS", "INVESTIGATOR", "DISTRICT_ADMIN",
            "COUNTY_ADMIN"};
    private static final String[] MONITORING_KEEPERS = {"TECHNOLOGY", "DISTRICT_ADMIN", "COUNTY_ADMIN"};
    private static final String[] ACTIVITY_READERS = {"TECHNOLOGY", "INVESTIGATOR", "DISTRICT_ADMIN", "COUNTY_ADMIN"};
    private static final String[] STAFF_READERS = {"HR", "SUPERVISOR", "TECHNOLOGY", "RECORDS", "INVESTIGATOR",
            "DISTRICT_ADMIN", "COUNTY_ADMIN"};

    @Bean
    SecurityFilterChain web(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/setup/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                                "/error").permitAll()
                        .requestMatchers("/kiosk", "/kiosk/done", "/apps/approved", "/apps/approved.json",
                                "/apps/approved/**").permitAll()
                        .requestMatchers("/apps/**").hasAnyRole("TECHNOLOGY", "DISTRICT_ADMIN", "COUNTY_ADMIN")
                        // the events API is opened by a source's token, checked by the API itself
                        .requestMatchers(HttpMethod.POST, "/api/events").permitAll()
                        .requestMatchers("/activity/mine", "/activity/findings", "/activity/findings/*").authenticated()
                        .requestMatchers("/activity/people", "/activity/people.csv", "/activity/views",
                                "/activity/findings/*/triage").hasAnyRole("TECHNOLOGY", "INVESTIGATOR")
                        .requestMatchers("/activity/sources/**", "/activity/runs/**", "/activity/categories/**",
                                "/activity/leases/**", "/activity/settings/**", "/activity/rules", "/activity/rules/**",
                                "/activity/calendar", "/activity/backtests/*").hasAnyRole(MONITORING_KEEPERS)
                        .requestMatchers("/activity", "/activity/**").hasAnyRole(ACTIVITY_READERS)
                        .requestMatchers("/approvals/routes/**").hasAnyRole("DISTRICT_ADMIN", "COUNTY_ADMIN")
                        .requestMatchers("/kiosk/open").hasAnyRole(COMPLETION_READERS)
                        .requestMatchers("/acknowledgments/signature-page/**").hasAnyRole(CAMPAIGN_RUNNERS)
                        .requestMatchers(HttpMethod.POST, "/acknowledgments/campaigns/**").hasAnyRole(CAMPAIGN_RUNNERS)
                        .requestMatchers("/acknowledgments/campaigns/**").hasAnyRole(COMPLETION_READERS)
                        .requestMatchers(HttpMethod.POST, "/devices/*/confiscate").hasAnyRole("TECHNOLOGY",
                                "INVESTIGATOR", "DISTRICT_ADMIN", "COUNTY_ADMIN")
                        .requestMatchers(HttpMethod.POST, "/devices/*/access").hasAnyRole("TECHNOLOGY",
                                "INVESTIGATOR", "DISTRICT_ADMIN", "COUNTY_ADMIN")
                        .requestMatchers(HttpMethod.POST, "/devices/**").hasAnyRole(DEVICE_KEEPERS)
                        .requestMatchers("/devices/import/**", "/devices/handovers/new").hasAnyRole(DEVICE_KEEPERS)
                        .requestMatchers("/devices/**").hasAnyRole(DEVICE_READERS)
                        .requestMatchers("/audit/**", "/api/audit/**").hasAnyRole(AUDIT_READERS)
                        .requestMatchers("/districts/**").hasRole("COUNTY_ADMIN")
                        .requestMatchers("/staff/import/**", "/api/staff/import/**").hasAnyRole(ROSTER_KEEPERS)
                        .requestMatchers(HttpMethod.POST, "/staff/**", "/api/staff/**").hasAnyRole(ROSTER_KEEPERS)
                        .requestMatchers("/staff/**", "/api/staff/**").hasAnyRole(STAFF_READERS)
                        .requestMatchers(HttpMethod.GET, "/policies/import", "/policies/*/versions/*/clauses/*/edit")
                        .hasAnyRole(POLICY_EDITORS)
                        .requestMatchers(HttpMethod.POST, "/policies/**", "/api/policies/**").hasAnyRole(POLICY_EDITORS)
                        .anyRequest().authenticated())
                .formLogin(login -> login
                        .loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        // a locked username is told alike whether or not it has an account: no way to learn which do
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + (exception instanceof LockedException
                                        || throttle.wasLockedBeforeThisFailure(request.getParameter("username"))
                                        ? "/login?locked" : "/login?error")))
                        .permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/events"))
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        // sent on secure requests only (TLS, or behind a proxy that says so)
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
