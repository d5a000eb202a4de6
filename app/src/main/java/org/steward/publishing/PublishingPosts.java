package org.steward.publishing;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface PublishingPosts extends CrudRepository<Post, Long> {

    Optional<Post> findByDistrictIdAndId(long districtId, long id);
}
