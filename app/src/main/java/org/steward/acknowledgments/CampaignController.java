package org.steward.acknowledgments;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.districts.Sites;
import org.steward.exports.CsvExport;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;
import org.steward.policies.PolicyDocument;
import org.steward.policies.PolicyLibrary;
import org.steward.policies.PolicyVersion;
import org.steward.staff.StaffDirectory;


/** HR's side: campaigns, their completion reports and CSV, the signature page's statements and the settings. */
@Controller
class CampaignController {

    static final int PAGE = 50;

    /** A campaign in the list, with its policy and completion. */
    record Listed(Campaign campaign, PolicyDocument document, CompletionReport.Row total) {
    }

    /** A published version HR may open a campaign on. */
    record Choice(long versionId, String label) {
    }

    private final Campaigns campaigns;
    private final CompletionReport reports;
    private final SignaturePage signaturePage;
    private final PolicyLibrary policies;
    private final Sites sites;
    private final StaffDirectory staff;
    private final Reminders reminders;

    CampaignController(Campaigns campaigns, CompletionReport reports, SignaturePage signaturePage,
                       PolicyLibrary policies, Sites sites, StaffDirectory staff, Reminders reminders) {
        this.reminders = reminders;
        this.campaigns = campaigns;
        this.reports = reports;
        this.signaturePage = signaturePage;
        this.policies = policies;
        this.sites = sites;
        this.staff = staff;
    }

    @GetMapping("/acknowledgments/campaigns")
    String list(@AuthenticationPrincipal StewardUser me, Model model) {
        List<Listed> listed = new ArrayList<>();
        for (Campaign c : campaigns.list(me.districtId())) {
            listed.add(new Listed(c, policies.publishedDocument(me.districtId(), c.policyVersionId()).orElseThrow(),
                    reports.total(c, me)));
        }
        model.addAttribute("campaigns", listed);
        if (me.mayRunCampaigns()) {
            LocalDate today = campaigns.today(me.districtId());
            model.addAttribute("choices", choices(me.districtId()));
            model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
            model.addAttribute("jobs", staff.jobFunctions(me.districtId()));
            model.addAttribute("schoolYear", Campaigns.schoolYear(today));
            model.addAttribute("today", today);
            model.addAttribute("due", today.plusDays(30));
        }
        return "acknowledgments/campaigns";
    }

    @PostMapping("/acknowledgments/campaigns")
    String open(@AuthenticationPrincipal StewardUser me, @RequestParam String schoolYear,
                @RequestParam long policyVersionId, @RequestParam(name = "site", required = false) List<Long> site,
                @RequestParam(name = "job", required = false) List<String> job, @RequestParam LocalDate opensOn,
                @RequestParam LocalDate dueOn, RedirectAttributes redirect) {
        try {
            Campaign campaign = campaigns.open(me.districtId(), new Campaigns.Opening(schoolYear, policyVersionId,
                    site == null ? Set.of() : Set.copyOf(site), job == null ? Set.of() : Set.copyOf(job), opensOn,
                    dueOn), me.getUsername());
            redirect.addFlashAttribute("message", "The " + schoolYear + " campaign is open.");
            return "redirect:/acknowledgments/campaigns/" + campaign.id();
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/acknowledgments/campaigns";
        }
    }

    /** The report's two lists of people, each paged and sorted under its name: {@code ?unsigned.page=2}. */
    record People(ListParams unsigned, ListParams signed) {
    }

    @GetMapping("/acknowledgments/campaigns/{id}")
    String report(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long site,
                  People people, Model model) {
        Campaign campaign = campaigns.find(me.districtId(), id).orElseThrow(AcknowledgmentController::notFound);
        CompletionReport.Report report = reports.summary(campaign, me);
        String path = "/acknowledgments/campaigns/" + id;
        Paging unsigned = CompletionReport.NON_SIGNERS.paging(people.unsigned(), PAGE).at(path).named("unsigned")
                .keeping("q", q).keeping("site", site);
        Paging signed = CompletionReport.SIGNERS.paging(people.signed(), PAGE).at(path).named("signed")
                .keeping("q", q).keeping("site", site);
        unsigned.besides(signed);
        signed.besides(unsigned);
        CompletionReport.Filter filter = new CompletionReport.Filter(q, site);
        model.addAttribute("nonSigners", reports.people(campaign, me, false, filter, unsigned));
        model.addAttribute("signers", reports.people(campaign, me, true, filter, signed));
        model.addAttribute("q", q);
        model.addAttribute("site", site);
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
        model.addAttribute("report", report);
        model.addAttribute("document", policies.publishedDocument(me.districtId(), campaign.policyVersionId())
                .orElseThrow());
        model.addAttribute("chart", CompletionReport.chart(report.bySite()));
        model.addAttribute("ownStaffOnly", CompletionReport.scopeFor(me) != null);
        return "acknowledgments/report";
    }

