package org.steward.accounts;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.steward.districts.District;
import org.steward.districts.Districts;

/** Gives every page the signed-in person and the district they act in. */
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

    @ModelAttribute("districtName")
    String districtName() {
        StewardUser user = me();
        return user == null ? "" : districts.findById(user.districtId()).map(District::name).orElse("");
    }
}
