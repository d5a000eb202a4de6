package org.steward.activity;

import java.time.ZoneId;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Districts;

/** Times on the activity pages are the district's local times: duty time is. */
@ControllerAdvice(assignableTypes = {ActivityController.class, SourceController.class})
class DistrictZone {

    private final Districts districts;

    DistrictZone(Districts districts) {
        this.districts = districts;
    }

    @ModelAttribute("zone")
    ZoneId zone(@AuthenticationPrincipal StewardUser me) {
        return me == null ? ZoneId.of("America/Los_Angeles")
                : districts.findById(me.districtId()).map(District::zone).orElse(ZoneId.of("America/Los_Angeles"));
    }
}
