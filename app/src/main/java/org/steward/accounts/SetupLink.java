package org.steward.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.steward.audit.AuditLog;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.springframework.transaction.annotation.Transactional;


/**
 * An installation starts with no password at all: on first start with an empty database Steward prints a link,
 * usable once, that creates the first administrator. Only its hash is stored.
 */
@Component
class SetupLink {

    private static final Logger log = LoggerFactory.getLogger(SetupLink.class);

    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final Environment environment;
    private final Districts districts;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SetupLink(JdbcClient jdbc, AccountDirectory accounts, Environment environment, Districts districts,
              AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.environment = environment;
        this.districts = districts;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void offerSetup() {
        if (!accounts.isEmpty() || environment.getProperty("steward.demo.enabled", Boolean.class, false)) {
            return;
        }
        String token = issue();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = environment.getProperty("steward.base-url", "http://localhost:" + port);
        log.warn("""

                ================================================================================
                 Steward has no administrator yet. Open this link, once, to create the first one:
                   {}/setup/{}
                ================================================================================""", base, token);
    }

    @Transactional
    String issue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("delete from setup_token where used_at is null").update();
        jdbc.sql("insert into setup_token (token_hash, created_at) values (?, ?)")
                .params(hash(token), java.sql.Timestamp.from(clock.instant())).update();
        return token;
    }

    boolean isValid(String token) {
        return accounts.isEmpty() && jdbc.sql("select count(*) from setup_token where token_hash = ? and used_at is null")
                .param(hash(token)).query(Long.class).single() == 1;
    }

    /** Marks the token used; false when it was not valid (or already used by a concurrent request). */
    boolean redeem(String token) {
        return jdbc.sql("update setup_token set used_at = ? where token_hash = ? and used_at is null")
                .params(java.sql.Timestamp.from(clock.instant()), hash(token)).update() == 1;
    }

    /** Creates the first district and its administrator, and uses up the link; all of it or nothing. */
    @Transactional
    void createFirstAdministrator(String token, String districtName, String districtSlug, String username,
                                  String displayName, String password) {
        String slug = districtSlug.strip().toLowerCase(Locale.ROOT);
        if (!slug.matches("[a-z0-9-]{2,40}")) {
            throw new IllegalArgumentException("The district's short name has 2 to 40 letters, digits or dashes.");
        }
        if (districtName.isBlank() || displayName.isBlank()) {
            throw new IllegalArgumentException("Give the district's name and yours.");
        }
        if (!redeem(token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This setup link is not valid or was used.");
        }
        District district = districts.save(District.named(slug, districtName.strip(), clock.instant()));
        accounts.create(district.id(), username, password, displayName.strip(), null, null,
                EnumSet.of(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN));
        audit.record(district.id(), "INSTALLATION_SET_UP", "district", district.id(),
                "first administrator " + username.strip().toLowerCase(Locale.ROOT));
    }

    static String hash(String token) {
        return DigestUtils.sha256Hex(token == null ? "" : token);
    }
}
