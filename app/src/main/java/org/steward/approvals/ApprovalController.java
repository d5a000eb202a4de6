package org.steward.approvals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.policies.PolicyLibrary;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;
import org.steward.staff.PersonSearch;
import org.steward.staff.StaffDirectory;

/** Requests for prior approval: asking, the requester's list, the approvers' inbox, a request, the routes. */
@Controller
class ApprovalController {

    static final int PAGE = 50;

    private final PolicyLibrary policies;
    private final Approvals approvals;
    private final ApprovalRoutes routes;
    private final StaffDirectory staff;
    private final PersonSearch people;

    ApprovalController(Approvals approvals, ApprovalRoutes routes, StaffDirectory staff, PolicyLibrary policies,
                       PersonSearch people) {
        this.people = people;
        this.policies = policies;
        this.approvals = approvals;
        this.routes = routes;
        this.staff = staff;
    }

    /** The page's two lists, each paged and sorted under its own name: {@code ?inbox.page=2&mine.sort=status}. */
    record Lists(ListParams inbox, ListParams mine) {
    }

    @GetMapping("/approvals")
    String mine(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                @RequestParam(required = false) Kind kind, @RequestParam(required = false) Request.Status status,
                Lists lists, Model model) {
        Paging inbox = Approvals.INBOX_COLUMNS.paging(lists.inbox(), PAGE).at("/approvals").named("inbox")
                .keeping("q", q).keeping("kind", kind).keeping("status", status);
        Paging mine = Approvals.MINE_COLUMNS.paging(lists.mine(), PAGE).at("/approvals").named("mine")
                .keeping("q", q).keeping("kind", kind).keeping("status", status);
        inbox.besides(mine);
        mine.besides(inbox);
        model.addAttribute("inbox", approvals.inbox(me.districtId(), me, new Approvals.InboxFilter(q, kind), inbox));
        // someone without a staff record asks nothing: an empty list, counted as none
        model.addAttribute("mine", approvals.mine(me.districtId(), me.staffId() == null ? -1L : me.staffId(),
                status, mine));
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("status", status);
        model.addAttribute("kinds", Kind.values());
        model.addAttribute("statuses", Request.Status.values());
        return "approvals/list";
    }

    @GetMapping("/approvals/new")
    String form(@RequestParam Kind kind, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("values", Map.of());
        return "approvals/new";
    }

    @PostMapping("/approvals")
    String submit(@AuthenticationPrincipal StewardUser me, @RequestParam Kind kind, HttpServletRequest http,
                  Model model, RedirectAttributes redirect) {
        Map<String, String> values = new HashMap<>();
        kind.fields().forEach(f -> values.put(f.name(), http.getParameter(f.name()) == null ? ""
                : http.getParameter(f.name())));
        try {
            Request request = approvals.submit(me.districtId(), me, kind, values);
            redirect.addFlashAttribute("message", "Sent. You will be told by e-mail at each step.");
            return "redirect:/approvals/" + request.id();
        } catch (Approvals.Refused refused) {
            model.addAttribute("kind", kind);
            model.addAttribute("values", values);
            model.addAttribute("problem", refused.getMessage());
            return "approvals/new";
        }
    }

    @GetMapping("/approvals/{id}")
    String request(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Request request = approvals.find(me.districtId(), id).orElseThrow(ApprovalController::notFound);
        boolean requester = me.staffId() != null && me.staffId() == request.requesterStaffId();
        boolean approver = request.route().stream().anyMatch(r -> r != Role.SUPERVISOR && me.has(r))
                || staff.find(me.districtId(), request.requesterStaffId())
                .map(m -> me.staffId() != null && me.staffId().equals(m.supervisorId())).orElse(false);
        if (!requester && !approver && !me.hasAny(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN)) {
            throw notFound();
        }
        model.addAttribute("request", request);
        model.addAttribute("requester", people.labels(me.districtId(), List.of(request.requesterStaffId()))
                .getOrDefault(request.requesterStaffId(), request.requester()));
        model.addAttribute("cited", request.citation() == null ? null
                : policies.cited(me.districtId(), request.citation()).orElse(null));
        model.addAttribute("mayDecide", approvals.mayDecide(request, me));
        return "approvals/request";
    }

    @PostMapping("/approvals/{id}/decision")
    String decide(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(defaultValue = "false") boolean approve,
                  @RequestParam(defaultValue = "") String conditions, @RequestParam(defaultValue = "") String reason,
                  RedirectAttributes redirect) {
        approvals.find(me.districtId(), id).orElseThrow(ApprovalController::notFound);
        try {
            Request request = approvals.decide(me.districtId(), id, me, approve, conditions, reason);
            redirect.addFlashAttribute("message", "Recorded: the request is now "
                    + request.status().name().toLowerCase() + ".");
        } catch (Approvals.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/approvals/" + id;
    }

    @GetMapping("/approvals/routes")
    String routes(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("routes", routes.routes(me.districtId()));
        model.addAttribute("clauses", routes.clauses(me.districtId()));
        model.addAttribute("roles", List.of(Role.SUPERVISOR, Role.HR, Role.TECHNOLOGY, Role.RECORDS,
                Role.DISTRICT_ADMIN));
        return "approvals/routes";
    }

    @PostMapping("/approvals/routes")
    String saveRoute(@AuthenticationPrincipal StewardUser me, @RequestParam Kind kind,
                     @RequestParam(name = "step", required = false) List<String> steps, RedirectAttributes redirect) {
        List<Role> roles = new ArrayList<>();
        if (steps != null) {
            steps.stream().filter(s -> !s.isEmpty()).map(Role::valueOf).forEach(roles::add);
        }
        try {
            routes.saveRoute(me.districtId(), kind, roles);
            redirect.addFlashAttribute("message", "Saved the route for " + kind.title().toLowerCase() + ".");
        } catch (Approvals.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/approvals/routes";
    }

    @PostMapping("/approvals/routes/clause")
    String saveClause(@AuthenticationPrincipal StewardUser me, @RequestParam Kind kind,
                      @RequestParam(defaultValue = "") String clause, RedirectAttributes redirect) {
        try {
            routes.saveClause(me.districtId(), kind, clause);
            redirect.addFlashAttribute("message", "New requests for " + kind.title().toLowerCase()
                    + " name clause " + clause.strip() + ".");
        } catch (Approvals.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/approvals/routes";
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
