package org.steward.investigations;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

// in a transaction, so an aggregate's children are read on its connection: outside one each read takes a second
// connection, and a pool's worth of such reads at once wait for each other (docs/benchmarks.md, the first morning)
@Transactional(readOnly = true)
interface Referrals extends ListCrudRepository<Referral, Long> {

    Optional<Referral> findByDistrictIdAndFindingId(long districtId, long findingId);

    List<Referral> findByDistrictIdAndStatus(long districtId, Referral.Status status);

    /** The latest withdrawn referrals, by when they were taken back, at most {@code limit}. */
    @org.springframework.data.jdbc.repository.query.Query("""
            select r.* from investigation_referral r
             where r.district_id = :districtId and r.status = 'WITHDRAWN'
             order by (select max(s.at) from investigation_referral_step s where s.referral_id = r.id) desc, r.id desc
             limit :limit""")
    List<Referral> latestWithdrawn(long districtId, int limit);
}
