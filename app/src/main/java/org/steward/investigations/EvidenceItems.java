package org.steward.investigations;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

/** A case's items of evidence, each loaded alone; lists of them are read by {@link EvidenceLocker} a page at a time. */
interface EvidenceItems extends ListCrudRepository<EvidenceItem, Long> {

    Optional<EvidenceItem> findByDistrictIdAndCaseIdAndId(long districtId, long caseId, long id);
}
