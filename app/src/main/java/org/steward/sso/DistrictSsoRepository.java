package org.steward.sso;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface DistrictSsoRepository extends ListCrudRepository<DistrictSso, Long> {

    Optional<DistrictSso> findByDistrictId(long districtId);

    List<DistrictSso> findByEnabledTrue();
}
