package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.google.common.io.ByteStreams;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Follows the log a watched-folder source names, as a rotating Squid log is written: the new complete lines since
 * the last look are ingested as one part, and where the file was read to moves in the same transaction, so a
 * restart neither loses nor counts twice a line. A file is known by its file key (device and inode) and the SHA-256
 * of its first line. Rotation by rename (access.log becomes access.log.1, a new access.log starts): the rest of
 * the renamed file is read before the new one. Rotation by copy and truncate (the file is copied to access.log.1
 * and emptied): the rest is read from the copy, known by its first line. A renamed or copied file that is gone
 * when Steward looks leaves a gap, told on the source's page.
 */
@Component
class FolderFollower {

    private static final Logger log = LoggerFactory.getLogger(FolderFollower.class);

    /** Where a source has read to: which file, known how, and up to which byte; the last problem met, if any. */
    record Position(String fileKey, String fingerprint, long offset, String problem) {
    }

    /** A part is at most this long; a larger backlog is read in several parts. */
    static final long MOST_A_PART = 256L * 1024 * 1024;
    /** A first line longer than this is known by its first this many bytes. */
    private static final int FINGERPRINT_BYTES = 4096;

    private final JdbcClient jdbc;
    private final Sources sources;
    private final Ingestion ingestion;
    private final ServerGrants grants;
    private final Clock clock;
    /** Failed tries of a source's part since the server started: a part failing three times is set aside. */
    private final java.util.Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

