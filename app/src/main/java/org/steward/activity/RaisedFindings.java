package org.steward.activity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Findings as technology services triages them; the rules raise them in bulk elsewhere (UsageStore). */
interface RaisedFindings extends Repository<RaisedFinding, Long> {

    Optional<RaisedFinding> findByDistrictIdAndId(long districtId, long id);

    List<RaisedFinding> findByDistrictIdAndIdIn(long districtId, Collection<Long> ids);

    RaisedFinding save(RaisedFinding finding);
}
