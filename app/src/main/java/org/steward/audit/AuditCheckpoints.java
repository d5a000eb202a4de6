package org.steward.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit chain's head, written regularly outside the database, as a Certificate Transparency log publishes its
 * signed tree heads: a line per checkpoint (district, sequence, hash of that entry, time) keyed with the audit key,
 * appended to a file per district in the folder the operator names ({@code STEWARD_AUDIT_CHECKPOINTS}, default
 * {@code data/audit-checkpoints}), and shown on the audit page for a records officer to keep. A chain whose newest
 * entries were deleted, or whose entry a checkpoint saw was replaced, no longer matches its last checkpoint.
 */
@Component
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    /** A checkpoint as written: what it saw, and whether its own key still holds. */
    record Checkpoint(long districtId, long sequence, String hash, Instant at, String line, boolean authentic) {
    }

    private final JdbcClient jdbc;
    private final AuditKey key;
    private final Clock clock;
    private final Path folder;

    AuditCheckpoints(JdbcClient jdbc, AuditKey key, Clock clock,
                     @Value("${steward.audit.checkpoints:${steward.db.data-dir:data}/audit-checkpoints}") Path folder) {
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
        this.folder = folder;
    }

    /** Writes a checkpoint of every district whose chain grew since its last one. */
    @Scheduled(initialDelayString = "${steward.audit.checkpoint-initial-delay:PT1M}",
            fixedDelayString = "${steward.audit.checkpoint-every:PT1H}")
    void writeAll() {
        jdbc.sql("select distinct district_id from audit_entry").query(Long.class).list().forEach(district -> {
            try {
                write(district);
            } catch (RuntimeException e) {
                log.warn("Could not write the audit checkpoint of district {}", district, e);
            }
        });
    }

    /** Writes the district's head now, unless the last checkpoint already saw it; the latest checkpoint. */
    Optional<Checkpoint> write(long districtId) {
        Optional<Object[]> head = jdbc.sql("select sequence, hash from audit_entry where district_id = ? "
                        + "order by sequence desc limit 1").param(districtId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Optional<Checkpoint> last = latest(districtId);
        if (last.isPresent() && last.get().sequence() == (Long) head.get()[0]) {
            return last;
        }
        String body = "district=" + districtId + " sequence=" + head.get()[0] + " hash=" + head.get()[1] + " at="
                + clock.instant();
        String line = body + " mac=" + key.mac(body);
        try {
            Files.createDirectories(folder);
            Files.writeString(file(districtId), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit checkpoint to " + file(districtId), e);
        }
        return latest(districtId);
    }

    /** The district's last checkpoint, if one was written. */
    Optional<Checkpoint> latest(long districtId) {
        Path file = file(districtId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(parse(lines.get(lines.size() - 1)));
    }

    private Checkpoint parse(String line) {
        int mac = line.lastIndexOf(" mac=");
        String body = mac < 0 ? line : line.substring(0, mac);
        boolean authentic = mac >= 0 && key.mac(body).equals(line.substring(mac + 5));
        long district = -1;
        long sequence = -1;
        String hash = "";
        Instant at = Instant.EPOCH;
        for (String part : body.split(" ")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = part.substring(eq + 1);
            try {
                switch (part.substring(0, eq)) {
                    case "district" -> district = Long.parseLong(value);
                    case "sequence" -> sequence = Long.parseLong(value);
                    case "hash" -> hash = value;
                    case "at" -> at = Instant.parse(value);
                    default -> { }
                }
            } catch (RuntimeException unreadable) {
                authentic = false;
            }
        }
        return new Checkpoint(district, sequence, hash, at, line, authentic);
    }

    /** The district's checkpoint file. */
    Path file(long districtId) {
        return folder.resolve("district-" + districtId + ".checkpoints");
    }
}
