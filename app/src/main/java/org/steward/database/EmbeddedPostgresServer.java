package org.steward.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The PostgreSQL server Steward starts itself when no external one is configured. */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(ephemeral)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    // Spring stops it after the connection pool has closed; the library's own hook stopped it
                    // first, and the closing application then waited 30 s for connections to a stopped server
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), data);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
