package org.steward.investigations;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/**
 * The outcomes of cases, without the cases: an employee's own, a supervisor's staff's, and the cases referred to
 * human resources, for HR.
 */
@Controller
class OutcomeController {

    static final int PAGE = 50;

    /** The two lists of the outcomes page, each keeping the other's place. */
    record Lists(ListParams staff, ListParams hr) {
    }

    private final Outcomes outcomes;

    OutcomeController(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @GetMapping("/my/outcomes")
    String mine(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("outcomes", outcomes.aboutMe(me));
        return "investigations/cases/my-outcomes";
    }

    @GetMapping("/outcomes")
    String others(@AuthenticationPrincipal StewardUser me, Lists lists, Model model) {
        if (!outcomes.mayReadOthers(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Outcomes are shown to the supervisor of the person and, for referrals, to human resources.");
        }
        Paging staff = Outcomes.COLUMNS.paging(orNone(lists.staff()), PAGE).at("/outcomes").named("staff");
        Paging hr = Outcomes.COLUMNS.paging(orNone(lists.hr()), PAGE).at("/outcomes").named("hr");
        staff.besides(hr);
        hr.besides(staff);
        model.addAttribute("staff", outcomes.supervises(me) ? outcomes.aboutMyStaff(me, staff) : null);
        model.addAttribute("hr", me.has(Role.HR) ? outcomes.referredToHr(me, hr) : null);
        return "investigations/cases/outcomes";
    }

    private static ListParams orNone(ListParams params) {
        return params == null ? new ListParams(null, null, null, null) : params;
    }
}
