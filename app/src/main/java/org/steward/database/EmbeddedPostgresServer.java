package org.steward.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server Steward starts itself when no external one is configured. Kept data (the run command's
 * {@code ./data}) is durable: fsync, synchronous commit and full page writes are on, as Steward keeps legal records;
 * the server asks for a password Steward generates on the first start and keeps in the data folder, readable only by
 * the user running Steward; and a server left running by a Steward that was killed is found by its
 * {@code postmaster.pid} and stopped before this one starts. A throw-away server (the tests') trades durability
 * for speed and trusts local connections.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String PASSWORD_FILE = "postgres-password";

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedPostgresServer start(Path dataDir, boolean ephemeral) {
        try {
            Path data = ephemeral
                    ? Files.createTempDirectory("steward-pg")
                    : dataDir.toAbsolutePath().resolve("postgres");
            Path binaries = ephemeral
                    ? Path.of(System.getProperty("java.io.tmpdir"), "steward-pg-binaries")
                    : dataDir.toAbsolutePath().resolve("postgres-binaries");
            Files.createDirectories(data);
            Files.createDirectories(binaries);
            String password = ephemeral ? null : password(dataDir.toAbsolutePath().resolve(PASSWORD_FILE));
            if (!ephemeral) {
                stopLeftOverServer(data);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(ephemeral)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    // Spring stops it after the connection pool has closed; the library's own hook stopped it
                    // first, and the closing application then waited 30 s for connections to a stopped server
                    .setRegisterShutdownHook(false);
            if (!ephemeral) {
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("listen_addresses", "localhost")
                        .setConnectConfig("password", password);
            }
            EmbeddedPostgres postgres = builder.start();
            if (!ephemeral) {
                requirePassword(postgres, data, password);
            }
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), data);
            return new EmbeddedPostgresServer(postgres, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    /** The server's password, made on the first start: 32 random bytes, in a file only its owner may read. */
    static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.createDirectories(file.getParent());
        Path written = Files.createFile(file);
        try {
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Cannot make {} readable by its owner only on this file system", file);
        }
        Files.writeString(written, password, StandardCharsets.UTF_8);
        return password;
    }

    /**
     * A server that a killed Steward left running on this data folder holds its {@code postmaster.pid}, and the next
     * server refuses to start beside it: stop it (a fast shutdown, which its lost clients do not hold up) and wait for
     * it to go. A file naming no running postgres is left for PostgreSQL, which takes it as stale.
     */
    static void stopLeftOverServer(Path data) throws IOException {
        Optional<ProcessHandle> left = leftOverServer(data);
        if (left.isEmpty()) {
            return;
        }
        ProcessHandle server = left.get();
        log.warn("A PostgreSQL server (pid {}) was left running on {} by an earlier start; stopping it", server.pid(),
                data);
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).inheritIO().start().waitFor();
            server.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the PostgreSQL server left on " + data, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("The PostgreSQL server left running on " + data + " (pid " + server.pid()
                    + ") did not stop within a minute; stop it, then start Steward again", e);
        }
    }

    /** The live postgres process whose pid the data folder's {@code postmaster.pid} names, if any. */
    static Optional<ProcessHandle> leftOverServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    /**
     * On the first start the server trusts local connections, as initdb made it: give the superuser its password,
     * then ask for it on every connection from then on.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path data, String password) throws IOException {
        Path hba = data.resolve("pg_hba.conf");
        String wanted = """
                # Steward: every connection gives the password kept in the data folder
                local all all scram-sha-256
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """;
        if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(wanted)) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("alter role postgres password '" + password + "'"); // hex digits only
            Files.writeString(hba, wanted, StandardCharsets.UTF_8);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not give the embedded PostgreSQL its password", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The superuser's password; null for a throw-away server, which trusts local connections. */
    String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
