package org.steward.districts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

/**
 * Time as a district lives it: the injected clock read in the district's own time zone (America/Los_Angeles unless
 * the district says otherwise). Every day boundary and every "today" goes through here.
 */
@Component
public class DistrictTime {

    private final Districts districts;
    private final Clock clock;

    DistrictTime(Districts districts, Clock clock) {
        this.districts = districts;
        this.clock = clock;
    }

    public ZoneId zone(long districtId) {
        return districts.findById(districtId).map(District::zone)
                .orElseThrow(() -> new IllegalArgumentException("There is no district " + districtId + "."));
    }

    public LocalDate today(long districtId) {
        return LocalDate.now(clock.withZone(zone(districtId)));
    }

    public Instant now() {
        return clock.instant();
    }
}
