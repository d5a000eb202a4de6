package org.steward.publishing;

import java.util.List;

import org.springframework.data.repository.CrudRepository;

interface PublishingSites extends CrudRepository<PublishingSite, Long> {

    List<PublishingSite> findByDistrictIdOrderByName(long districtId);
}
