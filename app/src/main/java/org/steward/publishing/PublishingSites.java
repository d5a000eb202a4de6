package org.steward.publishing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface PublishingSites extends CrudRepository<PublishingSite, Long> {

    Optional<PublishingSite> findByDistrictIdAndId(long districtId, long id);

    List<PublishingSite> findByDistrictIdOrderByName(long districtId);
}
