package org.steward.activity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Findings as technology services triages them; the rules raise them in bulk elsewhere (UsageStore). */
// in a transaction, so an aggregate's children are read on its connection: outside one each read takes a second
// connection, and a pool's worth of such reads at once wait for each other (docs/benchmarks.md, the first morning)
@Transactional(readOnly = true)
interface RaisedFindings extends Repository<RaisedFinding, Long> {

    Optional<RaisedFinding> findByDistrictIdAndId(long districtId, long id);

    List<RaisedFinding> findByDistrictIdAndIdIn(long districtId, Collection<Long> ids);

    @Transactional
    RaisedFinding save(RaisedFinding finding);
}
