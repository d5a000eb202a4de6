package org.steward.accounts;

import java.net.URI;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Steward as a WebAuthn relying party, named after the address people open it at ({@code steward.base-url}): its
 * host is the passkeys' relying party id and its origin the only one they are accepted from. Without that setting
 * the address is {@code http://localhost:<port>}, known once the server listens, so the parts are made at first use.
 */
final class RelyingParty implements WebAuthnRelyingPartyOperations {

    static final String NAME = "Steward";

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository userCredentials;
    private final Environment environment;
    private volatile Webauthn4JRelyingPartyOperations operations;

    RelyingParty(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository userCredentials,
                 Environment environment) {
        this.userEntities = userEntities;
        this.userCredentials = userCredentials;
        this.environment = environment;
    }

    /** The address Steward is opened at, as printed links use it. */
    String baseUrl() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = environment.getProperty("steward.base-url", "http://localhost:" + port);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private Webauthn4JRelyingPartyOperations operations() {
        Webauthn4JRelyingPartyOperations made = operations;
        if (made == null) {
            URI base = URI.create(baseUrl());
            String origin = base.getScheme() + "://" + base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
            made = new Webauthn4JRelyingPartyOperations(userEntities, userCredentials,
                    PublicKeyCredentialRpEntity.builder().id(base.getHost()).name(NAME).build(), Set.of(origin));
            operations = made;
        }
        return made;
    }

    @Override
    public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
            PublicKeyCredentialCreationOptionsRequest request) {
        return operations().createPublicKeyCredentialCreationOptions(request);
    }

    @Override
    public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
        return operations().registerCredential(request);
    }

    @Override
    public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
            PublicKeyCredentialRequestOptionsRequest request) {
        return operations().createCredentialRequestOptions(request);
    }

    @Override
    public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
        return operations().authenticate(request);
    }
}
