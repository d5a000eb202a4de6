package org.steward.investigations;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.accounts.StewardUser;

/** The investigators' page: what was sent for investigation and waits for them. */
@Controller
class InvestigationController {

    static final int WITHDRAWN_SHOWN = 20;

    private final Intake intake;

    InvestigationController(Intake intake) {
        this.intake = intake;
    }

    @GetMapping("/investigations")
    String intake(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("waiting", intake.waiting(me.districtId()));
        model.addAttribute("withdrawn", intake.withdrawn(me.districtId(), WITHDRAWN_SHOWN));
        model.addAttribute("withdrawnShown", WITHDRAWN_SHOWN);
        return "investigations/intake";
    }
}
