package org.steward.policies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

// in a transaction, so an aggregate's children are read on its connection: outside one each read takes a second
// connection, and a pool's worth of such reads at once wait for each other (docs/benchmarks.md, the first morning)
@Transactional(readOnly = true)
interface PolicyVersions extends ListCrudRepository<PolicyVersion, Long> {

    Optional<PolicyVersion> findByPolicyIdAndNumber(long policyId, int number);

    List<PolicyVersion> findByPolicyIdOrderByNumberDesc(long policyId);

    /** Publishing changes only the version's row: its clauses are final from here on. */
    @Modifying
    @Transactional
    @Query("""
            update policy_version set status = 'PUBLISHED', sha256 = :sha256, published_at = :at, published_by = :by,
                   note = :note
            where id = :id and status = 'DRAFT'""")
    int publish(long id, String sha256, Instant at, String by, String note);
}
