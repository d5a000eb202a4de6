package org.steward.activity;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.common.net.InetAddresses;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.context.ApplicationEventPublisher;
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
                         String fileName, Integer port, List<String> senders, Instant tokenIssuedAt,
                         Instant tokenRevokedAt, String createdBy, Instant createdAt) {

        public boolean hasLiveToken() {
            return tokenIssuedAt != null && tokenRevokedAt == null;
        }

        /** The log a watched folder follows. */
        public Path followed() {
            return Path.of(folder).resolve(fileName);
        }

        /** Whether a syslog receiver takes messages from this address: any, unless senders are named. */
        public boolean takesFrom(InetAddress address) {
            return senders.isEmpty() || senders.stream().anyMatch(s -> s.equals(address.getHostAddress()));
        }
    }

    /** What a new source is: a watched folder names its folder and log, a syslog receiver its port. */
    public record Setup(String name, Kind kind, Format format, String folder, String fileName, Integer port,
                        String senders) {

        public static Setup of(String name, Kind kind, Format format) {
            return new Setup(name, kind, format, null, null, null, null);
        }
    }

    /** Why a change was not made. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final String COLUMNS = "id, district_id, name, kind, format, folder, file_name, port, senders, "
            + "token_issued_at, token_revoked_at, created_by, created_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ActivityProperties properties;
    private final ServerGrants grants;

    Sources(JdbcClient jdbc, AuditLog audit, Clock clock, ApplicationEventPublisher events,
            ActivityProperties properties, ServerGrants grants) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
        this.grants = grants;
    }

    /**
     * The refusal of a folder not granted to the district. It names the district's own folders and says nothing of
     * whether the folder asked for exists.
     */
    String notGranted(long districtId) {
        return "Steward reads only this district's folders on the server: " + grants.folders(districtId).stream()
                .map(Path::toString).collect(Collectors.joining(", ")) + " and what is under them (the server's "
                + "operator grants them: STEWARD_ACTIVITY_WATCHED).";
    }

    /** The folders on the server this district's sources and category lists may be read from. */
    public List<String> folders(long districtId) {
        return grants.folders(districtId).stream().map(Path::toString).toList();
    }

    /** This district's ports for syslog receivers. */
    public String ports(long districtId) {
        return grants.ports(districtId).toString();
    }

    /** Whether the port can be bound now, on TCP and UDP, at the address receivers listen on. */
    private boolean free(int port) {
        try (java.net.ServerSocket tcp = new java.net.ServerSocket();
             java.net.DatagramSocket udp = new java.net.DatagramSocket(null)) {
            java.net.InetSocketAddress at = new java.net.InetSocketAddress(InetAddress.getByName(properties.listen()),
                    port);
            tcp.setReuseAddress(true);
            tcp.bind(at);
            udp.bind(at);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Transactional
    public Source create(long districtId, Setup setup, String by) {
        String name = setup.name() == null ? "" : setup.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new Refused("A source needs a name of up to 100 characters.");
        }
        String folder = null;
        String fileName = null;
        Integer port = null;
        List<String> senders = List.of();
        if (setup.kind() == Kind.FOLDER) {
            if (setup.folder() == null || setup.folder().isBlank() || !Path.of(setup.folder().strip()).isAbsolute()) {
                throw new Refused("A watched folder source needs the folder's absolute path on the server.");
            }
            folder = setup.folder().strip();
            if (!grants.mayRead(districtId, Path.of(folder))) {
                throw new Refused(notGranted(districtId));
            }
            fileName = setup.fileName() == null || setup.fileName().isBlank() ? "access.log" : setup.fileName().strip();
            if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
                throw new Refused("The log to follow is named by its file name in the folder, like access.log.");
            }
        }
        if (setup.kind() == Kind.SYSLOG) {
            if (setup.format() != Format.SQUID) {
                throw new Refused("A syslog receiver takes Squid lines in a syslog header; send JSON lines to the "
                        + "events API.");
            }
            ServerGrants.Ports ours = grants.ports(districtId);
            List<Integer> used = jdbc.sql("select port from activity_source where district_id = ? and port is not null")
                    .param(districtId).query(Integer.class).list();
            port = setup.port() != null ? setup.port() : java.util.stream.IntStream.rangeClosed(ours.first(),
                    ours.last()).filter(p -> !used.contains(p)).boxed().findFirst().orElse(null);
            if (port == null) {
                throw new Refused("Every one of this district's ports (" + ours + ") has a receiver already.");
            }
            if (!ours.contains(port)) {
                throw new Refused("Port " + port + " is not one of this district's ports, " + ours
                        + ": the server's operator grants each district its own (STEWARD_ACTIVITY_PORTS).");
            }
            senders = senders(setup.senders());
            if (used.contains(port)) {
                throw new Refused("Port " + port + " is already taken by another syslog receiver; choose another.");
            }
            if (properties.syslog() && !free(port)) {
                throw new Refused("Port " + port + " is in use on the server by another program, so a receiver "
                        + "there would never listen; choose another of " + ours + ".");
            }
        }
        try {
            long id = jdbc.sql("""
                            insert into activity_source (district_id, name, kind, format, folder, file_name, port,
                                senders, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(districtId, name, setup.kind().name(), setup.format().name(), folder, fileName, port,
                            String.join("\n", senders), by, Timestamp.from(clock.instant()))
                    .query(Long.class).single();
            audit.record(districtId, "ACTIVITY_SOURCE_ADDED", "activity_source", id,
                    name + " (" + setup.kind().title() + ", " + setup.format().name()
                            + (folder == null ? "" : ", " + Path.of(folder).resolve(fileName))
                            + (port == null ? "" : ", port " + port) + ") by " + by);
            Source source = find(districtId, id).orElseThrow();
            events.publishEvent(new SourceAdded(source));
            return source;
        } catch (DuplicateKeyException e) {
            throw new Refused("There is already a source named " + name
                    + (port == null ? "." : ", or port " + port + " was just taken by another syslog receiver."));
        }
    }

    /** Sender addresses, one a line or separated by commas; each must be an IP address. */
    private static List<String> senders(String text) {
        List<String> addresses = new ArrayList<>();
        for (String s : (text == null ? "" : text).split("[,\\s]+")) {
            if (s.isBlank()) {
                continue;
            }
            if (!InetAddresses.isInetAddress(s)) {
                throw new Refused("'" + s + "' is not an IP address; name the senders by address.");
            }
            addresses.add(InetAddresses.toAddrString(InetAddresses.forString(s)));
        }
        return addresses;
    }

    /** A source was added; a syslog receiver starts listening. */
    public record SourceAdded(Source source) {
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
        String senders = rs.getString("senders");
        return new Source(rs.getLong("id"), rs.getLong("district_id"), rs.getString("name"),
                Kind.valueOf(rs.getString("kind")), Format.valueOf(rs.getString("format")), rs.getString("folder"),
                rs.getString("file_name"), (Integer) rs.getObject("port"),
                senders.isEmpty() ? List.of() : List.of(senders.split("\n")), issued == null ? null : issued.toInstant(), revoked == null ? null : revoked.toInstant(),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
