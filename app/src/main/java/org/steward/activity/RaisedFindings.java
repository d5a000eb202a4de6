package org.steward.activity;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Findings as technology services triages them; the rules raise them in bulk elsewhere (UsageStore). */
interface RaisedFindings extends Repository<RaisedFinding, Long> {

    Optional<RaisedFinding> findByDistrictIdAndId(long districtId, long id);

    RaisedFinding save(RaisedFinding finding);
}
