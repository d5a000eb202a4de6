package org.steward.investigations;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface Referrals extends ListCrudRepository<Referral, Long> {

    Optional<Referral> findByDistrictIdAndFindingId(long districtId, long findingId);

    List<Referral> findByDistrictIdAndStatus(long districtId, Referral.Status status);
}
