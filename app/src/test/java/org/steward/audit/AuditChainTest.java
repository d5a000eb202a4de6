package org.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

@StewardTest
class AuditChainTest {

    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired Fixtures fixtures;
    @Autowired AuditCheckpoints checkpoints;

    @Test
    void entriesFormAChainThatVerifies() {
        District district = fixtures.district("Chain Unified");
        AuditEntry first = audit.record(district.id(), "TEST", "thing", 1, "one");
        AuditEntry second = audit.record(district.id(), "TEST", "thing", 2, "a reason", "two");

        assertThat(first.prevHash()).isEqualTo(AuditLog.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.reason()).isEqualTo("a reason");
        assertThat(second.actor()).isEqualTo("system");
        ChainVerification verification = audit.verify(district.id());
        assertThat(verification.intact()).isTrue();
        assertThat(verification.checked()).isEqualTo(2);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        District district = fixtures.district("Append Only Unified");
        AuditEntry entry = audit.record(district.id(), "TEST", "thing", 1, "original");
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set details = 'edited' where id = ?")
                .param(entry.id()).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = ?").param(entry.id()).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void verificationFindsTheFirstRowChangedBehindStewardsBack() {
        District district = fixtures.district("Tampered Unified");
        for (int i = 1; i <= 5; i++) {
            audit.record(district.id(), "TEST", "thing", i, "entry " + i);
        }
        // Someone with database rights switches the guard off and edits the third entry.
        behindStewardsBack("update audit_entry set details = 'nothing happened' where district_id = ? and sequence = 3",
                district.id());

        ChainVerification verification = audit.verify(district.id());

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAtSequence()).isEqualTo(3);
        assertThat(verification.problem()).contains("changed after it was written");
    }

    @Test
    void verificationFindsADeletedRow() {
        District district = fixtures.district("Deleted Unified");
        for (int i = 1; i <= 4; i++) {
            audit.record(district.id(), "TEST", "thing", i, "entry " + i);
        }
        behindStewardsBack("delete from audit_entry where district_id = ? and sequence = 2", district.id());
        ChainVerification verification = audit.verify(district.id());
        assertThat(verification.brokenAtSequence()).isEqualTo(3);
        assertThat(verification.problem()).contains("entry 2 is missing");
    }

    @Test
    void anEntryDeletedAndTheChainRecomputedAfterItIsFoundForTheKeyIsNotInTheDatabase() {
        District district = fixtures.district("Rewritten Unified");
        for (int i = 1; i <= 4; i++) {
            audit.record(district.id(), "TEST", "thing", i, "entry " + i);
        }
        // an attacker with the database deletes entry 2 and rewrites 3 and 4 with the sequence closed up and every
        // hash recomputed as plain SHA-256: all they can compute without the key
        behindStewardsBack("delete from audit_entry where district_id = ? and sequence = 2", district.id());
        String previous = jdbc.sql("select hash from audit_entry where district_id = ? and sequence = 1")
                .param(district.id()).query(String.class).single();
        for (long sequence = 3; sequence <= 4; sequence++) {
            AuditEntry e = jdbc.sql("select * from audit_entry where district_id = ? and sequence = ?")
                    .params(district.id(), sequence).query((rs, n) -> new AuditEntry(rs.getLong("id"),
                            rs.getLong("district_id"), rs.getLong("sequence") - 1, rs.getTimestamp("at").toInstant(),
                            rs.getString("actor"), rs.getString("source_ip"), rs.getString("action"),
                            rs.getString("record_type"), rs.getString("record_id"), rs.getString("reason"),
                            rs.getString("details"), "", "")).single();
            AuditEntry rewritten = new AuditEntry(e.id(), e.districtId(), e.sequence(), e.at(), e.actor(),
                    e.sourceIp(), e.action(), e.recordType(), e.recordId(), e.reason(), e.details(), previous, "");
            previous = org.apache.commons.codec.digest.DigestUtils.sha256Hex(rewritten.canonical());
            behindStewardsBack("update audit_entry set sequence = " + e.sequence() + ", prev_hash = '"
                    + rewritten.prevHash() + "', hash = '" + previous + "' where id = " + e.id()
                    + " and district_id = ?", district.id());
        }

        ChainVerification verification = audit.verify(district.id());

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAtSequence()).isEqualTo(2);
        assertThat(verification.problem()).contains("changed after it was written");
        // nor does passing the rewritten entries off as written before the chain was keyed
        behindStewardsBack("update audit_entry set keyed = false where district_id = ? and sequence >= 2",
                district.id());
        assertThat(audit.verify(district.id()).problem()).contains("from before the chain was keyed, after keyed ones");
    }

    @Test
    void theNewestEntriesDeletedAfterACheckpointAreFoundMissing() {
        District district = fixtures.district("Truncated Unified");
        for (int i = 1; i <= 5; i++) {
            audit.record(district.id(), "TEST", "thing", i, "entry " + i);
        }
        assertThat(audit.checkpoint(district.id())).hasValueSatisfying(line -> assertThat(line)
                .startsWith("district=" + district.id() + " sequence=5 hash=").contains(" mac="));
        behindStewardsBack("delete from audit_entry where district_id = ? and sequence >= 4", district.id());

        ChainVerification verification = audit.verify(district.id());

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAtSequence()).isEqualTo(5);
        assertThat(verification.problem()).startsWith("entries 4 to 5 are missing: the checkpoint of");
    }

    @Test
    void aCheckpointThatNoLongerMatchesOrWasEditedIsFound() throws Exception {
        District district = fixtures.district("Replaced Unified");
        audit.record(district.id(), "TEST", "thing", 1, "entry 1");
        audit.checkpoint(district.id());
        audit.record(district.id(), "TEST", "thing", 2, "entry 2");
        assertThat(audit.verify(district.id()).intact()).as("entries after the checkpoint are fine").isTrue();

        java.nio.file.Path file = checkpoints.file(district.id());
        String line = java.nio.file.Files.readString(file).strip();
        java.nio.file.Files.writeString(file, line.replaceFirst("sequence=1", "sequence=2") + "\n");

        assertThat(audit.verify(district.id()).problem()).contains("the last checkpoint was changed");
    }

    /** Changes the audit table the way a database administrator could, with the append-only guard off. */
    private void behindStewardsBack(String sql, long districtId) {
        jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
        try {
            jdbc.sql(sql).param(districtId).update();
        } finally {
            jdbc.sql("alter table audit_entry enable trigger audit_entry_append_only").update();
        }
    }
}
