package org.steward.activity;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/** Where a district's activity comes from, each configured by technology services. */
@Service
public class Sources {

    public enum Kind {
        UPLOAD("Uploaded files"), FOLDER("Watched folder"), SYSLOG("Syslog receiver"), API("Events API");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public enum Format {
        SQUID("Squid access.log (also in a syslog header, also gzip)"), JSON_LINES("Steward JSON lines");

        private final String title;

        Format(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public record Source(long id, long districtId, String name, Kind kind, Format format, String folder,
                         Instant tokenIssuedAt, Instant tokenRevokedAt, String createdBy, Instant createdAt) {

        public boolean hasLiveToken() {
            return tokenIssuedAt != null && tokenRevokedAt == null;
        }
    }

    /** Why a change was not made. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final String COLUMNS = "id, district_id, name, kind, format, folder, token_issued_at, "
            + "token_revoked_at, created_by, created_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Sources(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Source create(long districtId, String name, Kind kind, Format format, String folder, String by) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new Refused("A source needs a name of up to 100 characters.");
        }
        if (kind == Kind.FOLDER && (folder == null || folder.isBlank())) {
            throw new Refused("A watched folder source needs the folder's path.");
        }
        try {
            long id = jdbc.sql("insert into activity_source (district_id, name, kind, format, folder, created_by, "
                            + "created_at) values (?, ?, ?, ?, ?, ?, ?) returning id")
                    .params(districtId, name.strip(), kind.name(), format.name(),
                            kind == Kind.FOLDER ? folder.strip() : null, by, Timestamp.from(clock.instant()))
                    .query(Long.class).single();
            audit.record(districtId, "ACTIVITY_SOURCE_ADDED", "activity_source", id,
                    name.strip() + " (" + kind.title() + ", " + format.name() + ") by " + by);
            return find(districtId, id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new Refused("There is already a source named " + name.strip() + ".");
        }
    }

    public List<Source> all(long districtId) {
        return jdbc.sql("select " + COLUMNS + " from activity_source where district_id = ? order by name")
                .param(districtId).query(Sources::source).list();
    }

    /** Every district's sources of a kind: the watched folders and syslog receivers to run. */
    public List<Source> ofKind(Kind kind) {
        return jdbc.sql("select " + COLUMNS + " from activity_source where kind = ? order by id")
                .param(kind.name()).query(Sources::source).list();
    }

    public Optional<Source> find(long districtId, long id) {
        return jdbc.sql("select " + COLUMNS + " from activity_source where id = ? and district_id = ?")
                .params(id, districtId).query(Sources::source).optional();
    }

    /**
     * A new token for an API source, replacing any before it; only its SHA-256 is kept, so it is shown this once.
     */
    @Transactional
    public String issueToken(long districtId, long sourceId, String by) {
        Source source = find(districtId, sourceId).orElseThrow(() -> new Refused("There is no such source."));
        if (source.kind() != Kind.API) {
            throw new Refused("Only an events API source takes a token.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "stw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("update activity_source set token_hash = ?, token_issued_at = ?, token_revoked_at = null "
                        + "where id = ? and district_id = ?")
                .params(hash(token), Timestamp.from(clock.instant()), sourceId, districtId).update();
        audit.record(districtId, "ACTIVITY_TOKEN_ISSUED", "activity_source", sourceId, source.name() + " by " + by);
        return token;
    }

    @Transactional
    public void revokeToken(long districtId, long sourceId, String by) {
        Source source = find(districtId, sourceId).orElseThrow(() -> new Refused("There is no such source."));
        if (!source.hasLiveToken()) {
            throw new Refused(source.name() + " has no token in use.");
        }
        jdbc.sql("update activity_source set token_revoked_at = ? where id = ? and district_id = ?")
                .params(Timestamp.from(clock.instant()), sourceId, districtId).update();
        audit.record(districtId, "ACTIVITY_TOKEN_REVOKED", "activity_source", sourceId, source.name() + " by " + by);
    }

    /** The API source a token opens, unless it was revoked or replaced. */
    public Optional<Source> byToken(String token) {
        if (token == null || !token.startsWith("stw_")) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from activity_source where token_hash = ? and token_revoked_at is null "
                        + "and kind = 'API'")
                .param(hash(token)).query(Sources::source).optional();
    }

    static String hash(String token) {
        return DigestUtils.sha256Hex(token);
    }

    private static Source source(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp issued = rs.getTimestamp("token_issued_at");
        Timestamp revoked = rs.getTimestamp("token_revoked_at");
        return new Source(rs.getLong("id"), rs.getLong("district_id"), rs.getString("name"),
                Kind.valueOf(rs.getString("kind")), Format.valueOf(rs.getString("format")), rs.getString("folder"),
                issued == null ? null : issued.toInstant(), revoked == null ? null : revoked.toInstant(),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
