package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.steward.activity.ActivityTest.line;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

/**
 * Activity that arrives as a stream: a watched folder's log followed through rotation by rename and by copy and
 * truncate and across a restart, every line counted once; a syslog receiver over real TCP and UDP sockets, with
 * both TCP framings, refusing senders it does not know.
 */
@StewardTest
class ActivityStreamsTest {

    @Autowired Sources sources;
    @Autowired Ingestion ingestion;
    @Autowired FolderFollower follower;
    @Autowired CategoryLists categories;
    @Autowired DistrictRules rules;
    @Autowired SyslogReceivers receivers;
    @Autowired ServerGrants grants;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired ActivityProperties properties;
    /** A folder the server grants the test's district. */
    Path dir;

    District district;
    int written;

    @BeforeEach
    void district() {
        district = fixtures.district("Streams");
        dir = Fixtures.serverFolder(district.slug(), "streams");
    }

    /** Appends n Squid lines, one request each, and an unfinished line if asked. */
    void append(Path file, int n, String unfinished) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            written++;
            lines.append(line("2026-11-16T10:%02d:%02d".formatted(written / 60 % 60, written % 60), 100, "10.0.0.5",
                    "ana", "http://www.example.org/page/" + written)).append('\n');
        }
        Files.writeString(file, lines + unfinished, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    long requestsCounted() {
        return jdbc.sql("select coalesce(sum(requests), 0) from activity_usage where district_id = ?")
                .param(district.id()).query(Long.class).single();
    }

    @Test
    void aWatchedFolderCountsEveryLineOnceThroughRotationsAndARestart() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("squid"));
        Path live = logs.resolve("access.log");
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy logs", Sources.Kind.FOLDER,
                Sources.Format.SQUID, logs.toString(), "access.log", null, null), "carl");

        append(live, 10, "");
        assertThat(follower.follow(source)).singleElement().satisfies(run -> assertThat(run.lines()).isEqualTo(10));
        assertThat(follower.follow(source)).as("nothing new, nothing read").isEmpty();

        // half a line is left for when it is finished
        append(live, 5, "1763316000.000    100 10.0.0.5 TCP_MISS/200 2000 GET http://www.exa");
        follower.follow(source);
        assertThat(requestsCounted()).isEqualTo(15);
        Files.writeString(live, "mple.org/finished ana HIER_DIRECT/1.2.3.4 text/html\n", StandardOpenOption.APPEND);
        written++;

        // rotation by rename: the writer finishes the old file, then starts a new one
        append(live, 3, "");
        Files.move(live, logs.resolve("access.log.1"));
        append(logs.resolve("access.log.1"), 2, "");
        append(live, 4, "");
        List<Ingestion.Run> rotated = follower.follow(source);
        assertThat(rotated).hasSize(2);
        assertThat(requestsCounted()).isEqualTo(written);

        // a restart: a new follower knows only what the database says
        FolderFollower restarted = new FolderFollower(jdbc, sources, ingestion, grants, clock);
        assertThat(restarted.follow(source)).isEmpty();
        append(live, 6, "");

        // rotation by copy and truncate, with lines written between the last look and the copy
        Files.copy(live, logs.resolve("access.log.1"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(live, "");
        append(live, 7, "");
        restarted.follow(source);
        assertThat(requestsCounted()).isEqualTo(written);
        assertThat(follower.position(source.id())).get().satisfies(p -> {
            assertThat(p.offset()).isEqualTo(Files.size(live));
            assertThat(p.problem()).isEmpty();
        });

        // a rotated file gone before it was read to its end is a gap, told on the source's page
        append(live, 2, "");
        Files.move(live, logs.resolve("access.log.1"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(logs.resolve("access.log.1"));
        append(live, 1, "");
        follower.follow(source);
        assertThat(requestsCounted()).isEqualTo(written - 2);
        assertThat(follower.position(source.id()).orElseThrow().problem())
                .contains("old file is gone").contains("were not read");
    }

    @Test
    void partsOfAStreamCountAVisitOnceAndAddUpToAThreshold() throws IOException {
        Path lists = dir.resolve("lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        categories.installFolder(district.id(), lists, "carl");
        DistrictRules.Change games = rules.find(district.id(), "games-during-duty").orElseThrow().change();
        rules.change(district.id(), "games-during-duty", new DistrictRules.Change(true, games.severity(),
                games.time(), games.measure(), 2, games.window(), ""), "carl");
        Path logs = Files.createDirectories(dir.resolve("squid"));
        Path live = logs.resolve("access.log");
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy logs", Sources.Kind.FOLDER,
                Sources.Format.SQUID, logs.toString(), "access.log", null, null), "carl");

        // one visit to a lesson site from 10:00:00 to 10:04:00, read in two parts; one game visit in each part
        Files.writeString(live, String.join("\n",
                line("2026-11-16T10:01:00", 60_000, "10.0.0.5", "ana", "http://www.example.org/lesson"),
                line("2026-11-16T10:02:00", 1_000, "10.0.0.5", "ana", "http://games.example/1")) + "\n");
        follower.follow(source);
        assertThat(jdbc.sql("select count(*) from activity_finding where district_id = ?").param(district.id())
                .query(Long.class).single()).as("one game visit is under the threshold").isZero();
        Files.writeString(live, String.join("\n",
                line("2026-11-16T10:04:00", 1_000, "10.0.0.5", "ana", "http://www.example.org/lesson2"),
                line("2026-11-16T10:30:00", 1_000, "10.0.0.5", "ana", "http://games.example/2")) + "\n",
                StandardOpenOption.APPEND);
        follower.follow(source);

        assertThat(jdbc.sql("select sum(visits), sum(millis) from activity_usage where district_id = ? "
                        + "and site = 'example.org'").param(district.id())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .as("one visit, 10:00:00 to 10:04:00").containsExactly(1L, 240_000L);
        assertThat(jdbc.sql("select count, measured, evidence from activity_finding where district_id = ? "
                        + "and rule = 'games-during-duty'").param(district.id())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getString(3))).single())
                .satisfies(f -> {
                    assertThat(f.get(0)).isEqualTo(2L);
                    assertThat(f.get(1)).isEqualTo(2L);
                    assertThat((String) f.get(2)).contains("games.example/1").contains("games.example/2");
                });
    }

    @Test
    void whatIsReadAndWhereItWasReadToAreStoredTogetherOrNotAtAll() throws IOException {
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy logs", Sources.Kind.FOLDER,
                Sources.Format.SQUID, dir.toString(), "access.log", null, null), "carl");
        append(dir.resolve("access.log"), 3, "");
        Ingestion.Run failed = ingestion.ingestPart(district.id(), source.id(),
                Files.newInputStream(dir.resolve("access.log")), "access.log", "bytes 0-end", "test", sql -> {
                    throw new IllegalStateException("the server stopped here");
                });
        assertThat(failed.status()).isEqualTo(Ingestion.Status.FAILED);
        assertThat(requestsCounted()).isZero();
        assertThat(follower.follow(source)).singleElement().satisfies(run -> assertThat(run.lines()).isEqualTo(3));
        assertThat(requestsCounted()).isEqualTo(3);
    }

    @Test
    void aWatchedFolderIsAnAllowedAbsoluteFolderAndAPlainFileName() {
        assertThatThrownBy(() -> sources.create(district.id(), new Sources.Setup("Relative", Sources.Kind.FOLDER,
                Sources.Format.SQUID, "logs", null, null, null), "carl"))
                .isInstanceOf(Sources.Refused.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> sources.create(district.id(), new Sources.Setup("Escape", Sources.Kind.FOLDER,
                Sources.Format.SQUID, dir.toString(), "../etc/passwd", null, null), "carl"))
                .isInstanceOf(Sources.Refused.class).hasMessageContaining("file name");
        // the server's operator decides which of its folders Steward reads, not a district
        assertThatThrownBy(() -> sources.create(district.id(), new Sources.Setup("Secrets", Sources.Kind.FOLDER,
                Sources.Format.SQUID, "/etc", "shadow", null, null), "carl"))
                .isInstanceOf(Sources.Refused.class).hasMessageContaining("reads only this district's folders");
        assertThatThrownBy(() -> sources.create(district.id(), new Sources.Setup("Escape", Sources.Kind.FOLDER,
                Sources.Format.SQUID, dir + "/../../etc", "shadow", null, null), "carl"))
                .isInstanceOf(Sources.Refused.class).hasMessageContaining("reads only this district's folders");
    }

    @Test
    void aWatchedFolderPartThatFailsIsSetAsideAfterThreeTriesAndTheFolderGoesOn() throws IOException {
        Path live = dir.resolve("access.log");
        Files.writeString(live, "{\"kind\":\"web\"}\n"); // JSON lines, where the source takes Squid
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy logs", Sources.Kind.FOLDER,
                Sources.Format.SQUID, dir.toString(), "access.log", null, null), "carl");

        assertThatThrownBy(() -> follower.follow(source)).hasMessageContaining("(try 1 of 3)");
        assertThatThrownBy(() -> follower.follow(source)).hasMessageContaining("(try 2 of 3)");
        assertThat(follower.follow(source)).isEmpty();
        assertThat(jdbc.sql("select problem from activity_follow where source_id = ?").param(source.id())
                .query(String.class).single()).contains("set aside after 3 failed tries").contains("takes Squid");

        append(live, 2, "");
        assertThat(follower.follow(source)).singleElement().satisfies(run -> assertThat(run.lines()).isEqualTo(2));
        assertThat(requestsCounted()).isEqualTo(2);
    }

    @Test
    void aDistrictReadsOnlyItsOwnFoldersAndListensOnlyOnItsOwnPorts() throws Exception {
        // district A's log and lists, in A's folder
        Path logsOfA = dir;
        Files.writeString(logsOfA.resolve("access.log"), line("2026-11-16T10:00:00", 100, "10.0.0.5", "ana",
                "http://www.example.org/") + "\n");
        Files.createDirectories(logsOfA.resolve("lists/games"));
        Files.writeString(logsOfA.resolve("lists/games/domains"), "games.example\n");
        District b = fixtures.district("Other");

        // B names A's folder: refused, told the same as for a folder that does not exist
        String refusedForA = refusal(() -> sources.create(b.id(), new Sources.Setup("Theirs", Sources.Kind.FOLDER,
                Sources.Format.SQUID, logsOfA.toString(), "access.log", null, null), "eve"));
        String refusedForNothing = refusal(() -> sources.create(b.id(), new Sources.Setup("Nothing",
                Sources.Kind.FOLDER, Sources.Format.SQUID, logsOfA.resolveSibling("no-such-folder").toString(),
                "access.log", null, null), "eve"));
        assertThat(refusedForA).isEqualTo(refusedForNothing)
                .contains("reads only this district's folders").contains("/steward-watched/" + b.slug())
                .doesNotContain(district.slug());
        String listsOfA = refusal(() -> categories.installFolder(b.id(), logsOfA.resolve("lists"), "eve"));
        String listsOfNothing = refusal(() -> categories.installFolder(b.id(), Path.of("/no/such/lists"), "eve"));
        assertThat(listsOfA).isEqualTo(listsOfNothing).isEqualTo(refusedForA);
        assertThat(refusal(() -> categories.installFolder(b.id(), Path.of("/etc"), "eve"))).isEqualTo(refusedForA);

        // ports: each district its own block of the server's range, and nothing outside it
        ServerGrants.Ports portsOfA = grants.ports(district.id());
        ServerGrants.Ports portsOfB = grants.ports(b.id());
        assertThat(portsOfA.first()).isNotEqualTo(portsOfB.first());
        assertThat(portsOfA.last() - portsOfA.first()).isEqualTo(4);
        assertThat(refusal(() -> sources.create(b.id(), new Sources.Setup("A's port", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, portsOfA.first(), null), "eve")))
                .contains("is not one of this district's ports, " + portsOfB);
        assertThat(refusal(() -> sources.create(b.id(), new Sources.Setup("SSH", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, 22, null), "eve"))).contains("is not one of this district's ports");
        // a port of its own that another program holds would never listen: refused, not made
        try (ServerSocket held = new ServerSocket(portsOfB.first())) {
            assertThat(refusal(() -> sources.create(b.id(), new Sources.Setup("Held", Sources.Kind.SYSLOG,
                    Sources.Format.SQUID, null, null, portsOfB.first(), null), "eve")))
                    .contains("is in use on the server by another program");
        }
        assertThat(jdbc.sql("select count(*) from activity_source where district_id = ?").param(b.id())
                .query(Long.class).single()).isZero();
    }

    static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(RuntimeException.class);
        return thrown.getMessage();
    }

    /** A port of the district's block that nothing on the machine holds. */
    int freePort() throws IOException {
        ServerGrants.Ports ours = grants.ports(district.id());
        for (int port = ours.first(); port <= ours.last(); port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IOException("every port of " + ours + " is taken");
    }

    @Test
    void aSyslogReceiverTakesBothTcpFramingsAndUdpOverRealSockets() throws Exception {
        int port = freePort();
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy syslog", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, port, null), "carl");
        String squid = line("2026-11-16T10:00:00", 100, "10.0.0.5", "ana", "http://www.example.org/a");
        String rfc3164 = "<134>Nov 16 10:00:00 proxy squid[42]: " + squid;
        String rfc5424 = "<134>1 2026-11-16T18:00:00Z proxy squid 42 - - "
                + line("2026-11-16T10:00:01", 100, "10.0.0.5", "ana", "http://www.example.org/b");
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = tcp.getOutputStream();
            // octet counting: two messages in one write, then one split across two writes
            byte[] a = rfc3164.getBytes(StandardCharsets.UTF_8);
            byte[] b = rfc5424.getBytes(StandardCharsets.UTF_8);
            out.write((a.length + " " + rfc3164 + b.length + " " + rfc5424).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String split = "<134>Nov 16 10:00:02 proxy squid[42]: "
                    + line("2026-11-16T10:00:02", 100, "10.0.0.5", "ana", "http://www.example.org/c");
            byte[] c = split.getBytes(StandardCharsets.UTF_8);
            out.write((c.length + " " + split.substring(0, 20)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(50);
            out.write(split.substring(20).getBytes(StandardCharsets.UTF_8));
            // non-transparent framing: one message a line
            out.write(("<134>Nov 16 10:00:03 proxy squid[42]: "
                    + line("2026-11-16T10:00:03", 100, "10.0.0.5", "ana", "http://www.example.org/d") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] datagram = ("<134>1 2026-11-16T18:00:04Z proxy squid 42 - - "
                    + line("2026-11-16T10:00:04", 100, "10.0.0.5", "ana", "http://www.example.org/e"))
                    .getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receivers.counts(source.id()).orElseThrow().messages() == 5);

        List<Ingestion.Run> runs = receivers.ingest(source.id());
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(Ingestion.Status.DONE);
            assertThat(run.lines()).isEqualTo(5);
            assertThat(run.badLines()).isZero();
        });
        assertThat(jdbc.sql("select sum(requests) from activity_usage where district_id = ? and person = 'ana'")
                .param(district.id()).query(Long.class).single()).isEqualTo(5);
        assertThat(receivers.ingest(source.id())).as("nothing new, nothing counted").isEmpty();
    }

    @Test
    void aBatchThatFailsIsSetAsideAfterThreeTriesAndTheStreamGoesOn() throws Exception {
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy syslog", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, freePort(), null), "carl");
        Path spool = properties.spool(source.id());
        // a batch the source refuses every time (JSON lines, where it takes Squid), and a good one after it
        Files.writeString(spool.resolve("batch-1-1.log"), "{\"kind\":\"web\"}\n");
        Files.writeString(spool.resolve("batch-2-2.log"),
                line("2026-11-16T10:00:00", 100, "10.0.0.5", "ana", "http://www.example.org/a") + "\n");

        assertThat(receivers.ingest(source.id())).isEmpty();
        assertThat(receivers.counts(source.id()).orElseThrow().lastProblem()).contains("(try 1 of 3)");
        assertThat(receivers.ingest(source.id())).isEmpty();
        List<Ingestion.Run> third = receivers.ingest(source.id());

        assertThat(third).singleElement().satisfies(run -> assertThat(run.status()).isEqualTo(Ingestion.Status.DONE));
        SyslogReceivers.Counts counts = receivers.counts(source.id()).orElseThrow();
        assertThat(counts.setAside()).isEqualTo(1);
        assertThat(counts.lastProblem()).contains("batch-1-1.log set aside").contains("after 3 failed tries")
                .contains("takes Squid");
        assertThat(spool.resolve("set-aside/batch-1-1.log")).exists();
        assertThat(jdbc.sql("select sum(requests) from activity_usage where district_id = ? and person = 'ana'")
                .param(district.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSyslogMessageWithANulByteIsABadLineAndTheStreamGoesOn() throws Exception {
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy syslog", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, freePort(), null), "carl");
        Files.writeString(properties.spool(source.id()).resolve("batch-1-1.log"),
                line("2026-11-16T10:00:00", 100, "10.0.0.5", "a\u0000na", "http://www.example.org/a") + "\n"
                        + line("2026-11-16T10:00:01", 100, "10.0.0.5", "ana", "http://www.example.org/b") + "\n");

        List<Ingestion.Run> runs = receivers.ingest(source.id());

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(Ingestion.Status.DONE);
            assertThat(run.badReasons()).containsOnly(java.util.Map.entry("the line holds a NUL byte", 1L));
            assertThat(run.badSamples().get(0).text()).contains("a\u2400na");
        });
        assertThat(receivers.ingest(source.id())).isEmpty();
    }

    @Test
    void aSyslogReceiverRefusesSendersItDoesNotNameAndAPortTakenTwice() throws Exception {
        int port = freePort();
        Sources.Source source = sources.create(district.id(), new Sources.Setup("Proxy syslog", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, port, "192.0.2.10"), "carl");
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] datagram = ("<134>Nov 16 10:00:00 proxy squid[42]: "
                    + line("2026-11-16T10:00:00", 100, "10.0.0.5", "ana", "http://www.example.org/"))
                    .getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receivers.counts(source.id()).orElseThrow().refused() == 1);
        assertThat(receivers.counts(source.id()).orElseThrow().lastProblem()).contains("not a sender of Proxy syslog");
        assertThat(receivers.ingest(source.id())).isEmpty();
        assertThat(requestsCounted()).isZero();

        assertThatThrownBy(() -> sources.create(district.id(), new Sources.Setup("Second", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, port, null), "carl"))
                .isInstanceOf(Sources.Refused.class).hasMessageContaining("Port " + port + " is already taken");
        assertThatThrownBy(() -> sources.create(district.id(), new Sources.Setup("Third", Sources.Kind.SYSLOG,
                Sources.Format.SQUID, null, null, null, "not-an-address"), "carl"))
                .isInstanceOf(Sources.Refused.class).hasMessageContaining("'not-an-address' is not an IP address");
    }

    @Test
    void syslogFramingCutsOffAnOversizedMessageAndGoesOn() throws IOException {
        String big = "70000 " + "x".repeat(70_000) + "11 <134>hello!";
        SyslogFraming framing = new SyslogFraming(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)));
        assertThat(framing.next().problem()).contains("a message of 70000 bytes");
        assertThat(framing.next().message()).isEqualTo("<134>hello!");
        assertThat(framing.next()).isNull();
    }
}
