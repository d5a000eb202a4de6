package org.steward.staff;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface Roster extends ListCrudRepository<StaffMember, Long> {

    Optional<StaffMember> findByIdAndDistrictId(long id, long districtId);

    List<StaffMember> findByDistrictId(long districtId);

    List<StaffMember> findBySupervisorIdAndDistrictIdOrderByLastName(long supervisorId, long districtId);
}
