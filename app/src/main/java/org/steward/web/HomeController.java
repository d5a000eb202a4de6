package org.steward.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Assignment;
import org.steward.acknowledgments.Campaign;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.CompletionReport;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;

@Controller
class HomeController {

    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final Campaigns campaigns;
    private final CompletionReport reports;

    HomeController(PolicyLibrary policies, StaffDirectory staff, Campaigns campaigns, CompletionReport reports) {
        this.policies = policies;
        this.staff = staff;
        this.campaigns = campaigns;
        this.reports = reports;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("policies", policies.all(me.districtId()));
        model.addAttribute("staffCount", me.mayReadStaff() ? staff.count(me.districtId()) : null);
        if (me.staffId() != null) {
            model.addAttribute("toSign", campaigns.assignmentsOf(me.districtId(), me.staffId()).stream()
                    .filter(a -> !a.isSigned())
                    .filter(a -> campaigns.find(me.districtId(), a.campaignId()).map(Campaign::isOpen).orElse(false))
                    .map(Assignment::campaignId).toList());
        }
        if (me.mayReadCompletion()) {
            campaigns.list(me.districtId()).stream().filter(Campaign::isOpen).findFirst().ifPresent(open -> {
                CompletionReport.Report report = reports.overview(open, me);
                model.addAttribute("completion", report);
                model.addAttribute("chart", CompletionReport.chart(report.bySite()));
            });
        }
        return "home";
    }
}
