package org.steward.investigations;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

// in a transaction, so a case's children are read on its connection (docs/architecture.md, "One repository")
@Transactional(readOnly = true)
interface CaseRecords extends ListCrudRepository<Case, Long> {

    Optional<Case> findByDistrictIdAndId(long districtId, long id);

    /** The cases merged into one, the earliest first. */
    List<Case> findByDistrictIdAndMergedIntoOrderByNumber(long districtId, long mergedInto);

    /** The case of the district with the number an investigator typed, to merge into or link to. */
    Optional<Case> findByDistrictIdAndNumber(long districtId, int number);
}
