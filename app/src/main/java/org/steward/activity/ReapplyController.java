package org.steward.activity;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.steward.accounts.StewardUser;
import org.steward.districts.DistrictTime;

/**
 * The lists and rules in use re-applied to the raw logs the district keeps: what some days would count again first,
 * then, with a reason, the re-apply itself, followed until it is done; and the district's earlier re-applies. For
 * those who keep monitoring; it shows counts, never names.
 */
@Controller
class ReapplyController {

    private final Reapplications reapplications;
    private final DistrictTime time;

    ReapplyController(Reapplications reapplications, DistrictTime time) {
        this.reapplications = reapplications;
        this.time = time;
    }

    /** The form, and with days chosen what re-applying them would count again. */
    @GetMapping("/activity/reapply")
    String page(@AuthenticationPrincipal StewardUser me,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Model model) {
        if (from != null && to != null) {
            try {
                model.addAttribute("scope", reapplications.scope(me.districtId(), from, to));
            } catch (Reapplications.Refused refused) {
                model.addAttribute("problem", refused.getMessage());
            }
        }
        return page(me, from, to, "", model);
    }

    @PostMapping("/activity/reapply")
    String reapply(@AuthenticationPrincipal StewardUser me,
                   @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                   @RequestParam(defaultValue = "") String reason, Model model) {
        try {
            model.addAttribute("job", reapplications.submit(me.districtId(), from, to, reason, me.getUsername()));
        } catch (Reapplications.Refused refused) {
            model.addAttribute("problem", refused.getMessage());
            try {
                model.addAttribute("scope", reapplications.scope(me.districtId(), from, to));
            } catch (Reapplications.Refused days) {
                // the problem already says what is wrong with the days
            }
        }
        return page(me, from, to, reason, model);
    }

    /** A re-apply's progress, then what it came to: the fragment the page asks for every second (htmx). */
    @GetMapping("/activity/reapply/jobs/{job}")
    String job(@AuthenticationPrincipal StewardUser me, @PathVariable String job, Model model) {
        model.addAttribute("job", reapplications.job(me.districtId(), job)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such re-apply")));
        return "activity/reapply :: job";
    }

    private String page(StewardUser me, LocalDate from, LocalDate to, String reason, Model model) {
        LocalDate today = time.today(me.districtId());
        model.addAttribute("from", from == null ? today.minusDays(7) : from);
        model.addAttribute("to", to == null ? today : to);
        model.addAttribute("reason", reason);
        model.addAttribute("recent", reapplications.recent(me.districtId(), 20));
        return "activity/reapply";
    }
}
