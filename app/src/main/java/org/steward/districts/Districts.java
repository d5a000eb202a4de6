package org.steward.districts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface Districts extends ListCrudRepository<District, Long> {

    Optional<District> findBySlug(String slug);

    List<District> findAllByOrderByName();
}
