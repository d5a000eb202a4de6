package org.steward.approvals;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

/** Approval requests, loaded and saved whole; always within one district. */
// in a transaction, so an aggregate's children are read on its connection: outside one each read takes a second
// connection, and a pool's worth of such reads at once wait for each other (docs/benchmarks.md, the first morning)
@Transactional(readOnly = true)
interface ApprovalRequests extends ListCrudRepository<ApprovalRequest, Long> {

    Optional<ApprovalRequest> findByDistrictIdAndId(long districtId, long id);

    List<ApprovalRequest> findByDistrictIdAndRequesterStaffIdOrderByCreatedAtDescIdDesc(long districtId,
                                                                                        long staffId);

    List<ApprovalRequest> findByDistrictIdAndRequesterStaffIdAndKindAndStatusOrderByDecidedAtDescIdDesc(
            long districtId, long staffId, Kind kind, Request.Status status);
}
