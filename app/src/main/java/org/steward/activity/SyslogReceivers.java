package org.steward.activity;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The syslog receivers: for each syslog source, a TCP and a UDP socket on its port (default 5514), taking Squid
 * lines in an RFC 3164 or RFC 5424 header, framed on TCP by octet counting or by line ends. Messages from a sender
 * the source does not name are refused. What arrives is appended to a spool file under the activity folder; every
 * few seconds the spool becomes a batch, ingested as one part of the source, and deleted once counted, so batches
 * left by a restart are ingested when the server is back, and none is counted twice.
 */
@Component
class SyslogReceivers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyslogReceivers.class);
    private static final int MOST_CONNECTIONS = 64;
    /** Tries of a batch that fails before it is set aside, so one bad batch does not stop the stream. */
    static final int TRIES = 3;

    /** What a receiver has taken, for the source's page. */
    /**
     * What a receiver has done since the server started; for UDP, also the receive buffer the kernel gave it, the
     * datagrams the kernel dropped on its socket (from /proc/net/udp, where the system tells it), and those dropped
     * because Steward's own queue was full.
     */
    record Counts(long messages, long refused, String lastProblem, Instant lastMessageAt, boolean listening,
                  long setAside, int udpBuffer, Long kernelDropped, long queueDropped) {
    }

    private final Sources sources;
    private final Ingestion ingestion;
    private final ActivityProperties properties;
    private final Clock clock;
    private final Map<Long, Receiver> receivers = new ConcurrentHashMap<>();
    private volatile boolean running;

    SyslogReceivers(Sources sources, Ingestion ingestion, ActivityProperties properties, Clock clock) {
        this.sources = sources;
        this.ingestion = ingestion;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        if (properties.syslog()) {
            sources.ofKind(Sources.Kind.SYSLOG).forEach(this::open);
        }
    }

    @Override
    public void stop() {
        running = false;
        receivers.values().forEach(Receiver::close);
        receivers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(Sources.SourceAdded added) {
        if (running && properties.syslog() && added.source().kind() == Sources.Kind.SYSLOG) {
            open(added.source());
        }
    }

    private void open(Sources.Source source) {
        try {
            Receiver receiver = new Receiver(source);
            receivers.put(source.id(), receiver);
            receiver.ingestBatches();
        } catch (IOException | RuntimeException e) {
            log.error("The syslog receiver of {} cannot listen on port {}", source.name(), source.port(), e);
        }
    }

    /** Turns each receiver's spool into a batch and ingests its batches. */
    @Scheduled(initialDelayString = "${steward.activity.batch.every:PT10S}",
            fixedDelayString = "${steward.activity.batch.every:PT10S}")
    void ingestAll() {
        receivers.values().forEach(Receiver::ingest);
    }

    /** Ingests what a source's receiver has taken so far; the runs it made. */
    List<Ingestion.Run> ingest(long sourceId) {
        Receiver receiver = receivers.get(sourceId);
        return receiver == null ? List.of() : receiver.ingest();
    }

    Optional<Counts> counts(long sourceId) {
        return Optional.ofNullable(receivers.get(sourceId)).map(Receiver::counts);
    }

    /** One source's sockets and spool. */
    private final class Receiver {
        private final Sources.Source source;
        private final Path spool;
        private final ServerSocket tcp;
        private final DatagramSocket udp;
        private final ExecutorService threads;
        private final AtomicLong messages = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong setAside = new AtomicLong();
        private final AtomicLong queueDropped = new AtomicLong();
        /** Datagrams taken off the socket, waiting to be spooled. */
        private final java.util.concurrent.BlockingQueue<byte[]> datagrams =
                new java.util.concurrent.ArrayBlockingQueue<>(200_000);
        private final AtomicReference<String> lastProblem = new AtomicReference<>("");
        private volatile Instant lastMessageAt;
        /** Guards the spool file, which readers append to; held only for a write or to close the spool. */
        private OutputStream out;
        /** Held while batches are ingested, which takes seconds: readers go on appending meanwhile. */
        private final Object ingesting = new Object();
        /** Failed tries per batch file name, since the server started: a batch failing {@link #TRIES} is set aside. */
        private final Map<String, Integer> failures = new HashMap<>();

        Receiver(Sources.Source source) throws IOException {
            this.source = source;
            this.spool = Files.createDirectories(properties.spool(source.id()));
            InetAddress bind = InetAddress.getByName(properties.listen());
            this.tcp = new ServerSocket();
            this.tcp.setReuseAddress(true);
            this.tcp.bind(new InetSocketAddress(bind, source.port()));
            try {
                this.udp = new DatagramSocket(null);
                // a burst waits in the kernel's buffer while the reader hands datagrams on; the kernel caps the
                // size at net.core.rmem_max, so the size it gave is what is shown
                this.udp.setReceiveBufferSize(properties.udpBuffer());
                this.udp.bind(new InetSocketAddress(bind, source.port()));
            } catch (IOException e) {
                tcp.close();
                throw e;
            }
            this.threads = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "syslog-" + source.port());
                thread.setDaemon(true);
                return thread;
            });
            threads.execute(this::acceptConnections);
            threads.execute(this::receiveDatagrams);
            threads.execute(this::spoolDatagrams);
            log.info("Syslog receiver of {} listening on {} port {} (TCP and UDP)", source.name(), bind, source.port());
        }

        private void acceptConnections() {
            Semaphore room = new Semaphore(MOST_CONNECTIONS);
            while (!tcp.isClosed()) {
                try {
                    Socket socket = tcp.accept();
                    if (!source.takesFrom(socket.getInetAddress())) {
                        refuse("a connection from " + socket.getInetAddress().getHostAddress() + ", not a sender of "
                                + source.name());
                        socket.close();
                    } else if (!room.tryAcquire()) {
                        refuse("a connection over the " + MOST_CONNECTIONS + " at once");
                        socket.close();
                    } else {
                        threads.execute(() -> {
                            try (socket) {
                                read(socket.getInputStream());
                            } catch (IOException e) {
                                log.debug("Syslog connection from {} ended", socket.getInetAddress(), e);
                            } finally {
                                room.release();
                            }
                        });
                    }
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    log.warn("Syslog receiver on port {}", source.port(), e);
                }
            }
        }

        private void read(InputStream stream) throws IOException {
            SyslogFraming framing = new SyslogFraming(new BufferedInputStream(stream));
            SyslogFraming.Frame frame;
            while ((frame = framing.next()) != null) {
                if (frame.problem() != null) {
                    refuse(frame.problem());
                } else if (!frame.message().isBlank()) {
                    append(frame.message(), framing.idle());
                }
            }
            append(null, true);
        }

        /**
         * Takes datagrams off the socket and does nothing else: each is copied and handed to the spooling thread, so
         * that the socket's buffer is emptied as fast as a burst fills it.
         */
        private void receiveDatagrams() {
            byte[] buffer = new byte[SyslogFraming.MOST];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (!udp.isClosed()) {
                try {
                    packet.setLength(buffer.length);
                    udp.receive(packet);
                    if (!source.takesFrom(packet.getAddress())) {
                        refuse("a datagram from " + packet.getAddress().getHostAddress() + ", not a sender of "
                                + source.name());
                        continue;
                    }
                    if (!datagrams.offer(java.util.Arrays.copyOf(packet.getData(), packet.getLength()))) {
                        queueDropped.incrementAndGet();
                    }
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    log.warn("Syslog receiver on port {}", source.port(), e);
                }
            }
        }

        /** Writes the datagrams the reader took to the spool, flushing when none is waiting. */
        private void spoolDatagrams() {
            while (!udp.isClosed() || !datagrams.isEmpty()) {
                try {
                    byte[] datagram = datagrams.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (datagram == null) {
                        continue;
                    }
                    String message = SyslogFraming.text(datagram, datagram.length);
                    if (!message.isBlank()) {
                        append(message, datagrams.isEmpty());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    log.warn("Syslog receiver on port {} could not spool a datagram", source.port(), e);
                }
            }
        }

        /** The datagrams the kernel dropped on this receiver's socket, where the system tells it. */
        private Long kernelDropped() {
            String port = String.format(":%04X ", source.port());
            long drops = 0;
            boolean found = false;
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] f = line.strip().split("\\s+");
                        if (f.length > 12 && (f[1] + " ").endsWith(port)) {
                            drops += Long.parseLong(f[f.length - 1]);
                            found = true;
                        }
                    }
                } catch (IOException | RuntimeException unknown) {
                    // not Linux, or not readable: not told
                }
            }
            return found ? drops : null;
        }

        private void refuse(String why) {
            refused.incrementAndGet();
            lastProblem.set(clock.instant().toString().substring(0, 19).replace('T', ' ') + " UTC: refused " + why);
        }

        /** Appends one message to the spool (null: none), flushing when told to. */
        private synchronized void append(String message, boolean flush) throws IOException {
            if (message != null) {
                if (out == null) {
                    out = new BufferedOutputStream(Files.newOutputStream(spool.resolve("receiving.log"),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND));
                }
                out.write(message.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                messages.incrementAndGet();
                lastMessageAt = clock.instant();
            }
            if (flush && out != null) {
                out.flush();
            }
        }

        /** The spool so far becomes a batch, named by the time it was closed. */
        private synchronized void closeSpool() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
            Path receiving = spool.resolve("receiving.log");
            if (Files.exists(receiving) && Files.size(receiving) > 0) {
                Files.move(receiving, spool.resolve("batch-" + clock.millis() + "-" + System.nanoTime() + ".log"));
            }
        }

        List<Ingestion.Run> ingest() {
            synchronized (ingesting) {
                try {
                    closeSpool();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close the spool of " + source.name(), e);
                }
                return ingestBatches();
            }
        }

        /** Ingests the batches in the spool, oldest first; a batch counted (now or before) is deleted. */
        List<Ingestion.Run> ingestBatches() {
            synchronized (ingesting) {
                return ingestBatchesNow();
            }
        }

        private List<Ingestion.Run> ingestBatchesNow() {
            List<Path> batches = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, "batch-*.log")) {
                files.forEach(batches::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the spool of " + source.name(), e);
            }
            batches.sort(null);
            List<Ingestion.Run> runs = new ArrayList<>();
            for (Path batch : batches) {
                String problem;
                try (InputStream in = Files.newInputStream(batch)) {
                    Ingestion.Run run = ingestion.ingestPart(source.districtId(), source.id(), in, "syslog.log",
                            batch.getFileName().toString(), "syslog receiver", sql -> { });
                    runs.add(run);
                    if (run.status() == Ingestion.Status.DONE) {
                        Files.delete(batch);
                        failures.remove(batch.getFileName().toString());
                        continue;
                    }
                    problem = "run " + run.id() + " failed: " + run.problem();
                } catch (Ingestion.AlreadyCounted counted) {
                    deleteQuietly(batch);
                    continue;
                } catch (Ingestion.Refused refusal) {
                    problem = refusal.getMessage();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + batch, e);
                }
                if (!setAsideAfterTries(batch, problem)) {
                    break; // tried again at the next batch interval, before the batches after it
                }
            }
            return runs;
        }

        /**
         * Counts a failed try of a batch; after {@link #TRIES} the batch is moved to the spool's {@code set-aside}
         * folder, the source's page says so and why, and the stream goes on with the batches after it. True when set
         * aside.
         */
        private boolean setAsideAfterTries(Path batch, String problem) {
            String name = batch.getFileName().toString();
            int tries = failures.merge(name, 1, Integer::sum);
            if (tries < TRIES) {
                lastProblem.set(problem + " (try " + tries + " of " + TRIES + ")");
                return false;
            }
            try {
                Path aside = Files.createDirectories(spool.resolve("set-aside"));
                Files.move(batch, aside.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot set aside " + batch, e);
            }
            failures.remove(name);
            setAside.incrementAndGet();
            lastProblem.set("batch " + name + " set aside in the spool's set-aside folder after " + TRIES
                    + " failed tries: " + problem);
            log.warn("Syslog batch {} of {} set aside: {}", name, source.name(), problem);
            return true;
        }

        private void deleteQuietly(Path batch) {
            try {
                Files.deleteIfExists(batch);
            } catch (IOException e) {
                log.warn("Could not delete {}", batch, e);
            }
        }

        Counts counts() {
            int buffer;
            try {
                buffer = udp.getReceiveBufferSize();
            } catch (SocketException closed) {
                buffer = 0;
            }
            return new Counts(messages.get(), refused.get(), lastProblem.get(), lastMessageAt, !tcp.isClosed(),
                    setAside.get(), buffer, kernelDropped(), queueDropped.get());
        }

        void close() {
            try {
                tcp.close();
            } catch (IOException e) {
                log.debug("Closing port {}", source.port(), e);
            }
            udp.close();
            threads.shutdownNow();
            for (byte[] datagram; (datagram = datagrams.poll()) != null; ) {
                try {
                    append(SyslogFraming.text(datagram, datagram.length), false); // what the reader took is kept
                } catch (IOException e) {
                    log.warn("Could not spool a datagram of {}", source.name(), e);
                }
            }
            try {
                closeSpool();
            } catch (IOException e) {
                log.warn("Could not close the spool of {}", source.name(), e);
            }
        }
    }
}
