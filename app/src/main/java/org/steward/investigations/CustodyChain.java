package org.steward.investigations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.audit.AuditLog;

/**
 * Each item's chain of custody: who added, viewed, downloaded or exported it, when, and why where a reason was asked.
 * Append-only (a trigger refuses to change or delete an entry), and every entry is in the audit trail too.
 */
@Component
class CustodyChain {

    enum Action {
        ADDED("added"), VIEWED("viewed"), DOWNLOADED("downloaded"), EXPORTED("exported in the case file");

        private final String words;

        Action(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    record Entry(long evidenceId, Action action, String by, String reason, Instant at) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    CustodyChain(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    void record(EvidenceItem item, Action action, String by, String reason, Instant at, int caseNumber) {
        jdbc.sql("insert into investigation_custody (district_id, evidence_id, action, by_name, reason, at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(item.districtId(), item.id(), action.name(), by, reason, Timestamp.from(at)).update();
        audit.record(item.districtId(), "EVIDENCE_" + action.name(), "investigation_evidence", item.id(), reason,
                "case " + caseNumber + ", " + item.kind().title().toLowerCase(java.util.Locale.ROOT) + ": "
                        + item.description() + " (SHA-256 " + item.sha256() + ") " + action.words() + " by " + by);
    }

    /** Every item of a case exported at once (the case file): one statement for the chain, one audit entry. */
    void exportedAll(long districtId, long caseId, int caseNumber, String by, String reason, Instant at) {
        int items = jdbc.sql("""
                        insert into investigation_custody (district_id, evidence_id, action, by_name, reason, at)
                        select district_id, id, 'EXPORTED', ?, ?, ? from investigation_evidence
                         where district_id = ? and case_id in (select id from investigation_case_family(?))""")
                .params(by, reason, Timestamp.from(at), districtId, caseId).update();
        audit.record(districtId, "CASE_FILE_EXPORTED", "investigation_case", caseId, reason,
                "case " + caseNumber + ": the case file with its " + items + " items of evidence, by " + by);
    }

    /** An item's chain, oldest first. */
    List<Entry> of(long districtId, long evidenceId) {
        return jdbc.sql("select evidence_id, action, by_name, reason, at from investigation_custody "
                        + "where district_id = ? and evidence_id = ? order by at, id")
                .params(districtId, evidenceId).query(CustodyChain::entry).list();
    }

    /** The chains of every item of a case, by item, oldest first: one query. */
    Map<Long, List<Entry>> ofCase(long districtId, long caseId) {
        Map<Long, List<Entry>> chains = new LinkedHashMap<>();
        jdbc.sql("""
                        select c.evidence_id, c.action, c.by_name, c.reason, c.at from investigation_custody c
                          join investigation_evidence e on e.id = c.evidence_id
                         where e.district_id = ? and e.case_id in (select id from investigation_case_family(?))
                         order by c.evidence_id, c.at, c.id""")
                .params(districtId, caseId).query(CustodyChain::entry).list()
                .forEach(e -> chains.computeIfAbsent(e.evidenceId(), k -> new java.util.ArrayList<>()).add(e));
        return chains;
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), Action.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
