package org.steward.activity;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.steward.StewardApplication;
import org.steward.districts.District;
import org.steward.districts.Districts;

/**
 * A UDP burst into a syslog receiver on loopback, as Squid's {@code access_log udp://} or rsyslog send: RATE
 * messages a second for SECONDS seconds, paced, then what the receiver took, what the kernel dropped and what
 * Steward's queue dropped. Not a test: a benchmark whose figures go to docs/benchmarks.md.
 *
 * <pre>java -cp ... org.steward.activity.SyslogUdpBenchmark 20000 5</pre>
 */
public final class SyslogUdpBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(Map.of("steward.db.ephemeral", "true", "steward.demo.enabled", "false",
                "steward.scheduling.enabled", "false", "logging.level.root", "WARN", "server.port", "0",
                "steward.activity.dir", Files.createTempDirectory("steward-udp").toString(),
                "steward.activity.ports", "40000-40099", "steward.audit.key-file",
                Files.createTempDirectory("steward-udp-key").resolve("audit.key").toString()));
        try (ConfigurableApplicationContext context = application.run()) {
            District district = context.getBean(Districts.class).save(District.named("udp", "UDP USD",
                    Instant.now()));
            Sources.Source source = context.getBean(Sources.class).create(district.id(),
                    new Sources.Setup("Burst", Sources.Kind.SYSLOG, Sources.Format.SQUID, null, null, null, null),
                    "bench");
            SyslogReceivers receivers = context.getBean(SyslogReceivers.class);
            while (receivers.counts(source.id()).isEmpty()) {
                Thread.sleep(50);
            }
            long total = (long) rate * seconds;
            long start = System.nanoTime();
            try (DatagramSocket udp = new DatagramSocket()) {
                for (long i = 0; i < total; i++) {
                    long due = start + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    long ms = 1_767_628_800_000L + i;
                    byte[] datagram = ("<134>Nov 16 10:00:00 proxy squid[42]: %d.%03d    120 10.0.0.%d TCP_MISS/200 "
                            + "1500 GET http://www.example.org/page/%d u%d HIER_DIRECT/1.2.3.4 text/html")
                            .formatted(ms / 1000, ms % 1000, i % 250, i, i % 400).getBytes(StandardCharsets.UTF_8);
                    udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                            source.port()));
                }
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long taken = -1;
            for (int quiet = 0; quiet < 10; ) {
                Thread.sleep(200);
                long now = receivers.counts(source.id()).orElseThrow().messages();
                quiet = now == taken ? quiet + 1 : 0;
                taken = now;
            }
            SyslogReceivers.Counts counts = receivers.counts(source.id()).orElseThrow();
            System.out.printf("sent %,d datagrams in %.2f s (%,.0f a second); taken %,d (%.3f %%); kernel dropped %s;"
                            + " queue dropped %,d; receive buffer %,d bytes%n", total, sendSeconds, total / sendSeconds,
                    counts.messages(), 100.0 * counts.messages() / total, counts.kernelDropped(),
                    counts.queueDropped(), counts.udpBuffer());
        }
    }
}
