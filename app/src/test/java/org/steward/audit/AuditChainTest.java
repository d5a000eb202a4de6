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
