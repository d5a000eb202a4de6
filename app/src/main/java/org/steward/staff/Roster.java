package org.steward.staff;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface Roster extends ListCrudRepository<StaffMember, Long> {

    Optional<StaffMember> findByIdAndDistrictId(long id, long districtId);

    List<StaffMember> findByDistrictId(long districtId);

    List<StaffMember> findBySupervisorIdAndDistrictIdOrderByLastName(long supervisorId, long districtId);

    // the roster keeps addresses as imported; people type and providers send them in any case
    @org.springframework.data.jdbc.repository.query.Query(
            "select * from staff where district_id = :districtId and lower(email) = lower(:email) order by id")
    List<StaffMember> findByDistrictIdAndEmailIgnoringCase(long districtId, String email);
}
