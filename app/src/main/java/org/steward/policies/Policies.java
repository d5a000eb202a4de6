package org.steward.policies;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface Policies extends ListCrudRepository<Policy, Long> {

    List<Policy> findByDistrictIdOrderByTitle(long districtId);

    Optional<Policy> findByIdAndDistrictId(long id, long districtId);

    Optional<Policy> findByDistrictIdAndAdoptedTrue(long districtId);
}