    @GetMapping("/acknowledgments/campaigns/{id}/report.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StewardUser me, @PathVariable long id) {
        Campaign campaign = campaigns.find(me.districtId(), id).orElseThrow(AcknowledgmentController::notFound);
        CompletionReport.Report report = reports.of(campaign, me);
        byte[] body = CsvExport.of(List.of("employee_id", "name", "email", "site", "job_function", "due_on",
                "status", "supervisor", "supervisor_email"), report.nonSigners(), n -> java.util.Arrays.asList(
                n.employeeId(), n.name(), n.email(), n.site(), n.jobFunction(), n.dueOn(),
                n.suspended() ? "suspended" : n.overdue() ? "overdue" : "pending", n.supervisorName(),
                n.supervisorEmail()));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("non-signers-" + campaign.schoolYear() + "-" + id + ".csv").build().toString())
                .body(body);
    }

    @PostMapping("/acknowledgments/campaigns/{id}/remind")
    String remind(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        campaigns.find(me.districtId(), id).orElseThrow(AcknowledgmentController::notFound);
        try {
            Reminders.Sent sent = reminders.now(me.districtId(), id);
            redirect.addFlashAttribute("message", reminded(sent));
        } catch (Reminders.Refused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/acknowledgments/campaigns/" + id;
    }

    static String reminded(Reminders.Sent sent) {
        StringBuilder text = new StringBuilder(sent.reminded() == 1 ? "Reminded 1 person by e-mail"
                : "Reminded " + sent.reminded() + " people by e-mail");
        if (sent.alreadyToday() > 0) {
            text.append("; ").append(sent.alreadyToday()).append(sent.alreadyToday() == 1 ? " was" : " were")
                    .append(" reminded today already");
        }
        if (sent.withoutEmail() > 0) {
            text.append("; ").append(sent.withoutEmail()).append(sent.withoutEmail() == 1 ? " has" : " have")
                    .append(" no e-mail address on the roster (remind them in person)");
        }
        return text.append('.').toString();
    }

    @PostMapping("/acknowledgments/campaigns/{id}/close")
    String close(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        campaigns.find(me.districtId(), id).orElseThrow(AcknowledgmentController::notFound);
        try {
            campaigns.close(me.districtId(), id);
            redirect.addFlashAttribute("message", "Closed: nobody can sign in this campaign any more.");
        } catch (IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/acknowledgments/campaigns/" + id;
    }

    @GetMapping("/acknowledgments/signature-page")
    String signaturePage(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("statementsText", String.join("\n\n", signaturePage.statements(me.districtId()).stream()
                .map(Statement::text).toList()));
        model.addAttribute("settings", signaturePage.settings(me.districtId()));
        model.addAttribute("choices", choices(me.districtId()));
        return "acknowledgments/signature-page";
    }

    @PostMapping("/acknowledgments/signature-page/statements")
    String saveStatements(@AuthenticationPrincipal StewardUser me, @RequestParam String statements,
                          RedirectAttributes redirect) {
        try {
            signaturePage.replaceStatements(me.districtId(), Arrays.asList(statements.split("\\r?\\n\\s*\\r?\\n")));
            redirect.addFlashAttribute("message", "Statements saved. Signatures keep the statements they were "
                    + "signed with.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/acknowledgments/signature-page";
    }

    @PostMapping("/acknowledgments/signature-page/from-policy")
    String statementsFromPolicy(@AuthenticationPrincipal StewardUser me, @RequestParam long policyVersionId,
                                RedirectAttributes redirect) {
        PolicyDocument document = policies.publishedDocument(me.districtId(), policyVersionId)
                .orElseThrow(AcknowledgmentController::notFound);
        List<String> texts = SignaturePage.statementsOf(document);
        if (texts.isEmpty()) {
            redirect.addFlashAttribute("problem", document.version().title() + " has no signature page with "
                    + "statements; write them here instead.");
        } else {
            signaturePage.replaceStatements(me.districtId(), texts);
            redirect.addFlashAttribute("message", texts.size() + " statements taken from "
                    + document.version().title() + ", version " + document.version().number() + ".");
        }
        return "redirect:/acknowledgments/signature-page";
    }

    @PostMapping("/acknowledgments/signature-page/settings")
    String saveSettings(@AuthenticationPrincipal StewardUser me, @RequestParam int newHireDays,
                        @RequestParam int graceDays, @RequestParam(defaultValue = "false") boolean remindAtOpen,
                        @RequestParam String daysBefore, @RequestParam int overdueEveryDays,
                        RedirectAttributes redirect) {
        try {
            signaturePage.save(new Settings(me.districtId(), newHireDays, graceDays, remindAtOpen,
                    Settings.parseDays(daysBefore), overdueEveryDays));
            redirect.addFlashAttribute("message", "Settings saved.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/acknowledgments/signature-page";
    }

    /** Published versions, newest first, those of the policy the last campaign used before the others. */
    /** The published versions a campaign may ask for, the policy of the latest campaign first. */
    private List<Choice> choices(long districtId) {
        Long lastPolicy = campaigns.list(districtId).stream().findFirst()
                .flatMap(c -> policies.publishedDocument(districtId, c.policyVersionId()))
                .map(d -> d.policy().id()).orElse(null);
        List<PolicyLibrary.PublishedVersion> published = new ArrayList<>(policies.publishedVersions(districtId));
        published.sort(java.util.Comparator.comparing(v -> !Long.valueOf(v.policyId()).equals(lastPolicy)));
        List<Choice> choices = new ArrayList<>();
        published.forEach(v -> choices.add(new Choice(v.versionId(), v.title() + ", version " + v.number())));
        return choices;
    }
}
