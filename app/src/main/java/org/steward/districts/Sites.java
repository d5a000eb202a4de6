package org.steward.districts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface Sites extends ListCrudRepository<Site, Long> {

    List<Site> findByDistrictIdOrderByName(long districtId);

    Optional<Site> findByDistrictIdAndCode(long districtId, String code);

    Optional<Site> findByIdAndDistrictId(long id, long districtId);
}
