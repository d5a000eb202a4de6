package org.steward.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpSession;

/**
 * A person's own sessions, each of which they sign out, and a district administrator's view of a person's sessions
 * with the one button that signs them all out.
 */
@Controller
class SessionsController {

    private final SignInSessions sessions;
    private final Accounts accounts;
    private final Passkeys passkeys;

    SessionsController(SignInSessions sessions, Accounts accounts, Passkeys passkeys) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.passkeys = passkeys;
    }

    @GetMapping("/account/sessions")
    String mine(@AuthenticationPrincipal StewardUser me, HttpSession session, Model model) {
        model.addAttribute("sessions", sessions.of(me.accountId(), session.getId()));
        return "accounts/sessions";
    }

    @PostMapping("/account/sessions/{key}/end")
    String endMine(@AuthenticationPrincipal StewardUser me, @PathVariable String key, RedirectAttributes redirect) {
        sessions.endOwn(me, key);
        redirect.addFlashAttribute("message", "That session is signed out: its browser is asked to sign in again.");
        return "redirect:/account/sessions";
    }

    @GetMapping("/accounts/{id}/sessions")
    String theirs(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Account account = inDistrict(me, id);
        model.addAttribute("account", account);
        model.addAttribute("sessions", sessions.of(account.id(), null));
        model.addAttribute("passkeys", passkeys.of(account.id()));
        return "accounts/account-sessions";
    }

    @PostMapping("/accounts/{id}/sessions/end")
    String endTheirs(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        Account account = inDistrict(me, id);
        if (account.id() == me.accountId()) {
            throw new IllegalArgumentException("These are your own sessions: sign them out from your list of sessions.");
        }
        int ended = sessions.endAll(account.id(), "signed out by " + me.displayName() + ", district administrator");
        redirect.addFlashAttribute("message", ended == 0 ? account.displayName() + " had no session to sign out."
                : "Signed out " + ended + " session" + (ended == 1 ? "" : "s") + " of " + account.displayName() + ".");
        return "redirect:/accounts/" + id + "/sessions";
    }

    /** A person who lost the device their passkey was on: they make a new one at their next sign-in. */
    @PostMapping("/accounts/{id}/passkeys/remove")
    String removePasskeys(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        Account account = inDistrict(me, id);
        int removed = passkeys.removeAll(me, account.id());
        redirect.addFlashAttribute("message", removed == 0 ? account.displayName() + " had no passkey."
                : "Removed " + removed + " passkey" + (removed == 1 ? "" : "s") + " of " + account.displayName()
                + ": they make a new one at their next sign-in.");
        return "redirect:/accounts/" + id + "/sessions";
    }

    /** An account of the district the administrator acts in; another district's answers as a missing one. */
    private Account inDistrict(StewardUser me, long id) {
        return accounts.findById(id).filter(a -> a.districtId() == me.districtId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no such account in your district."));
    }
}