    FolderFollower(JdbcClient jdbc, Sources sources, Ingestion ingestion, ServerGrants grants, Clock clock) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.ingestion = ingestion;
        this.grants = grants;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${steward.activity.follow.every:PT30S}",
            fixedDelayString = "${steward.activity.follow.every:PT30S}")
    void followAll() {
        for (Sources.Source source : sources.ofKind(Sources.Kind.FOLDER)) {
            try {
                follow(source);
            } catch (RuntimeException e) {
                log.warn("Following {} of source {} failed", source.followed(), source.id(), e);
                problem(source, e.getMessage());
            }
        }
    }

    /** Reads what is new in the source's log, rotations included; the runs it made. */
    synchronized List<Ingestion.Run> follow(Sources.Source source) {
        List<Ingestion.Run> runs = new ArrayList<>();
        Path live = source.followed();
        // checked again each time: a link in the folder may since lead elsewhere
        if (!grants.mayRead(source.districtId(), live)) {
            throw new IllegalStateException(live + " is not under a folder the server grants this district ("
                    + grants.folders(source.districtId()) + ")");
        }
        Optional<Position> at = position(source.id());
        Optional<Seen> now = seen(live);
        if (at.isPresent() && at.get().offset() > 0) {
            Position was = at.get();
            boolean sameFile = now.isPresent() && now.get().key().equals(was.fileKey())
                    && now.get().size() >= was.offset() && was.fingerprint().equals(now.get().fingerprint());
            if (!sameFile) {
                // rotated: the rest of the old file is in the renamed file (same key) or the copy (same first line)
                // once a new log is there, the writer has finished the old one, its last line too
                Optional<Seen> old = rotated(source, was);
                if (old.isPresent()) {
                    readToEnd(source, old.get(), was.offset(), now.isPresent(), runs);
                } else {
                    problem(source, "The log was rotated and its old file is gone from the folder: lines written to it "
                            + "after byte " + was.offset() + " were not read.");
                }
                if (now.isEmpty()) {
                    return runs;
                }
                save(source, new Position(now.get().key(), now.get().fingerprint(), 0, ""));
            }
        }
        if (now.isEmpty()) {
            return runs;
        }
        long from = position(source.id()).filter(p -> p.fileKey().equals(now.get().key())).map(Position::offset)
                .orElse(0L);
        readToEnd(source, now.get(), from, false, runs);
        return runs;
    }

    /** Ingests [from, end) of a file in parts: up to its last complete line, or all of it when it is finished. */
    private void readToEnd(Sources.Source source, Seen file, long from, boolean finished, List<Ingestion.Run> runs) {
        long offset = from;
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            while (true) {
                long size = channel.size();
                long end = Math.min(size, offset + MOST_A_PART);
                if (!(finished && end == size)) {
                    end = lastLineEnd(channel, offset, end);
                }
                if (end <= offset) {
                    return;
                }
                String fingerprint = file.fingerprint().isEmpty() ? fingerprint(file.path()).orElse("")
                        : file.fingerprint();
                long partFrom = offset;
                long partEnd = end;
                channel.position(partFrom);
                InputStream part = ByteStreams.limit(Channels.newInputStream(channel), partEnd - partFrom);
                Position next = new Position(file.key(), fingerprint, partEnd, "");
                String partName = "bytes " + partFrom + "-" + partEnd + " of " + file.path().getFileName() + " "
                        + file.key() + " " + fingerprint.substring(0, Math.min(12, fingerprint.length()));
                String failed = source.id() + " " + partName;
                String why;
                try {
                    Ingestion.Run run = ingestion.ingestPart(source.districtId(), source.id(), part,
                            source.fileName(), partName, "watched folder", sql -> save(sql, source, next));
                    runs.add(run);
                    why = run.status() == Ingestion.Status.DONE ? null
                            : "run " + run.id() + " failed (its file is kept with it): " + run.problem();
                } catch (Ingestion.AlreadyCounted counted) {
                    save(source, next); // counted before a stop, its position not: move on
                    why = null;
                } catch (Ingestion.Refused refused) {
                    why = refused.getMessage();
                }
                if (why != null) {
                    int tries = failures.merge(failed, 1, Integer::sum);
                    if (tries < SyslogReceivers.TRIES) {
                        throw new IllegalStateException(why + " (try " + tries + " of " + SyslogReceivers.TRIES
                                + ")");
                    }
                    // set aside: the stream goes on past these lines rather than stop at them for good
                    save(source, next);
                    problem(source, "bytes " + partFrom + " to " + partEnd + " of " + file.path().getFileName()
                            + " set aside after " + SyslogReceivers.TRIES + " failed tries: " + why);
                }
                failures.remove(failed);
                offset = partEnd;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.path(), e);
        }
    }

    /** The end of the last complete line in [from, end), or from when there is none. */
    private static long lastLineEnd(FileChannel channel, long from, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long at = end;
        while (at > from) {
            int length = (int) Math.min(buffer.capacity(), at - from);
            buffer.clear().limit(length);
            channel.read(buffer, at - length);
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return at - length + i + 1;
                }
            }
            at -= length;
        }
        return from;
    }

    /** The old file of a rotation: renamed (its key) or copied (its first line), holding more than was read. */
    private Optional<Seen> rotated(Sources.Source source, Position was) {
        List<Seen> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(source.folder()))) {
            for (Path file : files) {
                if (!file.equals(source.followed()) && Files.isRegularFile(file)) {
                    seen(file).ifPresent(candidates::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + source.folder(), e);
        }
        return candidates.stream().filter(c -> c.key().equals(was.fileKey())).findFirst()
                .or(() -> candidates.stream().filter(c -> c.fingerprint().equals(was.fingerprint())
                        && c.size() >= was.offset()).findFirst());
    }

    /** A file as found: where, its key, its size, and its first line's fingerprint (empty while it has none). */
    private record Seen(Path path, String key, long size, String fingerprint) {
    }

    private static Optional<Seen> seen(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return Optional.of(new Seen(file, key == null ? file.toString() : key.toString(), attributes.size(),
                    fingerprint(file).orElse("")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** SHA-256 of the file's first line (its first 4 KiB if longer); empty until a first line is complete. */
    private static Optional<String> fingerprint(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(FINGERPRINT_BYTES);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == '\n') {
                    return Optional.of(DigestUtils.sha256Hex(Arrays.copyOf(head, i)));
                }
            }
            return head.length == FINGERPRINT_BYTES ? Optional.of(DigestUtils.sha256Hex(head)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    Optional<Position> position(long sourceId) {
        return jdbc.sql("select file_key, fingerprint, position, problem from activity_follow where source_id = ?")
                .param(sourceId)
                .query((rs, n) -> new Position(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    private void save(Sources.Source source, Position position) {
        save(jdbc, source, position);
    }

    private void save(JdbcClient sql, Sources.Source source, Position position) {
        sql.sql("""
                        insert into activity_follow (source_id, file_key, fingerprint, position, problem, updated_at)
                        values (?, ?, ?, ?, '', ?)
                        on conflict (source_id) do update set file_key = excluded.file_key,
                            fingerprint = excluded.fingerprint, position = excluded.position,
                            updated_at = excluded.updated_at""")
                .params(source.id(), position.fileKey(), position.fingerprint(), position.offset(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    private void problem(Sources.Source source, String problem) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into activity_follow (source_id, file_key, fingerprint, position, problem, updated_at)
                        values (?, '', '', 0, ?, ?)
                        on conflict (source_id) do update set problem = excluded.problem,
                            updated_at = excluded.updated_at""")
                .params(source.id(), now.toString().substring(0, 16).replace('T', ' ') + " UTC: "
                        + (problem == null ? "failed" : problem), Timestamp.from(now)).update();
    }
}
