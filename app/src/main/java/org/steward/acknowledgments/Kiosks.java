package org.steward.acknowledgments;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.audit.AuditLog;

/**
 * Kiosks for professional-development days: a supervisor opens one on a shared screen, and staff sign one after
 * another, each signing in with their own account and signed out as soon as they have signed. The browser holds
 * the kiosk's token in a cookie; the database keeps only its hash.
 */
@Service
public class Kiosks {

    /** At a kiosk a session ends after three idle minutes, not thirty: someone who walks away is signed out. */
    public static final int IDLE_SECONDS = 180;

    static final String COOKIE = "steward-kiosk";
    static final Duration LIFETIME = Duration.ofHours(10);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Campaigns campaigns;
    private final SecureRandom random = new SecureRandom();

    Kiosks(JdbcClient jdbc, AuditLog audit, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.campaigns = campaigns;
    }

    /** Opens a kiosk for the district; the token for the browser's cookie. */
    public String open(long districtId, String by) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Instant now = campaigns.now();
        long id = jdbc.sql("""
                        insert into ack_kiosk (district_id, token_hash, opened_by, opened_at, expires_at)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(districtId, DigestUtils.sha256Hex(token), by, Timestamp.from(now),
                        Timestamp.from(now.plus(LIFETIME)))
                .query(Long.class).single();
        audit.record(districtId, "ACK_KIOSK_OPENED", "ack_kiosk", id, "open until " + now.plus(LIFETIME));
        return token;
    }

    /** The kiosk this browser is, when its cookie names an open kiosk of the district; else empty. */
    public Optional<Long> current(HttpServletRequest request, long districtId) {
        return token(request).flatMap(token -> jdbc.sql("""
                        select id from ack_kiosk where token_hash = ? and district_id = ? and expires_at > ?""")
                .params(DigestUtils.sha256Hex(token), districtId, Timestamp.from(campaigns.now()))
                .query(Long.class).optional());
    }

    /** Whether this browser holds an open kiosk of any district (before anyone has signed in). */
    public boolean isKiosk(HttpServletRequest request) {
        return token(request).flatMap(token -> jdbc.sql(
                        "select id from ack_kiosk where token_hash = ? and expires_at > ?")
                .params(DigestUtils.sha256Hex(token), Timestamp.from(campaigns.now()))
                .query(Long.class).optional()).isPresent();
    }

    private static Optional<String> token(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue().matches("[0-9a-f]{64}")) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
