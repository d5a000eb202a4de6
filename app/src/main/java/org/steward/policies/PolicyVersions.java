package org.steward.policies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface PolicyVersions extends ListCrudRepository<PolicyVersion, Long> {

    Optional<PolicyVersion> findByPolicyIdAndNumber(long policyId, int number);

    List<PolicyVersion> findByPolicyIdOrderByNumberDesc(long policyId);

    /** Publishing changes only the version's row: its clauses are final from here on. */
    @Modifying
    @Query("""
            update policy_version set status = 'PUBLISHED', sha256 = :sha256, published_at = :at, published_by = :by,
                   note = :note
            where id = :id and status = 'DRAFT'""")
    int publish(long id, String sha256, Instant at, String by, String note);
}
