package org.steward.investigations;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

// in a transaction, so a case's children are read on its connection (docs/architecture.md, "One repository")
@Transactional(readOnly = true)
interface CaseRecords extends ListCrudRepository<Case, Long> {

    Optional<Case> findByDistrictIdAndId(long districtId, long id);

    /**
     * The case that carries on with a merged one's sources and evidence: the one it was merged into, or that one's
     * own survivor if it was merged in turn.
     */
    static Case carriedOnBy(CaseRecords cases, Case merged) {
        Case survivor = merged;
        while (survivor.status() == Case.Status.MERGED) {
            survivor = cases.findByDistrictIdAndId(merged.districtId(), survivor.mergedInto()).orElseThrow();
        }
        return survivor;
    }

    /** The case of the district with the number an investigator typed, to merge into or link to. */
    Optional<Case> findByDistrictIdAndNumber(long districtId, int number);
}
