package org.steward.accounts;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's registration filter lets the relying party's refusals out as exceptions (an answer that does
 * not verify, a passkey saved already), which would be server errors: here they are 400 with the reason in words,
 * and nothing is saved.
 */
final class PasskeyRegistrationRefusals extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PasskeyRegistrationRefusals.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && (request.getContextPath() + "/webauthn/register").equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            log.info("A passkey was not registered: {}", e.toString());
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String reason = e.getMessage() != null && e.getMessage().contains("already exists")
                    ? "This device's passkey for your account is saved already: use it."
                    : "The device's answer could not be verified, so no passkey was saved. Try again.";
            response.getWriter().write(JSON.writeValueAsString(Map.of("message", reason)));
        }
    }
}
