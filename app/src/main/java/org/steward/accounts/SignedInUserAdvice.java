package org.steward.accounts;

import java.time.ZoneId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.steward.districts.District;
import org.steward.districts.Districts;

/** Gives every page the signed-in person, the district they act in and its time zone. */
@ControllerAdvice
class SignedInUserAdvice {

    private final Districts districts;

    SignedInUserAdvice(Districts districts) {
        this.districts = districts;
    }

    @ModelAttribute("me")
    StewardUser me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof StewardUser user ? user : null;
    }

    /** The district's time zone: every time a page shows is in it, and the footer says which it is. */
    @ModelAttribute("zone")
    ZoneId zone() {
        StewardUser user = me();
        return user == null ? District.DEFAULT_ZONE
                : districts.findById(user.districtId()).map(District::zone).orElse(District.DEFAULT_ZONE);
    }

    /** "Pacific Time (America/Los_Angeles)", said once on every page, in its footer. */
    @ModelAttribute("zoneName")
    String zoneName() {
        ZoneId zone = zone();
        return zone.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US) + " (" + zone.getId() + ")";
    }

    @ModelAttribute("districtName")
    String districtName() {
        StewardUser user = me();
        return user == null ? "" : districts.findById(user.districtId()).map(District::name).orElse("");
    }
}
