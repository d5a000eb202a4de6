package org.steward.sso;

import java.util.List;
import java.util.Map;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.oauth2.sdk.TokenRequest;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * A real OpenID Connect provider in the tests' JVM (NAV's mock-oauth2-server on a free port of this machine),
 * standing in for Google at the issuer {@code /google} and for every Entra tenant at {@code /{tenant}}. Steward's
 * issuers point at it; each test says what the next ID token claims with {@link #nextToken}.
 */
public final class MockIdentityProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The key the tests' Steward seals client secrets with; never a real one. */
    public static final String SECRET_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static MockOAuth2Server server;

    static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
            MockOAuth2Server started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String google = server().issuerUrl("google").toString();
        String base = google.substring(0, google.length() - "google".length());
        TestPropertyValues.of("steward.sso.google-issuer=" + google, "steward.sso.entra-issuer=" + base + "{tenant}",
                "steward.sso.secret-key=" + SECRET_KEY).applyTo(context);
    }

    /**
     * The ID token the issuer gives at its next token request: exactly these claims (beside sub, iss, aud, iat,
     * exp and the nonce), expiring {@code expiresIn} seconds after it is issued (negative: already expired).
     */
    public static void nextToken(String issuerId, String subject, Map<String, Object> claims, long expiresIn) {
        server().enqueueCallback(new OAuth2TokenCallback() {
            @Override
            public String issuerId() {
                return issuerId;
            }

            @Override
            public String subject(TokenRequest request) {
                return subject;
            }

            @Override
            public String typeHeader(TokenRequest request) {
                return "JWT";
            }

            @Override
            public List<String> audience(TokenRequest request) {
                return List.of("steward");
            }

            @Override
            public Map<String, Object> addClaims(TokenRequest request) {
                return claims;
            }

            @Override
            public long tokenExpiry() {
                return expiresIn;
            }
        });
    }
}
