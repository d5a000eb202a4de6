package org.steward.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;
import org.steward.audit.ChainVerification;

@Controller
class AuditController {

    static final int PAGE = 100;

    private final AuditLog audit;
    private final AuditedPeople names;

    AuditController(AuditLog audit, AuditedPeople names) {
        this.audit = audit;
        this.names = names;
    }

    @GetMapping("/audit")
    String log(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String type,
               @RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String actor,
               @RequestParam(defaultValue = "") String action, ListParams list, Model model) {
        Paging paging = AuditLog.COLUMNS.paging(list, PAGE).at("/audit").keeping("type", type).keeping("id", id)
                .keeping("actor", actor).keeping("action", action);
        var entries = audit.page(me.districtId(), new AuditLog.Filter(type, id, actor, action), paging);
        model.addAttribute("entries", entries);
        model.addAttribute("lines", names.of(me.districtId(), entries.rows()));
        model.addAttribute("type", type);
        model.addAttribute("id", id);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("checkpoint", audit.lastCheckpoint(me.districtId()).orElse(null));
        return "audit/log";
    }

    @PostMapping("/audit/checkpoint")
    String checkpoint(@AuthenticationPrincipal StewardUser me, RedirectAttributes redirect) {
        audit.checkpoint(me.districtId());
        redirect.addFlashAttribute("message", "A checkpoint of the chain was written.");
        return "redirect:/audit";
    }

    @PostMapping("/audit/verify")
    String verify(@AuthenticationPrincipal StewardUser me, RedirectAttributes redirect) {
        ChainVerification result = audit.verify(me.districtId());
        audit.record(me.districtId(), "AUDIT_VERIFIED", "audit", me.districtId(),
                result.intact() ? "intact, " + result.checked() + " entries"
                        : "broken at entry " + result.brokenAtSequence() + ": " + result.problem());
        redirect.addFlashAttribute("verification", result);
        return "redirect:/audit";
    }
}
