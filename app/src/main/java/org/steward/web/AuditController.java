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
import org.steward.audit.ChainVerification;

@Controller
class AuditController {

    private final AuditLog audit;
    private final AuditedPeople names;

    AuditController(AuditLog audit, AuditedPeople names) {
        this.audit = audit;
        this.names = names;
    }

    @GetMapping("/audit")
    String log(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String type,
               @RequestParam(defaultValue = "") String id, Model model) {
        model.addAttribute("entries", names.of(me.districtId(), audit.latest(me.districtId(), type, id, 200)));
        model.addAttribute("type", type);
        model.addAttribute("id", id);
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
