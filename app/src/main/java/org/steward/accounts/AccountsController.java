package org.steward.accounts;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/**
 * A district administrator's accounts: the roster with who can sign in and how, each account's roles with their
 * history, and the invitation to set a password.
 */
@Controller
class AccountsController {

    static final int PAGE = 50;

    private final DistrictAccounts accounts;

    AccountsController(DistrictAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/accounts")
    String roster(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                  ListParams list, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Paging paging = DistrictAccounts.COLUMNS.paging(list, PAGE).at("/accounts").keeping("q", q);
        model.addAttribute("people", accounts.roster(me.districtId(), q, paging));
        model.addAttribute("q", q);
        return htmx != null ? "accounts/roster :: results" : "accounts/roster";
    }

    @PostMapping("/accounts/for-staff/{staffId}")
    String forStaff(@AuthenticationPrincipal StewardUser me, @PathVariable long staffId,
                    RedirectAttributes redirect) {
        try {
            return "redirect:/accounts/" + accounts.accountFor(me, staffId);
        } catch (IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/accounts";
        }
    }

    @GetMapping("/accounts/{id}")
    String account(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        model.addAttribute("view", accounts.view(me.districtId(), id));
        model.addAttribute("grantable", List.copyOf(RoleHolder.GRANTABLE));
        return "accounts/account";
    }

    @PostMapping("/accounts/{id}/roles")
    String grant(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                 @RequestParam(required = false) Role role, @RequestParam(defaultValue = "") String reason,
                 RedirectAttributes redirect) {
        return change(id, redirect, () -> {
            accounts.grant(me, id, role, reason);
            return role.title() + " is given.";
        });
    }

    @PostMapping("/accounts/{id}/roles/revoke")
    String revoke(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(required = false) Role role, @RequestParam(defaultValue = "") String reason,
                  RedirectAttributes redirect) {
        return change(id, redirect, () -> {
            accounts.revoke(me, id, role, reason);
            return role.title() + " is taken back.";
        });
    }

    @PostMapping("/accounts/{id}/close")
    String close(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                 @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return change(id, redirect, () -> {
            accounts.close(me, id, reason);
            return "The account is closed: it can no longer sign in.";
        });
    }

    @PostMapping("/accounts/{id}/reopen")
    String reopen(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return change(id, redirect, () -> {
            accounts.reopen(me, id, reason);
            return "The account is open again.";
        });
    }

    /** Makes one change to an account and says so on its page, or says why it was refused and that nothing changed. */
    private static String change(long id, RedirectAttributes redirect, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("message", change.get());
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was changed.");
        }
        return "redirect:/accounts/" + id;
    }

    @PostMapping("/accounts/{id}/invite")
    String invite(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            accounts.invite(me.districtId(), id, me.displayName());
            redirect.addFlashAttribute("message", "The invitation is on its way. The link works once, for seven days.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was sent.");
        }
        return "redirect:/accounts/" + id;
    }
}
