package org.steward.investigations;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.steward.holds.RecordHolds;

/**
 * A case closed no longer keeps what it refers to: its holds are released. A case merged into another hands its holds
 * to the case that carries on with its evidence (released with it, if that one has closed meanwhile). Heard again (a
 * republished event), it moves or releases nothing more. The evidence itself stays with the case, append-only.
 */
@Component
class EvidenceHolds {

    private final RecordHolds holds;
    private final CaseRecords cases;

    EvidenceHolds(RecordHolds holds, CaseRecords cases) {
        this.holds = holds;
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(CaseClosed closed) {
        Case ended = cases.findByDistrictIdAndId(closed.districtId(), closed.caseId()).orElse(null);
        if (ended != null && ended.status() == Case.Status.MERGED) {
            Case survivor = CaseRecords.carriedOnBy(cases, ended);
            holds.transfer(closed.districtId(), ended.id(), survivor.id(), survivor.number());
            if (survivor.status() != Case.Status.OPEN) {
                holds.release(closed.districtId(), survivor.id(), closed.at());
            }
            return;
        }
        holds.release(closed.districtId(), closed.caseId(), closed.at());
    }
}
