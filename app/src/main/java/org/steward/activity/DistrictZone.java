package org.steward.activity;

import java.time.ZoneId;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Districts;

/** Times on the activity pages are the district's local times: duty time is. */
@ControllerAdvice(assignableTypes = {ActivityController.class, SourceController.class, RulesController.class})
class DistrictZone {

    static final ZoneId DEFAULT = ZoneId.of("America/Los_Angeles");

    private final Districts districts;

    DistrictZone(Districts districts) {
        this.districts = districts;
    }

    /** Once a request: the pages' times, and the controllers' days, both read it. */
    @ModelAttribute("zone")
    ZoneId zone(@AuthenticationPrincipal StewardUser me) {
        return me == null ? DEFAULT : districts.findById(me.districtId()).map(District::zone).orElse(DEFAULT);
    }
}
