package org.steward.accounts;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's own passkeys (made and used in the browser by passkeys.js against Spring Security's WebAuthn
 * endpoints), the passkey step the district's rule sends some people to, and the rule's own page.
 */
@Controller
class PasskeyController {

    private final Passkeys passkeys;
    private final PasskeyRequirement requirement;

    PasskeyController(Passkeys passkeys, PasskeyRequirement requirement) {
        this.passkeys = passkeys;
        this.requirement = requirement;
    }

    @GetMapping("/account/passkeys")
    String passkeys(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("passkeys", passkeys.of(me.accountId()));
        model.addAttribute("required", requirement.appliesTo(me));
        return "accounts/passkeys";
    }

    @PostMapping("/account/passkeys/{id}/remove")
    String remove(@AuthenticationPrincipal StewardUser me, @PathVariable String id, RedirectAttributes redirect) {
        String label = passkeys.remove(me, id);
        redirect.addFlashAttribute("message", "The passkey '" + label + "' is removed: it no longer signs you in.");
        return "redirect:/account/passkeys";
    }

    /** Where a person the rule asks for a passkey is sent, signed in without one, until they use one. */
    @GetMapping(PasskeysAndSessions.PASSKEY_NEEDED)
    String passkeyNeeded(@AuthenticationPrincipal StewardUser me, Authentication signedIn, Model model) {
        boolean usedPasskey = signedIn.getAuthorities().stream()
                .anyMatch(a -> FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(a.getAuthority()));
        if (usedPasskey || !requirement.appliesTo(me)) {
            return "redirect:/";
        }
        model.addAttribute("hasPasskey", passkeys.hasAny(me.accountId()));
        model.addAttribute("signedInAs", me.displayName() + " (" + me.getUsername() + ")");
        return "accounts/passkey-needed";
    }

    @GetMapping("/accounts/sign-in")
    String rule(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("setting", requirement.of(me.districtId()).orElse(null));
        model.addAttribute("roles", PasskeyRequirement.ROLES);
        return "accounts/sign-in-rule";
    }

    @PostMapping("/accounts/sign-in")
    String setRule(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "false") boolean passkeysRequired,
                   RedirectAttributes redirect) {
        requirement.set(me, passkeysRequired);
        redirect.addFlashAttribute("message", passkeysRequired
                ? "Passkeys are required: the people holding these roles use one from their next page on."
                : "Passkeys are no longer required; people who have one may still use it.");
        return "redirect:/accounts/sign-in";
    }
}
