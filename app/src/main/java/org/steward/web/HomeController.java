package org.steward.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.devices.DeviceSettings;
import org.steward.devices.Handovers;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Assignment;
import org.steward.acknowledgments.Campaign;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.CompletionReport;
import org.steward.approvals.Approvals;
import org.steward.devices.Incidents;
import org.steward.devices.Inventory;
import org.steward.devices.Returns;
import org.steward.investigations.CaseLinks;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;

@Controller
class HomeController {

    private final DeviceSettings deviceSettings;
    private final Handovers handovers;
    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final Campaigns campaigns;
    private final CompletionReport reports;
    private final Approvals approvals;
    private final Incidents incidents;
    private final Returns returns;
    private final Inventory inventory;
    private final CaseLinks caseLinks;

    HomeController(PolicyLibrary policies, StaffDirectory staff, Campaigns campaigns, CompletionReport reports,
                   Approvals approvals, Incidents incidents, Returns returns, Inventory inventory,
                   Handovers handovers, DeviceSettings deviceSettings, CaseLinks caseLinks) {
        this.caseLinks = caseLinks;
        this.deviceSettings = deviceSettings;
        this.handovers = handovers;
        this.policies = policies;
        this.staff = staff;
        this.campaigns = campaigns;
        this.reports = reports;
        this.approvals = approvals;
        this.incidents = incidents;
        this.returns = returns;
        this.inventory = inventory;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("policies", policies.standing(me.districtId()));
        model.addAttribute("staffCount", me.mayReadStaff() ? staff.count(me.districtId()) : null);
        if (me.staffId() != null) {
            model.addAttribute("toSign", campaigns.assignmentsOf(me.districtId(), me.staffId()).stream()
                    .filter(a -> !a.isSigned())
                    .filter(a -> campaigns.find(me.districtId(), a.campaignId()).map(Campaign::isOpen).orElse(false))
                    .map(Assignment::campaignId).toList());
        }
        model.addAttribute("toDecide", approvals.waiting(me.districtId(), me));
        if (me.staffId() != null) {
            model.addAttribute("devicesToSign", handovers.of(me.districtId(), me.staffId()).stream()
                    .filter(Handovers.Handover::awaitingSignature).count());
        }
        if (me.mayReadDevices()) {
            var today = returns.today(me.districtId());
            model.addAttribute("reportsToAssess", incidents.all(me.districtId()).stream()
                    .filter(i -> !i.decided()).count());
            model.addAttribute("returnsOverdue", returns.checklists(me.districtId(), false).stream()
                    .filter(c -> c.overdue(today)).count());
            model.addAttribute("unsafe", inventory.unsafe(me.districtId(),
                    deviceSettings.of(me.districtId()).patchDays(), today).size());
        }
        if (me.mayReadCompletion()) {
            campaigns.list(me.districtId()).stream().filter(Campaign::isOpen).findFirst().ifPresent(open -> {
                CompletionReport.Report report = reports.overview(open, me);
                model.addAttribute("completion", report);
                model.addAttribute("chart", CompletionReport.chart(report.bySite()));
            });
        }
        model.addAttribute("investigations", caseLinks.of(me));
        return "home";
    }
}
