package org.steward.investigations;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.steward.holds.RecordHolds;

/**
 * A case closed or merged no longer keeps what it refers to: its holds are released. Heard again (a republished
 * event), it releases nothing more. The evidence itself stays with the case, append-only.
 */
@Component
class EvidenceHolds {

    private final RecordHolds holds;

    EvidenceHolds(RecordHolds holds) {
        this.holds = holds;
    }

    @ApplicationModuleListener
    void on(CaseClosed closed) {
        holds.release(closed.districtId(), closed.caseId(), closed.at());
    }
}
