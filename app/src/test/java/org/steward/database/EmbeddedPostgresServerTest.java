package org.steward.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server that keeps a district's records: durable, behind a password only Steward's user can read, and
 * started again after a crash left the old server running on its data.
 */
class EmbeddedPostgresServerTest {

    @TempDir Path dir;

    @Test
    void keptDataIsDurablePasswordProtectedAndACrashedPredecessorIsStopped() throws Exception {
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir, false);
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), "postgres", first.password());
             Statement s = c.createStatement()) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String name : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
            assertThat(settings).containsExactly(Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"),
                    Map.entry("full_page_writes", "on"));
            s.execute("create table kept (what text)");
            s.execute("insert into kept values ('a signed acknowledgment')");
        }
        Path password = dir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(password)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> DriverManager.getConnection(first.jdbcUrl(), "postgres", "not the password").close())
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(first.jdbcUrl(), "postgres", null).close())
                .hasMessageContaining("password");

        first.close();

        // kill -9 of a Steward: its server is left running on the data folder, and the next start must stop it
        Process steward = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Started.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(
                steward.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        String line;
        do {
            line = said.readLine();
        } while (line != null && !line.equals("started"));
        assertThat(line).as("the first Steward started its server").isEqualTo("started");
        long firstPid = EmbeddedPostgresServer.leftOverServer(dir.resolve("postgres")).orElseThrow().pid();
        steward.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the killed Steward's server goes on running").isTrue();

        EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dir, false);
        try (Connection c = DriverManager.getConnection(second.jdbcUrl(), "postgres", second.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select what from kept")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("a signed acknowledgment");
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the server left running was stopped").isFalse();
        } finally {
            second.close();
        }
        assertThat(EmbeddedPostgresServer.leftOverServer(dir.resolve("postgres"))).isEmpty();
    }

    /** A Steward that starts its embedded server on a folder, says so, and waits to be killed. */
    public static final class Started {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer.start(Path.of(args[0]), false);
            System.out.println("started");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
