package org.steward.stream.job;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The districts the job counts for, by id, as it was started with them. */
record Districts(Map<String, DistrictSetup> byId) implements Serializable {

    static Districts of(List<DistrictSetup> setups) {
        return new Districts(Map.copyOf(setups.stream().collect(Collectors.toMap(DistrictSetup::district,
                Function.identity()))));
    }

    DistrictSetup get(String district) {
        return byId.get(district);
    }
}
