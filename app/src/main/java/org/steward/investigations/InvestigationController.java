package org.steward.investigations;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;

/** The investigators' page: what was sent for investigation and waits for them. */
@Controller
class InvestigationController {

    static final int WITHDRAWN_SHOWN = 20;
    static final int PAGE = 50;

    private final Intake intake;
    private final WaitingList waiting;
    private final Reports reports;

    InvestigationController(Intake intake, WaitingList waiting, Reports reports) {
        this.intake = intake;
        this.waiting = waiting;
        this.reports = reports;
    }

    @GetMapping("/investigations")
    String intake(@AuthenticationPrincipal StewardUser me, ListParams list, Model model) {
        model.addAttribute("waiting", waiting.page(me.districtId(),
                WaitingList.COLUMNS.paging(list, PAGE).at("/investigations")));
        model.addAttribute("withdrawn", intake.withdrawn(me.districtId(), WITHDRAWN_SHOWN));
        model.addAttribute("withdrawnShown", WITHDRAWN_SHOWN);
        model.addAttribute("reportsWaiting", reports.waiting(me.districtId()));
        return "investigations/intake";
    }
}
