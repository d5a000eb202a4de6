package org.steward.investigations;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;
import org.steward.staff.PersonSearch;

/**
 * The cases' pages: the district's list for investigators, "my cases" for anyone assigned, and one case's page,
 * which asks {@link CaseAccess} first (404 for another district's case or one the person is not on) and records
 * the look in the audit trail. Every change goes through {@link Cases}; a refusal is shown on the page, nothing
 * changed.
 */
@Controller
class CaseController {

    static final int PAGE = 50;

    private final Cases cases;
    private final CaseList list;
    private final CaseAccess access;
    private final AccountDirectory accounts;
    private final PersonSearch people;
    private final CaseViews views;
    private final EvidenceLocker evidence;
    private final AuditLog audit;

    CaseController(Cases cases, CaseList list, CaseAccess access, AccountDirectory accounts, PersonSearch people,
                   CaseViews views, EvidenceLocker evidence, AuditLog audit) {
        this.cases = cases;
        this.list = list;
        this.access = access;
        this.accounts = accounts;
        this.people = people;
        this.views = views;
        this.evidence = evidence;
        this.audit = audit;
    }

    @GetMapping("/investigations/cases")
    String cases(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String status,
                 @RequestParam(required = false) Long assignee, ListParams params, Model model) {
        String s = statusOrBlank(status);
        Paging paging = CaseList.COLUMNS.paging(params, PAGE).at("/investigations/cases").keeping("status", s)
                .keeping("assignee", assignee);
        model.addAttribute("cases", list.page(me.districtId(), new CaseList.Filter(s, assignee), paging));
        model.addAttribute("status", s);
        model.addAttribute("assignee", assignee);
        model.addAttribute("statuses", Case.Status.values());
        model.addAttribute("accounts", list.onSomeCase(accounts.inDistrict(me.districtId())));
        return "investigations/cases/list";
    }

    @GetMapping("/investigations/cases/mine")
    String mine(@AuthenticationPrincipal StewardUser me, ListParams params, Model model) {
        Paging paging = CaseList.COLUMNS.paging(params, PAGE).at("/investigations/cases/mine");
        model.addAttribute("cases", list.page(me.districtId(), new CaseList.Filter("", me.accountId()), paging));
        return "investigations/cases/mine";
    }

    @PostMapping("/investigations/cases")
    String open(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String subject, RedirectAttributes redirect) {
        try {
            Long staffId = null;
            if (!subject.isBlank()) {
                if (!(people.find(me, subject, false) instanceof PersonSearch.Found.Person found)) {
                    throw new Cases.Refused("No one on the roster is named exactly \"" + subject.strip()
                            + "\": give the subject's employee id, e-mail address or full name, or leave it empty.");
                }
                staffId = found.person().id();
            }
            return opened(cases.openFromNothing(me, title, staffId), redirect);
        } catch (Cases.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/investigations/cases";
        }
    }

    @PostMapping("/investigations/referrals/{id}/case")
    String openFromReferral(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                            RedirectAttributes redirect) {
        try {
            return opened(cases.openFromReferral(me, id), redirect);
        } catch (Cases.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/investigations";
        }
    }

    @PostMapping("/investigations/incidents/case")
    String openFromIncident(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String incident,
                            RedirectAttributes redirect) {
        try {
            long id;
            try {
                id = Long.parseLong(incident.strip());
            } catch (NumberFormatException e) {
                throw new Cases.Refused("Give the device incident's number, as its page shows it.");
            }
            return opened(cases.openFromIncident(me, id), redirect);
        } catch (Cases.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/investigations/cases";
        }
    }

    private static String opened(Case opened, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", "Case " + opened.number() + " is open.");
        return "redirect:/investigations/cases/" + opened.id();
    }

