package org.steward.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The secret the audit chain's links and checkpoints are keyed with (HMAC-SHA256). It is never in the database: the
 * operator gives it ({@code STEWARD_AUDIT_KEY}, 32 bytes or more as hex), or Steward makes one on its first start in
 * a file only its user may read ({@code STEWARD_AUDIT_KEY_FILE}, default {@code data/audit.key}). Someone who can
 * change the database but not read the key cannot write a link that verifies, so removing an entry and recomputing
 * the chain after it is found.
 */
@Component
class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

    private final HmacUtils hmac;

    AuditKey(@Value("${steward.audit.key:}") String key,
             @Value("${steward.audit.key-file:${steward.db.data-dir:data}/audit.key}") Path keyFile) {
        this.hmac = new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key.isBlank() ? fromFile(keyFile) : parse(key));
    }

    String mac(String text) {
        return hmac.hmacHex(text);
    }

    private static byte[] parse(String hex) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("STEWARD_AUDIT_KEY is hex digits (64 or more): " + e.getMessage());
        }
        if (key.length < 32) {
            throw new IllegalStateException("STEWARD_AUDIT_KEY is too short: 32 bytes (64 hex digits) or more");
        }
        return key;
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = Files.createFile(file);
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                log.warn("Cannot make {} readable by its owner only on this file system", file);
            }
            Files.writeString(written, HexFormat.of().formatHex(key), StandardCharsets.UTF_8);
            log.warn("Made the audit chain's key in {}: keep a copy apart from the database and its backups, or give "
                    + "the server STEWARD_AUDIT_KEY", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the audit key " + file, e);
        }
    }
}
