package org.steward.accounts;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * E-mailed links that work once: an invitation to set one's username and password (seven days), a password reset
 * (an hour). The token is 32 random bytes; only its SHA-256 is kept, so the table gives no working link away.
 */
@Component
class OneTimeLinks {

    enum Purpose {
        INVITATION(Duration.ofDays(7)), PASSWORD_RESET(Duration.ofHours(1));

        final Duration lasts;

        Purpose(Duration lasts) {
            this.lasts = lasts;
        }
    }

    /** A link still to be used: the account it is for. */
    record Link(String tokenHash, Purpose purpose, long districtId, long accountId, Timestamp expires) {

        Instant expiresAt() {
            return expires.toInstant();
        }
    }

    /** Why a link does not work, in words for whoever followed it. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OneTimeLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new link for the account; an earlier unused one of the same purpose stops working. */
    String issue(Purpose purpose, long districtId, long accountId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("update account_link set used_at = ? where account_id = ? and purpose = ? and used_at is null")
                .params(Timestamp.from(now), accountId, purpose.name()).update();
        jdbc.sql("""
                        insert into account_link (token_hash, purpose, district_id, account_id, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(hash(token), purpose.name(), districtId, accountId, Timestamp.from(now),
                        Timestamp.from(now.plus(purpose.lasts))).update();
        return token;
    }

    /** The link, if it is one of this purpose that is unused and has not expired; else why not. */
    Link valid(Purpose purpose, String token) {
        Optional<Link> link = jdbc.sql("""
                        select token_hash, purpose, district_id, account_id, expires_at as expires from account_link
                         where token_hash = ? and purpose = ? and used_at is null""")
                .params(hash(token), purpose.name()).query(Link.class).optional();
        if (link.isEmpty()) {
            throw new Refused("This link is not valid or was used already: each link works once. Ask for a new one.");
        }
        if (!link.get().expiresAt().isAfter(clock.instant())) {
            throw new Refused("This link expired on " + link.get().expiresAt() + " (a link lasts "
                    + (purpose == Purpose.INVITATION ? "seven days" : "an hour") + "). Ask for a new one.");
        }
        return link.get();
    }

    /** Uses the link up; refused when a concurrent request used it first. */
    void use(Link link) {
        if (jdbc.sql("update account_link set used_at = ? where token_hash = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), link.tokenHash()).update() != 1) {
            throw new Refused("This link was used already: each link works once.");
        }
    }

    static String hash(String token) {
        return DigestUtils.sha256Hex(token == null ? "" : token);
    }
}
