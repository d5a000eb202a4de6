package org.steward.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * Appends to, reads and verifies the audit trail. An entry is written in the same transaction as the change it
 * records, so neither exists without the other. Entries of a district form a chain: each holds the hash of the
 * previous entry and its own, an HMAC-SHA256 of its canonical content with a key kept outside the database
 * ({@link AuditKey}), so a changed or removed row breaks the chain at that point and cannot be hidden by recomputing
 * the chain after it. The chain's head is written regularly outside the database ({@link AuditCheckpoints}), so a
 * deleted tail is found too. (Entries from before the chain was keyed are plain SHA-256, and verified as such.)
 */
@Service
public class AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKey key;
    private final AuditCheckpoints checkpoints;

    AuditLog(JdbcClient jdbc, Clock clock, AuditKey key, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.key = key;
        this.checkpoints = checkpoints;
    }

    /** Records a change of state or a look at sensitive records by whoever is signed in. */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(long districtId, String action, String recordType, Object recordId, String details) {
        return record(districtId, action, recordType, recordId, "", details);
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(long districtId, String action, String recordType, Object recordId, String reason,
                             String details) {
        // One writer per district chain at a time; the lock ends with the transaction.
        jdbc.sql("select pg_advisory_xact_lock(4040, ?::int)").param((int) districtId).query(Object.class).list();
        var head = jdbc.sql("select sequence, hash from audit_entry where district_id = ? order by sequence desc limit 1")
                .param(districtId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        long sequence = head.map(h -> (Long) h[0] + 1).orElse(1L);
        String prevHash = head.map(h -> (String) h[1]).orElse(GENESIS);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEntry draft = new AuditEntry(0, districtId, sequence, at, actor(), sourceIp(), action, recordType,
                String.valueOf(recordId), nullToEmpty(reason), nullToEmpty(details), prevHash, "");
        String hash = key.mac(draft.canonical());
        long id = jdbc.sql("""
                insert into audit_entry (district_id, sequence, at, actor, source_ip, action, record_type, record_id,
                                         reason, details, prev_hash, hash, keyed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true) returning id""")
                .params(districtId, sequence, Timestamp.from(at), draft.actor(), draft.sourceIp(), action, recordType,
                        draft.recordId(), draft.reason(), draft.details(), prevHash, hash)
                .query(Long.class).single();
        return new AuditEntry(id, districtId, sequence, at, draft.actor(), draft.sourceIp(), action, recordType,
                draft.recordId(), draft.reason(), draft.details(), prevHash, hash);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> latest(long districtId, String recordType, String recordId, int limit) {
        return jdbc.sql("""
                select * from audit_entry where district_id = :district
                  and (:type = '' or record_type = :type) and (:id = '' or record_id = :id)
                order by sequence desc limit :limit""")
                .param("district", districtId).param("type", nullToEmpty(recordType))
                .param("id", nullToEmpty(recordId)).param("limit", limit)
                .query(AuditLog::entry).list();
    }

    /** The columns the audit trail may be sorted by: newest first. */
    public static final SortColumns COLUMNS = SortColumns.of("audit trail", "sequence")
            .byDescending("sequence")
            .by("actor", "actor")
            .by("action", "action");

    /** What the audit trail page is asked for; blank means any. */
    public record Filter(String recordType, String recordId, String actor, String action) {
    }

    /** A page of the district's audit trail: one count and one query. */
    @Transactional(readOnly = true)
    public Paged<AuditEntry> page(long districtId, Filter filter, Paging paging) {
        String where = """
                from audit_entry where district_id = :district
                  and (:type = '' or record_type = :type) and (:id = '' or record_id = :id)
                  and (:actor = '' or actor = :actor) and (:action = '' or action = :action)
                """;
        java.util.function.Function<String, JdbcClient.StatementSpec> sql = text -> jdbc.sql(text)
                .param("district", districtId).param("type", nullToEmpty(filter.recordType()).strip())
                .param("id", nullToEmpty(filter.recordId()).strip()).param("actor", nullToEmpty(filter.actor()).strip())
                .param("action", nullToEmpty(filter.action()).strip());
        return Paged.of(paging, () -> sql.apply("select count(*) " + where).query(Long.class).single(),
                page -> sql.apply("select * " + where + page.orderBy() + " offset :offset limit :limit")
                        .param("offset", page.offset()).param("limit", page.limit())
                        .query(AuditLog::entry).list());
    }

    /**
     * Walks the district's chain from its first entry and reports the first link that does not hold; then compares
     * the chain with its last checkpoint, which finds a deleted tail and a replaced head.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify(long districtId) {
        ChainVerification walked = walk(districtId);
        if (!walked.intact()) {
            return walked;
        }
        Optional<AuditCheckpoints.Checkpoint> last = checkpoints.latest(districtId);
        if (last.isEmpty()) {
            return walked;
        }
        AuditCheckpoints.Checkpoint checkpoint = last.get();
        if (!checkpoint.authentic() || checkpoint.districtId() != districtId) {
            return new ChainVerification(walked.checked(), checkpoint.sequence(),
                    "the last checkpoint was changed after it was written: its key does not hold");
        }
        Optional<String> seen = jdbc.sql("select hash from audit_entry where district_id = ? and sequence = ?")
                .params(districtId, checkpoint.sequence()).query(String.class).optional();
        if (seen.isEmpty()) {
            return new ChainVerification(walked.checked(), checkpoint.sequence(), "entries " + (walked.checked() + 1)
                    + " to " + checkpoint.sequence() + " are missing: the checkpoint of " + checkpoint.at()
                    + " saw the chain up to entry " + checkpoint.sequence());
        }
        if (!seen.get().equals(checkpoint.hash())) {
            return new ChainVerification(walked.checked(), checkpoint.sequence(), "entry " + checkpoint.sequence()
                    + " is not the one the checkpoint of " + checkpoint.at() + " saw");
        }
        return walked;
    }

    /** Writes a checkpoint of the district's chain now (the records officer's button), and returns it. */
    public Optional<String> checkpoint(long districtId) {
        return checkpoints.write(districtId).map(AuditCheckpoints.Checkpoint::line);
    }

    /** The district's last checkpoint as written, for a records officer to keep. */
    public Optional<String> lastCheckpoint(long districtId) {
        return checkpoints.latest(districtId).map(AuditCheckpoints.Checkpoint::line);
    }

    private ChainVerification walk(long districtId) {
        String[] previous = {GENESIS};
        long[] expected = {1};
        long[] checked = {0};
        boolean[] keyedSeen = {false};
        ChainVerification[] broken = {null};
        jdbc.sql("select * from audit_entry where district_id = ? order by sequence").param(districtId)
                .query(rs -> {
                    if (broken[0] != null) {
                        return;
                    }
                    AuditEntry entry = entry(rs, 0);
                    boolean keyed = rs.getBoolean("keyed");
                    checked[0]++;
                    String problem = entry.sequence() != expected[0]
                            ? "entry " + expected[0] + " is missing"
                            // entries from before the chain was keyed come first, never after a keyed one
                            : !keyed && keyedSeen[0]
                            ? "it passes for an entry from before the chain was keyed, after keyed ones"
                            : !entry.prevHash().equals(previous[0])
                            ? "it does not hold the hash of the entry before it"
                            : !(keyed ? key.mac(entry.canonical())
                                    : DigestUtils.sha256Hex(entry.canonical())).equals(entry.hash())
                            ? "its content does not match its hash: it was changed after it was written"
                            : null;
                    if (problem != null) {
                        broken[0] = new ChainVerification(checked[0], entry.sequence(), problem);
                    }
                    previous[0] = entry.hash();
                    expected[0] = entry.sequence() + 1;
                    keyedSeen[0] |= keyed;
                });
        return broken[0] != null ? broken[0] : new ChainVerification(checked[0], null, null);
    }

    private static AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getLong("district_id"), rs.getLong("sequence"),
                rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("source_ip"),
                rs.getString("action"), rs.getString("record_type"), rs.getString("record_id"),
                rs.getString("reason"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
    }

    private static String sourceIp() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : "-";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