    @GetMapping("/investigations/cases/{id}")
    String kase(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        CaseAccess.CaseHeader header = access.check(me, id);
        CaseView view = views.view(me, id);
        Case kase = view.kase();
        audit.record(me.districtId(), "CASE_VIEWED", "investigation_case", id,
                "case %d viewed by %s".formatted(header.number(), me.getUsername()));
        model.addAttribute("view", view);
        model.addAttribute("case", header);
        model.addAttribute("theCase", header);
        model.addAttribute("evidence", evidence.page(me, id, EvidenceLocker.COLUMNS
                .paging(new ListParams(null, null, null, null), EvidenceController.PAGE)
                .at("/investigations/cases/" + id + "/evidence")));
        model.addAttribute("mayInvestigate", me.mayInvestigate());
        if (me.mayInvestigate() && kase.status() == Case.Status.OPEN) {
            model.addAttribute("accounts", accounts.inDistrict(me.districtId()).stream()
                    .filter(a -> !kase.isOn(a.id())).toList());
            model.addAttribute("outcomes", Case.Outcome.values());
            model.addAttribute("clauses", kase.subjectStaffId() == null ? List.of()
                    : cases.signedClauses(me.districtId(), kase.subjectStaffId()));
            model.addAttribute("signed", kase.subjectStaffId() == null ? null
                    : cases.signedVersion(me.districtId(), kase.subjectStaffId()).orElse(null));
        }
        if (kase.mergedInto() != null) {
            model.addAttribute("survivor", cases.find(me, kase.mergedInto()).number());
        }
        return "investigations/cases/case";
    }

    @PostMapping("/investigations/cases/{id}/subject")
    String subject(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String subject, RedirectAttributes redirect) {
        return act(me, id, redirect, "The subject is named.", () -> {
            if (!(people.find(me, subject, false) instanceof PersonSearch.Found.Person found)) {
                throw new Cases.Refused("No one on the roster is named exactly \"" + subject.strip()
                        + "\": give the subject's employee id, e-mail address or full name.");
            }
            cases.nameSubject(me, id, found.person().id());
        });
    }

    @PostMapping("/investigations/cases/{id}/people")
    String assign(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(required = false) Long account, RedirectAttributes redirect) {
        return act(me, id, redirect, "Assigned: they see the case now.", () -> {
            if (account == null) {
                throw new Cases.Refused("Choose whom to assign.");
            }
            cases.assign(me, id, account);
        });
    }

    @PostMapping("/investigations/cases/{id}/tasks")
    String task(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                @RequestParam(defaultValue = "") String title, @RequestParam(required = false) String assignee,
                @RequestParam(defaultValue = "") String due, RedirectAttributes redirect) {
        return act(me, id, redirect, "Task added.", () -> cases.addTask(me, id, title, accountId(assignee), due));
    }

    @PostMapping("/investigations/cases/{id}/tasks/{index}/done")
    String taskDone(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int index,
                    RedirectAttributes redirect) {
        return act(me, id, redirect, "Task done.", () -> cases.completeTask(me, id, index));
    }

    @PostMapping("/investigations/cases/{id}/notes")
    String note(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                @RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
        return act(me, id, redirect, "Note added.", () -> cases.addNote(me, id, text));
    }

    @PostMapping("/investigations/cases/{id}/links")
    String link(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                @RequestParam(defaultValue = "") String number, RedirectAttributes redirect) {
        return act(me, id, redirect, "Linked.", () -> cases.link(me, id, caseNumber(number, "to link to")));
    }

    @PostMapping("/investigations/cases/{id}/merge")
    String merge(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                 @RequestParam(defaultValue = "") String number, RedirectAttributes redirect) {
        return act(me, id, redirect, "Merged: the case carries on in the case it was merged into.",
                () -> cases.merge(me, id, caseNumber(number, "to merge into")));
    }

    @PostMapping("/investigations/cases/{id}/close")
    String close(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                 @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String clause,
                 @RequestParam(defaultValue = "") String summary, RedirectAttributes redirect) {
        return act(me, id, redirect, "Closed with its outcome.", () -> cases.close(me, id,
                new Case.Decision(outcome(outcome), clause, summary)));
    }

    private String act(StewardUser me, long id, RedirectAttributes redirect, String done, Runnable change) {
        access.check(me, id);
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        } catch (Cases.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/investigations/cases/" + id;
    }

    private static Long accountId(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(typed.strip());
        } catch (NumberFormatException e) {
            throw new Cases.Refused("Choose the task's assignee from the case's people.");
        }
    }

    /** A case's number as typed: the district's open cases are too many to offer in a list (issue 20). */
    private static int caseNumber(String typed, String what) {
        try {
            return Integer.parseInt(typed.strip().replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            throw new Cases.Refused("Give the number of the case " + what + ", as the list of cases shows it.");
        }
    }

    private static Case.Outcome outcome(String typed) {
        try {
            return typed.isBlank() ? null : Case.Outcome.valueOf(typed.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Cases.Refused("\"" + typed.strip() + "\" is not an outcome: choose one of the list.");
        }
    }

    private static String statusOrBlank(String status) {
        if (status.isBlank()) {
            return "";
        }
        try {
            return Case.Status.valueOf(status.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "A case is open, closed or merged.");
        }
    }
}
