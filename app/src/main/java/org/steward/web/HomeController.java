package org.steward.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.accounts.StewardUser;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;

@Controller
class HomeController {

    private final PolicyLibrary policies;
    private final StaffDirectory staff;

    HomeController(PolicyLibrary policies, StaffDirectory staff) {
        this.policies = policies;
        this.staff = staff;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("policies", policies.all(me.districtId()));
        model.addAttribute("staffCount", me.mayReadStaff() ? staff.count(me.districtId()) : null);
        return "home";
    }
}
