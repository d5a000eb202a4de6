package org.steward.approvals;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

/** Approval requests, loaded and saved whole; always within one district. */
interface ApprovalRequests extends ListCrudRepository<ApprovalRequest, Long> {

    Optional<ApprovalRequest> findByDistrictIdAndId(long districtId, long id);

    List<ApprovalRequest> findByDistrictIdAndRequesterStaffIdOrderByCreatedAtDescIdDesc(long districtId,
                                                                                        long staffId);

    List<ApprovalRequest> findByDistrictIdAndRequesterStaffIdAndKindAndStatusOrderByDecidedAtDescIdDesc(
            long districtId, long staffId, Kind kind, Request.Status status);
}
