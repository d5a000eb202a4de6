package org.steward.sso;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Seals the districts' client secrets with AES-GCM (Spring Security Crypto) under the operator's key, given as
 * {@code steward.sso.secret-key} ({@code STEWARD_SSO_SECRET_KEY}): 64 hex digits, such as
 * {@code openssl rand -hex 32} makes. The key is never in the database, so a copy of the database alone does not
 * give the secrets away. Without a key no secret is taken.
 */
@Component
class ClientSecrets {

    /** Said wherever a secret cannot be kept or read for want of the key. */
    static final String NO_KEY = "Steward has no key to keep client secrets with: the operator sets "
            + "STEWARD_SSO_SECRET_KEY (the property steward.sso.secret-key) to 64 hex digits, made with "
            + "'openssl rand -hex 32', and restarts Steward (docs/sign-in.md).";

    private final BytesEncryptor box;

    ClientSecrets(@Value("${steward.sso.secret-key:}") String key) {
        this.box = key.isBlank() ? null : new AesBytesEncryptor(new SecretKeySpec(parse(key.strip()), "AES"),
                KeyGenerators.secureRandom(16), AesBytesEncryptor.CipherAlgorithm.GCM);
    }

    private static byte[] parse(String key) {
        if (!key.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException("steward.sso.secret-key (STEWARD_SSO_SECRET_KEY) must be 64 hex digits, "
                    + "a 256-bit key such as 'openssl rand -hex 32' makes; it has " + key.length() + " characters.");
        }
        return HexFormat.of().parseHex(key);
    }

    boolean haveKey() {
        return box != null;
    }

    byte[] seal(String secret) {
        if (box == null) {
            throw new IllegalStateException(NO_KEY);
        }
        return box.encrypt(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret, or a refusal in words when the key is missing or is not the one it was sealed with. */
    String open(byte[] sealed) {
        if (box == null) {
            throw new IllegalStateException(NO_KEY);
        }
        try {
            return new String(box.decrypt(sealed), StandardCharsets.UTF_8);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalStateException("Steward cannot read the district's client secret: it was kept under "
                    + "another key than STEWARD_SSO_SECRET_KEY now holds. The district administrator enters the "
                    + "secret again on the sign-in settings page.", e);
        }
    }
}
